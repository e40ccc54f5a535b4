using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.Ebpf.Vm;
using static P4Bpf.Ebpf.Tests.Engine.EngineSpecs;

namespace P4Bpf.Ebpf.Tests.Engine;

/// <summary>Nothing runs that the verifier has not accepted: rejected programs never load (located errors), unverified code runs
/// only in the checked interpreter under the explicit escape, and the JIT and the unchecked interpreter refuse unverified code,
/// including through tail calls.</summary>
public sealed class EngineSafetyTests
{
    /// <summary>Reads the packet without a bounds check: the verifier rejects insn 2; unchecked, it would read past the packet.</summary>
    private const string UncheckedPacketRead = """
        r2 = *(u32 *)(r1 + 0)
        r3 = *(u32 *)(r1 + 4)
        r0 = *(u8 *)(r2 + 100)
        exit
        """;

    private static readonly EngineOptions[] RunnableOptions =
    [
        new(),
        new(CheckedMemory: false),
        new(ExecutorKind.Jit),
        new(ExecutorKind.Jit, CheckedMemory: false),
        new() { Profile = VerifierProfile.SmartNic },
    ];

    public static TheoryData<int> OptionIndexes() => new(Enumerable.Range(0, RunnableOptions.Length));

    [Theory]
    [MemberData(nameof(OptionIndexes))]
    public void RejectedProgramNeverLoadsAndTheErrorCarriesThePc(int options)
    {
        var act = () => BpfEngine.Load(Object(UncheckedPacketRead), RunnableOptions[options]);
        var error = act.Should().Throw<VerificationException>().Which;
        error.Instruction.Should().Be(2);
        error.Error.Pc.Should().Be(2);
        error.Error.Kind.Should().Be(VerifierErrorKind.PacketOutOfBounds);
        error.Program.Should().Be("prog");
        error.Message.Should().StartWith("program 'prog' (xdp) rejected by the ").And.Contain("verifier at insn 2: ");
        error.Log.Should().BeEmpty("the log is kept only when asked for");
        error.Should().BeAssignableTo<LoadException>("callers that catch load errors see rejections too");
    }

    [Fact]
    public void VerifierLogIsKeptWhenAsked()
    {
        var act = () => BpfEngine.Load(Object(UncheckedPacketRead), new EngineOptions { VerifierLog = true });
        var error = act.Should().Throw<VerificationException>().Which;
        error.Log.Should().NotBeEmpty();
        error.Log[^1].Should().StartWith("2: ");
    }

    [Fact]
    public void LoopRejectedOnlyByTheSmartNicProfile()
    {
        const string loop = "r0 = 0\nr1 = 4\nl: r0 += r1\nr1 += -1\nif r1 != 0 goto l\nexit";
        using (var kernel = BpfEngine.Load(Object(loop)))
        {
            kernel.Run((string?)null, new byte[20]).ReturnValue.Should().Be(10);
            kernel.Program().Verification!.Accepted.Should().BeTrue();
        }
        var act = () => BpfEngine.Load(Object(loop), new EngineOptions(ExecutorKind.Jit) { Profile = VerifierProfile.SmartNic });
        var error = act.Should().Throw<VerificationException>().Which;
        error.Profile.Should().Be(VerifierProfile.SmartNic);
        error.Error.Kind.Should().Be(VerifierErrorKind.NotOffloadable);
        error.Instruction.Should().Be(4);
    }

    [Fact]
    public void UnverifiedCodeRunsOnlyInTheCheckedInterpreter()
    {
        using var engine = BpfEngine.Load(Object(UncheckedPacketRead), new EngineOptions { RunUnverified = true });
        engine.Program().IsVerified.Should().BeFalse();
        engine.Program().Verification.Should().BeNull();
        var run = () => engine.Run((string?)null, new byte[20]);
        run.Should().Throw<VmException>().Where(e => e.Kind == VmErrorKind.OutOfBounds && e.Pc == 2, "the checked interpreter catches the bad read");

        var jit = () => BpfEngine.Load(Object("r0 = 2\nexit"), new EngineOptions(ExecutorKind.Jit) { RunUnverified = true });
        jit.Should().Throw<EngineException>().WithMessage("unverified code cannot run in the JIT*");
        var raw = () => BpfEngine.Load(Object("r0 = 2\nexit"), new EngineOptions(CheckedMemory: false) { RunUnverified = true });
        raw.Should().Throw<EngineException>().WithMessage("unverified code cannot run in the unchecked interpreter*");
    }

