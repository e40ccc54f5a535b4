using System.Buffers.Binary;
using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Tests.Objects;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Elf;

/// <summary>Hand-built specs written by <see cref="ElfWriter"/>, read back, and loaded into the kernel.</summary>
public sealed class ElfWriterTests
{
    private static readonly BtfTypedef U32 = new("__u32", BtfInt.Unsigned("unsigned int", 4));
    private static readonly BtfTypedef U64 = new("__u64", BtfInt.Unsigned("unsigned long long", 8));

    /// <summary>Raw instruction slots: opcode, dst, src, off, imm.</summary>
    private static byte[] Insn(byte opcode, int dst = 0, int src = 0, short off = 0, int imm = 0)
    {
        var slot = new byte[8];
        slot[0] = opcode;
        slot[1] = (byte)((src << 4) | dst);
        BinaryPrimitives.WriteInt16LittleEndian(slot.AsSpan(2), off);
        BinaryPrimitives.WriteInt32LittleEndian(slot.AsSpan(4), imm);
        return slot;
    }

    private static byte[] Code(params byte[][] slots) => [.. slots.SelectMany(s => s)];

    private static readonly byte[] Exit = Insn(0x95);

    private static byte[] MovImm(int dst, int imm) => Insn(0xb7, dst, imm: imm);

    private static byte[] Lddw(int dst, int src, int imm0, int imm1 = 0) => [.. Insn(0x18, dst, src, imm: imm0), .. Insn(0, imm: imm1)];

    /// <summary>XDP: <c>r0 = 2; exit</c>.</summary>
    public static ObjectSpec XdpPass() => new(
        "GPL",
        EquatableArray.Create(new ProgramSpec("xdp_pass", "xdp", ProgramType.Xdp, Code(MovImm(0, 2), Exit))),
        EquatableArray<MapSpec>.Empty);

    /// <summary>XDP: <c>lddw r1, map; r2 = r10; r2 += -4; *(u32 *)(r10 - 4) = 0; call map_lookup_elem; r0 = 2; exit</c>, with a typed and a sized map.</summary>
    public static ObjectSpec XdpMapLookup() => new(
        "GPL",
        EquatableArray.Create(
            new ProgramSpec("xdp_lookup", "xdp", ProgramType.Xdp, Code(
                Lddw(1, BpfInstructionLayout.PseudoMapFd, 0),
                Insn(0xbf, 2, 10),
                Insn(0x07, 2, imm: -4),
                Insn(0x62, 10, off: -4, imm: 0),
                Insn(0x85, imm: 1),
                MovImm(0, 2),
                Exit))
            {
                Relocations = EquatableArray.Create(new Relocation(0, RelocationKind.MapFd, "table")),
            }),
        EquatableArray.Create(
            new MapSpec("table", MapType.Hash, 4, 8, 16) { Key = U32, Value = U64 },
            new MapSpec("sized", MapType.PercpuArray, 4, 24, 3)));

    /// <summary>XDP reading <c>.rodata</c> at offset 4 (lddw src=2), a subprogram call, a .bss counter and the other map kinds a pipeline needs.</summary>
    public static ObjectSpec XdpEverything()
    {
        var inner = new MapSpec("jump_inner", MapType.Array, 4, 4, 1);
        var main = Code(
            Lddw(1, BpfInstructionLayout.PseudoMapValue, 4, 4),   // 0: r1 = &.rodata[4]
            Insn(0x61, 0, 1, 0),                                    // 2: r0 = *(u32 *)(r1 + 0)
            Insn(0x85, 0, BpfInstructionLayout.PseudoCall, imm: 1), // 3: call 5 (add_one)
            Exit);                                                  // 4
        var sub = Code(
            Lddw(2, BpfInstructionLayout.PseudoMapValue, 5, 0),   // 5: r2 = &.bss[0]
            Insn(0x61, 3, 2, 0),                                    // 7: r3 = *(u32 *)(r2 + 0)
            Insn(0x07, 3, imm: 1),                                  // 8: r3 += 1
            Insn(0x63, 2, 3, 0),                                    // 9: *(u32 *)(r2 + 0) = r3
            MovImm(0, 2),                                           // 10: r0 = XDP_PASS
            Exit);                                                  // 11
        return new ObjectSpec(
            "Dual BSD/GPL",
            EquatableArray.Create(
                new ProgramSpec("xdp_everything", "xdp", ProgramType.Xdp, Code(main, sub))
                {
                    Relocations = EquatableArray.Create(
                        new Relocation(0, RelocationKind.MapValue, ".rodata", 4),
                        new Relocation(3, RelocationKind.Call, "add_one"),
                        new Relocation(5, RelocationKind.MapValue, ".bss", 0)),
                },
                new ProgramSpec("tc_target", "tc", ProgramType.SchedCls, Code(MovImm(0, 0), Exit))),
            EquatableArray.Create(
                new MapSpec("routes", MapType.LpmTrie, 8, 4, 64) { Flags = MapSpec.FlagNoPrealloc },
                new MapSpec("jumps", MapType.ProgArray, 4, 4, 2) { Slots = EquatableArray.Create(new MapSlot(1, "tc_target")) },
                inner,
                new MapSpec("outer", MapType.ArrayOfMaps, 4, 4, 2)
                {
                    InnerMap = inner with { Name = "outer.inner" },
                    Slots = EquatableArray.Create(new MapSlot(0, "jump_inner")),
                },
                MapSpec.ForDataSection(".rodata", [1, 0, 0, 0, 2, 0, 0, 0]),
                MapSpec.ForDataSection(".bss", new byte[4])));
    }

