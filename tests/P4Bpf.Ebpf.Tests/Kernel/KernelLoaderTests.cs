using System.Buffers.Binary;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Tests.Differential;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary><see cref="KernelLoader"/>: global data, BTF-typed maps, verifier rejections with the log, pinning and reuse, clean unload.</summary>
public sealed class KernelLoaderTests
{
    [Fact]
    public void GlobalDataIsWrittenAndRodataFrozenAndMapsCarryBtf()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var spec = ElfReader.ReadFile(Corpus.Compile("xdp_maps.c"));
        using var loaded = KernelLoader.Load(spec, new KernelLoaderOptions("xdp_maps"));
        loaded.Notes.Should().BeEmpty("the kernel accepts our BTF for every map");

        var rodata = loaded.GetMap(".rodata");
        rodata.KernelName.Should().Be("xdp_maps.rodata");
        loaded.Map("xdp_maps.rodata").Should().BeSameAs(rodata);
        rodata.Lookup(new byte[4]).Should().Equal(spec.Map(".rodata")!.InitialData.AsSpan().ToArray());
        rodata.Update(new byte[4], new byte[rodata.ValueSize]).Should().Be(-Errno.EPERM, ".rodata is frozen after its contents are written");

        var hash = loaded.GetMap("h");
        hash.Info.BtfKeyTypeId.Should().NotBe(0u);
        hash.Info.BtfValueTypeId.Should().NotBe(0u);
        hash.QueryInfo().BtfId.Should().NotBe(0u);
        loaded.GetMap("routes").Flags.Should().HaveFlag(MapFlags.NoPrealloc);
        loaded.GetMap("pc_array").IsPerCpu.Should().BeTrue();
        loaded.GetMap("pc_array").ControlValueSize.Should().Be(8 * BpfSyscall.PossibleCpus);
    }

    [Fact]
    public void RejectedProgramCarriesTheVerifierLog()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        // r0 is never written: the verifier refuses the exit ("R0 !read_ok").
        var code = Assembler.AssembleToBytes("r1 = 1\nexit");
        var spec = new ObjectSpec("GPL", EquatableArray.Create(new ProgramSpec("bad_exit", "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(code))), default);
        var act = () => KernelLoader.Load(spec);
        var error = act.Should().Throw<KernelBpfException>().Which;
        error.Command.Should().Be(BpfCommand.ProgLoad);
        error.Errno.Should().Be(13, "EACCES is the verifier's rejection");
        error.VerifierLog.Should().Contain("R0 !read_ok");
        error.Message.Should().Contain("bad_exit").And.Contain("R0 !read_ok");
    }

    [Fact]
    public void VerifyReportsAVerdictPerProgram()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        ProgramSpec Program(string name, string asm) => new(name, "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(Assembler.AssembleToBytes(asm)));
        var spec = new ObjectSpec("GPL", EquatableArray.Create(
            Program("good", "r1 = map_by_fd(0) ll\nr0 = 2\nexit"),
            Program("stack_oob", "r0 = *(u64 *)(r10 + 8)\nexit"),
            Program("bad_exit", "exit")), EquatableArray.Create(new MapSpec("m", MapType.Array, 4, 4, 1)));
        var verdicts = KernelLoader.Verify(spec);
        verdicts.Select(v => (v.Program, v.Accepted)).Should().Equal(("good", true), ("stack_oob", false), ("bad_exit", false));
        verdicts[0].VerifiedInstructions.Should().BeGreaterThan(0);
        verdicts[0].Log.Should().Contain("processed");
        verdicts[1].Errno.Should().Be(13);
        verdicts[1].Log.Should().Contain("invalid read from stack");
        verdicts[2].Log.Should().Contain("R0 !read_ok");
    }

    [Fact]
    public void LogLevelKeepsTheLogOfAnAcceptedProgram()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var code = Assembler.AssembleToBytes("r0 = 2\nexit");
        var spec = new ObjectSpec("GPL", EquatableArray.Create(new ProgramSpec("pass", "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(code))), default);
        using var loaded = KernelLoader.Load(spec, new KernelLoaderOptions { LogLevel = 1 });
        var program = loaded.GetProgram("xdp");
        program.VerifierLog.Should().Contain("processed 2 insns");
        program.Info.Name.Should().Be("pass");
        program.Info.Type.Should().Be(ProgramType.Xdp);
        program.Info.Tag.Should().HaveLength(16);
        program.TestRun(new TestRunOptions(new byte[64])).ReturnValue.Should().Be(2u);
    }

    [Fact]
    public void InvalidSpecsAndUnknownMapsAreLoadErrors()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var code = Assembler.AssembleToBytes("r1 = map_by_fd(3) ll\nr0 = 2\nexit");
        var spec = new ObjectSpec("GPL", EquatableArray.Create(new ProgramSpec("p", "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(code))),
            EquatableArray.Create(new MapSpec("m", MapType.Array, 4, 4, 1)));
        var act = () => KernelLoader.Load(spec);
        act.Should().Throw<LoadException>().WithMessage("*refers to map #3*").Which.Instruction.Should().Be(0);

        var unknownType = spec with { Programs = EquatableArray.Create(new ProgramSpec("p", "weird", ProgramType.Unspec, EquatableArray.Create<byte>(code))) };
        act = () => KernelLoader.Load(unknownType);
        act.Should().Throw<LoadException>().WithMessage("*gives no program type*");
    }

    [Fact]
    public void PinnedMapsAreReusedByTheNextLoadAndRemovedByTheirCreator()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var dir = "/sys/fs/bpf/p4bpf-kernel-test-" + Guid.NewGuid().ToString("N")[..12];
        var code = Assembler.AssembleToBytes("r0 = 2\nexit");
        var spec = new ObjectSpec("GPL", EquatableArray.Create(new ProgramSpec("p", "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(code))),
            EquatableArray.Create(
                new MapSpec("shared", MapType.Hash, 4, 4, 8) { Pinning = MapPinning.ByName },
                new MapSpec("private", MapType.Array, 4, 4, 1)));
        var options = new KernelLoaderOptions("pins") { PinDirectory = dir };
        try
        {
            using (var first = KernelLoader.Load(spec, options))
            {
                File.Exists(Path.Combine(dir, "shared")).Should().BeTrue();
                File.Exists(Path.Combine(dir, "private")).Should().BeFalse("only by-name maps are pinned unless PinAllMaps");
                first.GetMap("shared").Update(U32(7), U32(70)).Should().Be(0);
                using (var second = KernelLoader.Load(spec, options))
                {
                    var reused = second.GetMap("shared");
                    reused.ReusedPin.Should().BeTrue();
                    reused.Id.Should().Be(first.GetMap("shared").Id);
                    reused.Lookup(U32(7)).Should().Equal(U32(70));
                }
                File.Exists(Path.Combine(dir, "shared")).Should().BeTrue("the reusing object leaves the pin alone");

                var incompatible = spec with { Maps = EquatableArray.Create(new MapSpec("shared", MapType.Hash, 4, 8, 8) { Pinning = MapPinning.ByName }) };
                var act = () => KernelLoader.Load(incompatible, options);
                act.Should().Throw<LoadException>().WithMessage("*does not match*");
            }
            Directory.Exists(dir).Should().BeFalse("the creator removes its pins and the directory it made");

            using (var all = KernelLoader.Load(spec, options with { PinAllMaps = true, RemovePinsOnDispose = false }))
            {
                Directory.GetFiles(dir).Select(Path.GetFileName).Should().BeEquivalentTo(["shared", "private"]);
            }
            Directory.GetFiles(dir).Should().HaveCount(2, "RemovePinsOnDispose = false keeps the pins");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void ProgramArraySlotsAreFilledWithProgramDescriptors()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var spec = ElfReader.ReadFile(Corpus.Compile("xdp_tailcall.c"));
        using var loaded = KernelLoader.Load(spec, new KernelLoaderOptions("xdp_tailcall"));
        var jump = loaded.GetMap("jump");
        var filled = spec.Map("jump")!.Slots;
        filled.Length.Should().BeGreaterThan(0);
        foreach (var slot in filled)
        {
            // The syscall reads a program array slot back as the program's id.
            var id = jump.Lookup(U32(slot.Index));
            id.Should().NotBeNull();
            BinaryPrimitives.ReadUInt32LittleEndian(id).Should().Be(loaded.GetProgram(slot.Target).Id);
        }
    }

    [Fact]
    public void ProgramArraySlotsCanBeRewiredAtRunTime()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var kernel = KernelEngine.Load(ElfReader.ReadFile(Corpus.Compile("xdp_tailcall.c")), new KernelLoaderOptions("xdp_tailcall"));
        var jump = kernel.Map("jump");
        var packet = Corpus.Packets().First(p => p.Name == "mode1").Bytes; // EtherType low byte 1: slot 1
        kernel.Run("stage_one", packet).ReturnValue.Should().Be(3, "slot 1 holds stage_two, which returns XDP_TX");
        jump.Delete(U32(1)).Should().Be(0);
        kernel.Run("stage_one", packet).ReturnValue.Should().Be(2, "an empty slot falls through to XDP_PASS");
        jump.SetProgram(1, kernel.Object.GetProgram("stage_two")).Should().Be(0);
        kernel.Run("stage_one", packet).ReturnValue.Should().Be(3);
        BinaryPrimitives.ReadUInt64LittleEndian(kernel.Map(".bss").Lookup(U32(0))).Should().Be(3 * 1 + 2 * 10);
    }

    [Fact]
    public void MapInMapSlotsFollowTheInnerTemplate()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var template = new MapSpec("outer.inner", MapType.Array, 4, 4, 2);
        var spec = new ObjectSpec("GPL", EquatableArray.Create(new ProgramSpec("p", "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(Assembler.AssembleToBytes("r0 = 2\nexit")))),
            EquatableArray.Create(
                new MapSpec("outer", MapType.ArrayOfMaps, 4, 4, 4) { InnerMap = template, Slots = EquatableArray.Create(new MapSlot(0, "first")) },
                new MapSpec("first", MapType.Array, 4, 4, 2),
                new MapSpec("second", MapType.Array, 4, 4, 2),
                new MapSpec("wrong", MapType.Hash, 4, 4, 2)));
        using var loaded = KernelLoader.Load(spec);
        var outer = loaded.GetMap("outer");
        BinaryPrimitives.ReadUInt32LittleEndian(outer.Lookup(U32(0))).Should().Be(loaded.GetMap("first").Id);
        outer.Lookup(U32(1)).Should().BeNull();
        outer.SetMap(U32(1), loaded.GetMap("second")).Should().Be(0);
        BinaryPrimitives.ReadUInt32LittleEndian(outer.Lookup(U32(1))).Should().Be(loaded.GetMap("second").Id);
        outer.SetMap(U32(2), loaded.GetMap("wrong")).Should().Be(-Errno.EINVAL, "a hash does not match the array template");
        loaded.GetMap("first").SetMap(U32(0), loaded.GetMap("second")).Should().Be(-Errno.EINVAL, "not a map of maps");
    }

    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }
}
