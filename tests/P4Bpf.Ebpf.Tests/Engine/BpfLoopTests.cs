using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Vm;
using static P4Bpf.Ebpf.Tests.Engine.EngineSpecs;

namespace P4Bpf.Ebpf.Tests.Engine;

/// <summary><c>bpf_loop</c> (helper 181) in the checked and unchecked interpreter and the JIT: the callback runs on a fresh frame with
/// (index, ctx), stops on a non-zero return, nests, and the three engines agree (the kernel comparison is the differential corpus
/// program <c>xdp_bpf_loop.c</c>).</summary>
public sealed class BpfLoopTests
{
    private static readonly EngineOptions[] Engines =
    [
        new(),
        new(CheckedMemory: false),
        new(ExecutorKind.Jit),
    ];

    private static ulong[] RunAll(string asm, byte[]? packet = null)
    {
        var results = new ulong[Engines.Length];
        for (var i = 0; i < Engines.Length; i++)
        {
            using var engine = BpfEngine.Load(Object(asm), Engines[i]);
            engine.Program().IsVerified.Should().BeTrue();
            results[i] = engine.Run((string?)null, packet ?? new byte[20]).ReturnValue;
        }
        return results;
    }

    [Fact]
    public void CallbackRunsOncePerIndexOnAFreshFrame()
    {
        // sum of (index + 1) over 10 calls through a stack counter; the callback's own stack (r10 - 8) is a different frame.
        const string asm = """
            *(u64 *)(r10 - 8) = 0
            r6 = 77
            r1 = 10
            r2 = code_addr(10) ll
            r3 = r10
            r3 += -8
            r4 = 0
            call 181
            r1 = *(u64 *)(r10 - 8)
            r0 *= 1000
            r0 += r1
            r0 += r6
            exit
            *(u64 *)(r10 - 8) = r1
            r0 = *(u64 *)(r2 + 0)
            r0 += r1
            r0 += 1
            *(u64 *)(r2 + 0) = r0
            r0 = 0
            exit
            """;
        RunAll(asm).Should().AllBeEquivalentTo(10 * 1000 + 55 + 77, "10 calls, sum 1..10, r6 kept");
    }

    [Fact]
    public void NonZeroReturnStopsTheLoop()
    {
        // Stops when index == 4: bpf_loop returns 5 calls made.
        const string asm = """
            r1 = 100
            r2 = code_addr(5) ll
            r3 = 0
            r4 = 0
            call 181
            exit
            r0 = 0
            if r1 != 4 goto +1
            r0 = 1
            exit
            """;
        RunAll(asm).Should().AllBeEquivalentTo(5);
    }

    [Fact]
    public void BadFlagsAndTooManyLoopsFailWithoutCalling()
    {
        const string flags = """
            r1 = 3
            r2 = code_addr(5) ll
            r3 = 0
            r4 = 1
            call 181
            exit
            r0 = 0
            exit
            """;
        RunAll(flags).Should().AllBeEquivalentTo(unchecked((ulong)-22L));
        RunAll(flags.Replace("r1 = 3", "r1 = 8388609").Replace("r4 = 1", "r4 = 0")).Should().AllBeEquivalentTo(unchecked((ulong)-7L));
        RunAll(flags.Replace("r1 = 3", "r1 = 8388608").Replace("r4 = 1", "r4 = 0")).Should().AllBeEquivalentTo(8388608UL, "2^23 is allowed");
    }

    [Fact]
    public void NestedLoopsAndBpfToBpfCallsInsideCallbacks()
    {
        // outer: 3 iterations; each calls inner bpf_loop(4) through a subprogram; inner adds (index + 1) to the counter at ctx.
        const string asm = """
            *(u64 *)(r10 - 8) = 0
            r1 = 3
            r2 = code_addr(7) ll
            r3 = r10
            r3 += -8
            r4 = 0
            call 181
            r0 = *(u64 *)(r10 - 8)
            exit
            r1 = r2
            call sub
            r0 = 0
            exit
            sub:
            r3 = r1
            r1 = 4
            r2 = code_addr(5) ll
            r4 = 0
            call 181
            r0 = 0
            exit
            r0 = *(u64 *)(r2 + 0)
            r0 += r1
            r0 += 1
            *(u64 *)(r2 + 0) = r0
            r0 = 0
            exit
            """;
        RunAll(asm).Should().AllBeEquivalentTo(3 * (1 + 2 + 3 + 4));
    }

    [Fact]
    public void CallbacksShareTheInstructionBudget()
    {
        const string asm = """
            r1 = 1000
            r2 = code_addr(5) ll
            r3 = 0
            r4 = 0
            call 181
            exit
            r0 = 0
            exit
            """;
        using var engine = BpfEngine.Load(Object(asm), new EngineOptions(InstructionBudget: 500));
        var run = () => engine.Run((string?)null, new byte[20]);
        run.Should().Throw<VmException>().Where(e => e.Kind == VmErrorKind.BudgetExceeded);
        using var counted = BpfEngine.Load(Object(asm));
        counted.Run((string?)null, new byte[20]).Instructions.Should().Be(6 + 1000 * 2, "the caller's 6 instructions (lddw counts once) and 2 per callback");
    }

    [Fact]
    public void ForgedCallbackAddressIsAHelperFault()
    {
        // Unverified code in the checked interpreter passes a scalar as the callback.
        using var engine = BpfEngine.Load(Object("r1 = 1\nr2 = 12345\nr3 = 0\nr4 = 0\ncall 181\nexit"), new EngineOptions { RunUnverified = true });
        var run = () => engine.Run((string?)null, new byte[20]);
        run.Should().Throw<VmException>().Where(e => e.Kind == VmErrorKind.HelperFault && e.Pc == 4).WithMessage("*not the address of a callback*");
    }

    [Fact]
    public void JitCompilesCallbacksAsFunctions()
    {
        const string asm = """
            r1 = 2
            r2 = code_addr(5) ll
            r3 = 0
            r4 = 0
            call 181
            exit
            r0 = 0
            exit
            """;
        using var loaded = Loader.Load(Object(asm));
        var compiled = new JitExecutor().Compile(loaded.Programs[0]);
        compiled.FunctionCount.Should().Be(2, "the entry and the callback");
    }
}