    [Fact]
    public void ExecutorsRefuseUnverifiedPrograms()
    {
        using var loaded = Loader.Load(Object("r0 = 3\nexit"), new LoaderOptions { Verification = null });
        var program = loaded.Programs[0];
        program.IsVerified.Should().BeFalse();
        using var ctx = new VmRunContext();
        var jit = () => new JitExecutor().Run(program, ctx, 0);
        jit.Should().Throw<VmException>().Where(e => e.Kind == VmErrorKind.NotVerified).WithMessage("program 'prog' has not been verified*");
        var unchecked_ = () => new InterpreterExecutor(new InterpreterOptions(CheckedMemory: false)).Run(program, ctx, 0);
        unchecked_.Should().Throw<VmException>().Where(e => e.Kind == VmErrorKind.NotVerified, "unchecked forces RequireVerified");
        new InterpreterExecutor(new InterpreterOptions(CheckedMemory: true)).Run(program, ctx, 0).Should().Be(3, "the checked interpreter is the escape");
        new JitExecutor(JitOptions.Trusted).Run(program, ctx, 0).Should().Be(3, "trusted compilation is explicit");
        var engineChecked = () => new EngineOptions().CreateExecutor().Run(program, ctx, 0);
        engineChecked.Should().Throw<VmException>().Where(e => e.Kind == VmErrorKind.NotVerified, "without RunUnverified the engine runs verified code only");
    }

    [Fact]
    public void TailCallIntoUnverifiedProgramIsRefusedWithoutBoundsChecks()
    {
        // prog: tail-call slot 0 of 'jumps', else return 1.
        const string caller = """
            r2 = map_by_idx(0) ll
            r3 = 0
            call 12
            r0 = 1
            exit
            """;
        var jumps = new MapSpec("jumps", MapType.ProgArray, 4, 4, 2);
        foreach (var options in new[] { new EngineOptions(ExecutorKind.Jit), new EngineOptions(CheckedMemory: false), new EngineOptions() })
        {
            using var engine = BpfEngine.Load(Object(caller, ProgramType.Xdp, jumps), options);
            using var stranger = Loader.Load(Object("r0 = 7\nexit"), new LoaderOptions { Verification = null });
            using var friend = Loader.Load(Object("r0 = 8\nexit"));
            var array = (ProgArrayMap)engine.Map("jumps");
            array.SetProgram(0, friend.Programs[0]).Should().Be(0);
            engine.Run((string?)null, new byte[20]).ReturnValue.Should().Be(8, $"{options.Executor}: a verified target runs");
            array.SetProgram(0, stranger.Programs[0]).Should().Be(0);
            var run = () => engine.Run((string?)null, new byte[20]);
            run.Should().Throw<VmException>().Where(e => e.Kind == VmErrorKind.NotVerified, $"{options.Executor} checked={options.CheckedMemory}");
        }
    }

    [Fact]
    public void BuffLenHelperIsVerifiedAndRunsTheSameInBothEngines()
    {
        // r0 = bpf_xdp_get_buff_len(ctx) + bpf_xdp_load_bytes(ctx, 1, fp-8, 4) (0) + the loaded bytes.
        const string asm = """
            r6 = r1
            call 188
            r7 = r0
            r1 = r6
            r2 = 1
            r3 = r10
            r3 += -8
            r4 = 4
            call 189
            r7 += r0
            r1 = *(u32 *)(r10 - 8)
            r7 += r1
            r0 = r7
            exit
            """;
        var packet = new byte[] { 0, 1, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9 };
        using var interp = BpfEngine.Load(Object(asm));
        using var jit = BpfEngine.Load(Object(asm), new EngineOptions(ExecutorKind.Jit));
        interp.Program().IsVerified.Should().BeTrue();
        interp.Run((string?)null, packet).ReturnValue.Should().Be(15 + 1);
        jit.Run((string?)null, packet).ReturnValue.Should().Be(15 + 1);
        var tc = () => BpfEngine.Load(Object(asm, ProgramType.SchedCls));
        tc.Should().Throw<VerificationException>().Which.Error.Message.Should().Contain("xdp_get_buff_len#188");
    }

    [Fact]
    public void EveryHelperTheEngineRegistersHasAVerifierPrototype()
    {
        foreach (var type in new[] { ProgramType.Xdp, ProgramType.SchedCls, ProgramType.SocketFilter })
        {
            var table = Ebpf.Helpers.KernelHelpers.CreateTable(type);
            foreach (var entry in table.Entries)
            {
                Ebpf.Verifier.HelperTable.ById.Should().ContainKey(entry.Id, $"the engine registers {entry.Name}#{entry.Id}");
            }
        }
    }
}
