using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Tests.Loading;

public sealed class LoaderTests
{
    /// <summary>lddw r1, map #mapIndex (src=1) / value of #mapIndex + offset (src=2).</summary>
    private static Instruction MapRef(byte dst, int mapIndex, PseudoSource kind, uint offset = 0) =>
        new(new OpCode(0x18), new Register(dst), new Register((byte)kind), 0, (long)(((ulong)offset << 32) | (uint)mapIndex));

    private static ObjectSpec Spec(params Instruction[] code)
    {
        var counters = new MapSpec("counters", MapType.Array, 4, 8, 4);
        var data = MapSpec.ForDataSection(".data", [7, 0, 0, 0, 0, 0, 0, 0]);
        var bytes = InstructionEncoder.Encode(code);
        var program = new ProgramSpec("prog", "xdp", ProgramType.Xdp, EquatableArray.Create<byte>(bytes));
        return new ObjectSpec("GPL", EquatableArray.Create(program), EquatableArray.Create(counters, data));
    }

    [Fact]
    public void ResolvesMapAndValueReferencesAndRuns()
    {
        // r0 = *(u64 *)&data[0]; counters[0] += r0 via helper lookup; return r0
        var code = new List<Instruction>
        {
            MapRef(6, 1, PseudoSource.MapValue),
        };
        code.AddRange(Assembler.Assemble("""
            r7 = *(u64 *)(r6 + 0)
            *(u32 *)(r10 - 4) = 0
            r2 = r10
            r2 += -4
            """));
        code.Add(MapRef(1, 0, PseudoSource.MapFd));
        code.AddRange(Assembler.Assemble("""
            call 1
            if r0 == 0 goto +2
            *(u64 *)(r0 + 0) = r7
            r7 += 1
            *(u64 *)(r6 + 0) = r7
            r0 = r7
            exit
            """));
        using var engine = BpfEngine.Load(Spec([.. code]));
        var result = engine.Run("prog", new byte[20]);
        result.ReturnValue.Should().Be(8);
        engine.Map("counters").Lookup(new byte[4])!.Take(8).Should().Equal(7, 0, 0, 0, 0, 0, 0, 0);
        engine.Map(".data").Lookup(new byte[4])!.Should().Equal(8, 0, 0, 0, 0, 0, 0, 0);
        engine.Map("obj.data").Should().BeSameAs(engine.Map(".data"), "the kernel name works too");
    }

    [Fact]
    public void BadMapIndexIsALocatedLoadError()
    {
        var spec = Spec([.. Assembler.Assemble("r0 = 0"), MapRef(1, 9, PseudoSource.MapFd), .. Assembler.Assemble("exit")]);
        // Validate() does not look at raw imm values, so the loader must catch it.
        var act = () => Loader.Load(spec);
        act.Should().Throw<LoadException>().Where(e => e.Instruction == 1 && e.Message.Contains("map #9"));
    }

    [Fact]
    public void JitRunsVerifiedProgramsWithoutTheTrustedFlag()
    {
        using var engine = BpfEngine.Load(Spec([.. Assembler.Assemble("r0 = 2\nexit")]), new EngineOptions(ExecutorKind.Jit));
        engine.Executor.Kind.Should().Be(ExecutorKind.Jit);
        engine.Program().IsVerified.Should().BeTrue();
        engine.Run("prog", new byte[20]).ReturnValue.Should().Be(2);
    }

    [Fact]
    public void MapBatchUpdatesByName()
    {
        using var engine = BpfEngine.Load(Spec([.. Assembler.Assemble("r0 = 2\nexit")]));
        MapBatch.Apply(engine.Object, """
            # comment
            map update name counters key hex 01 00 00 00 value hex 2a 00 00 00 00 00 00 00
            map update name counters key 2 0 0 0 value 0x01 0 0 0 0 0 0 0 exist
            """).Should().Be(2);
        engine.Map("counters").Lookup([1, 0, 0, 0])![0].Should().Be(0x2a);
        engine.Map("counters").Lookup([2, 0, 0, 0])![0].Should().Be(1);
        var bad = () => MapBatch.Apply(engine.Object, "map update name nope key 0 value 0");
        bad.Should().Throw<FormatException>().WithMessage("batch:1: no map named 'nope'");
    }

    [Fact]
    public void HelperTablesDifferByProgramType()
    {
        KernelHelpers.CreateTable(ProgramType.Xdp)[(int)HelperId.XdpAdjustHead].Should().NotBeNull();
        KernelHelpers.CreateTable(ProgramType.Xdp)[(int)HelperId.SkbStoreBytes].Should().BeNull();
        KernelHelpers.CreateTable(ProgramType.SchedCls)[(int)HelperId.L4CsumReplace].Should().NotBeNull();
        KernelHelpers.CreateTable(ProgramType.SchedCls)[(int)HelperId.RedirectMap].Should().BeNull();
    }
}
