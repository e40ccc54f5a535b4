using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Tests.Objects;

public sealed class ObjectSpecTests
{
    [Theory]
    [InlineData("xdp", ProgramType.Xdp)]
    [InlineData("xdp/devmap", ProgramType.Xdp)]
    [InlineData("xdp.frags", ProgramType.Xdp)]
    [InlineData("tc", ProgramType.SchedCls)]
    [InlineData("tc/ingress", ProgramType.SchedCls)]
    [InlineData("classifier", ProgramType.SchedCls)]
    [InlineData("classifier/egress", ProgramType.SchedCls)]
    [InlineData("action", ProgramType.SchedAct)]
    [InlineData("socket", ProgramType.SocketFilter)]
    [InlineData("kprobe/do_sys_open", ProgramType.Kprobe)]
    [InlineData("tracepoint/syscalls/sys_enter_open", ProgramType.Tracepoint)]
    [InlineData("cgroup_skb/ingress", ProgramType.CgroupSkb)]
    [InlineData("sk_skb/stream_parser", ProgramType.SkSkb)]
    [InlineData("lwt_xmit", ProgramType.LwtXmit)]
    [InlineData("xdpfoo", ProgramType.Unspec)]
    [InlineData("tcx", ProgramType.SchedCls)]
    [InlineData("socketx", ProgramType.Unspec)]
    [InlineData(".text", ProgramType.Unspec)]
    public void Program_type_is_inferred_from_the_section_name(string section, ProgramType type) =>
        ProgramSections.InferType(section).Should().Be(type);

    [Theory]
    [InlineData(".rodata", "prog", "prog.rodata")]
    [InlineData(".bss", "a_very_long_object_name", "a_very_l.bss")]
    [InlineData(".data", "my-obj", "my_obj.data")]
    [InlineData(".rodata.str1.1", "prog", ".rodata.str1.1")]
    public void Data_sections_get_libbpf_kernel_names(string section, string objectName, string kernelName) =>
        MapSpec.ForDataSection(section, [0]).KernelName(objectName).Should().Be(kernelName);

    [Fact]
    public void Data_section_map_is_a_one_entry_array()
    {
        var map = MapSpec.ForDataSection(".rodata", [1, 2, 3]);
        map.Should().Be(new MapSpec(".rodata", MapType.Array, 4, 3, 1) { Flags = MapSpec.FlagReadOnlyProg, InitialData = EquatableArray.Create<byte>(1, 2, 3) });
        map.IsDataSection.Should().BeTrue();
        MapSpec.ForDataSection(".bss", new byte[8]).IsBss.Should().BeTrue();
        map.Validate().Should().BeEmpty();
    }

    [Fact]
    public void Map_validation_names_the_problem()
    {
        new MapSpec("m", MapType.Hash, 4, 8, 10) { Key = BtfInt.Unsigned("u64", 8) }.Validate()
            .Should().ContainSingle().Which.Should().Be("map 'm': key type has size 8, key size is 4");
        new MapSpec("outer", MapType.ArrayOfMaps, 4, 4, 2).Validate()
            .Should().ContainSingle().Which.Should().Contain("needs an inner map");
        new MapSpec("j", MapType.ProgArray, 4, 4, 2) { Slots = EquatableArray.Create(new MapSlot(5, "p")) }.Validate()
            .Should().ContainSingle().Which.Should().Contain("past max_entries");
        new MapSpec(".data", MapType.Array, 4, 8, 1).Validate()
            .Should().ContainSingle().Which.Should().Contain("initial data has 0 bytes");
    }

    [Fact]
    public void Object_validation_checks_references()
    {
        byte[] lddw = [0x18, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0];
        var program = new ProgramSpec("p", "xdp", ProgramType.Xdp, lddw)
        {
            Relocations = EquatableArray.Create(new Relocation(0, RelocationKind.MapFd, "missing")),
        };
        var spec = new ObjectSpec("GPL", EquatableArray.Create(program, program),
            EquatableArray.Create(new MapSpec("j", MapType.ProgArray, 4, 4, 2) { Slots = EquatableArray.Create(new MapSlot(0, "nobody")) }));
        spec.Validate().Should().BeEquivalentTo(
            "duplicate program name 'p'",
            "program 'p': instruction 0 refers to unknown map 'missing'",
            "program 'p': instruction 0 refers to unknown map 'missing'",
            "map 'j': slot 0 refers to unknown program 'nobody'");
        (program with { Bytecode = new byte[] { 1, 2, 3 } }).Validate([]).Should().ContainSingle().Which.Should().Contain("not a positive multiple of 8");
    }

    [Fact]
    public void Specs_compare_by_value()
    {
        var a = new ProgramSpec("p", "xdp", ProgramType.Xdp, new byte[] { 0xb7, 0, 0, 0, 2, 0, 0, 0 });
        var b = new ProgramSpec("p", "xdp", ProgramType.Xdp, new byte[] { 0xb7, 0, 0, 0, 2, 0, 0, 0 });
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { Bytecode = new byte[] { 0xb7, 0, 0, 0, 1, 0, 0, 0 } }).Should().NotBe(b);
    }
}