    public static TheoryData<string> Specs() => ["XdpPass", "XdpMapLookup", "XdpEverything"];

    private static ObjectSpec Build(string name) => name switch
    {
        "XdpPass" => XdpPass(),
        "XdpMapLookup" => XdpMapLookup(),
        "XdpEverything" => XdpEverything(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Written_object_reads_back_as_the_same_spec(string name)
    {
        var spec = Build(name);
        spec.Validate().Should().BeEmpty();
        var bytes = ElfWriter.Write(spec);
        var read = ElfReader.Read(bytes);
        SpecText.Format(read).Should().Be(SpecText.Format(spec));
        read.Should().Be(spec);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Writing_is_deterministic(string name)
    {
        var first = ElfWriter.Write(Build(name));
        ElfWriter.Write(Build(name)).Should().Equal(first);
        ElfWriter.Write(ElfReader.Read(first)).Should().Equal(first);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Llvm_tools_accept_the_written_object(string name)
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var path = Path.Combine(TestTemp.NewDirectory("p4bpf-elfw-"), name + ".o");
        ElfWriter.WriteFile(Build(name), path);
        var (exit, stdout, stderr) = Tooling.Run("llvm-readelf", $"-a \"{path}\"");
        exit.Should().Be(0, stderr);
        stderr.Should().NotContain("warning");
        stdout.Should().Contain("BPF");
        var (dexit, _, derr) = Tooling.Run("llvm-objdump", $"-d -r \"{path}\"");
        dexit.Should().Be(0, derr);
        derr.Should().BeEmpty();
    }

    [Fact]
    public void Kernel_loads_the_xdp_pass_object()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var path = WriteTemp(XdpPass(), "xdp_pass");
        using var kernel = KernelBpf.LoadAll(path);
        kernel.Programs.Should().Equal("xdp_pass");
    }

    [Fact]
    public void Kernel_loads_the_map_lookup_object_with_its_maps()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var path = WriteTemp(XdpMapLookup(), "lookup");
        using var kernel = KernelBpf.LoadAll(path);
        kernel.Programs.Should().Contain("xdp_lookup");
        var table = kernel.Map("table");
        table.GetProperty("type").GetString().Should().Be("hash");
        table.GetProperty("bytes_key").GetInt32().Should().Be(4);
        table.GetProperty("bytes_value").GetInt32().Should().Be(8);
        table.GetProperty("max_entries").GetInt32().Should().Be(16);
        table.TryGetProperty("btf_id", out var btfId).Should().BeTrue("the kernel accepted the written BTF for the typed key and value");
        btfId.GetInt32().Should().BePositive();
        var sized = kernel.Map("sized");
        sized.GetProperty("type").GetString().Should().Be("percpu_array");
        sized.GetProperty("bytes_value").GetInt32().Should().Be(24);
        sized.GetProperty("max_entries").GetInt32().Should().Be(3);
    }

    [Fact]
    public void Kernel_loads_global_data_subprograms_and_maps_of_maps()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var path = WriteTemp(XdpEverything(), "every");
        using var kernel = KernelBpf.LoadAll(path);
        kernel.Programs.Should().Contain(["xdp_everything", "tc_target"]);
        kernel.MapPins.Should().Contain(["every_rodata", "every_bss", "routes", "jumps", "outer", "jump_inner"]);
        kernel.Map("routes").GetProperty("type").GetString().Should().Be("lpm_trie");
        kernel.Map("routes").GetProperty("flags").GetInt32().Should().Be(1);
        kernel.Map("jumps").GetProperty("type").GetString().Should().Be("prog_array");
        kernel.Map("outer").GetProperty("type").GetString().Should().Be("array_of_maps");
        var rodata = kernel.Map("every_rodata");
        rodata.GetProperty("type").GetString().Should().Be("array");
        rodata.GetProperty("bytes_value").GetInt32().Should().Be(8);
    }

    [Fact]
    public void Invalid_spec_is_rejected_with_the_reason()
    {
        var spec = XdpMapLookup() with { Maps = EquatableArray<MapSpec>.Empty };
        var act = () => ElfWriter.Write(spec);
        act.Should().Throw<ArgumentException>().WithMessage("*unknown map 'table'*");
    }

    [Fact]
    public void Map_value_reference_to_a_non_data_map_is_rejected()
    {
        var spec = XdpMapLookup();
        var program = spec.Programs[0];
        var code = program.Bytecode.AsSpan().ToArray();
        code[1] = (BpfInstructionLayout.PseudoMapValue << 4) | 1;
        var changed = spec with
        {
            Programs = EquatableArray.Create(program with
            {
                Bytecode = code,
                Relocations = EquatableArray.Create(new Relocation(0, RelocationKind.MapValue, "table", 0)),
            }),
        };
        var act = () => ElfWriter.Write(changed);
        act.Should().Throw<ArgumentException>().WithMessage("*MapValue only for global data sections, not 'table'*");
    }

    internal static string WriteTemp(ObjectSpec spec, string name)
    {
        var path = Path.Combine(TestTemp.NewDirectory("p4bpf-elfw-"), name + ".o");
        ElfWriter.WriteFile(spec, path);
        return path;
    }
}
