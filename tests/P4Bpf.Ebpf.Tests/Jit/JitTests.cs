using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Vm;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.Ebpf.Tests.Jit;

/// <summary>JIT semantics: every case runs on the interpreter too and must agree with it.</summary>
public sealed unsafe class JitTests
{
    private static EngineOutcome Both(string asm, HelperTable? helpers = null, byte[]? mem = null)
    {
        var program = VmProgram.Create(Assembler.Assemble(asm));
        var outcomes = EngineComparison.RunBoth(program, mem ?? [], helpers ?? new HelperTable());
        outcomes.ShouldAgree(asm);
        return outcomes.Jit;
    }

    private static ulong Jit(string asm, HelperTable? helpers = null, JitOptions? options = null)
    {
        using var ctx = new VmRunContext();
        return new JitCompiler(helpers ?? new HelperTable(), options ?? JitOptions.Trusted).Run(VmProgram.Create(Assembler.Assemble(asm)), ctx);
    }

    [Theory]
    [InlineData("w0 = -1\nw0 += 1\nexit", 0UL)]
    [InlineData("r0 = -1\nw0 = w0\nexit", 0xffffffffUL)]
    [InlineData("r0 = 7\nr1 = 0\nr0 /= r1\nexit", 0UL)]
    [InlineData("r0 = 7\nr1 = 0\nr0 %= r1\nexit", 7UL)]
    [InlineData("r0 = 7\nr0 /= 0\nexit", 0UL)]
    [InlineData("r0 = 7\nr0 %= 0\nexit", 7UL)]
    [InlineData("r0 = -1\nw1 = 0\nw0 %= w1\nexit", 0xffffffffUL)]
    [InlineData("r0 = -1\nw0 %= 0\nexit", 0xffffffffUL)]
    [InlineData("r0 = 1\nr0 <<= 65\nexit", 2UL)]
    [InlineData("r0 = 1\nr1 = 65\nr0 <<= r1\nexit", 2UL)]
    [InlineData("w0 = 1\nw0 <<= 33\nexit", 2UL)]
    [InlineData("w0 = 1\nr1 = 33\nw0 <<= w1\nexit", 2UL)]
    [InlineData("r0 = -16\nr0 s>>= 2\nexit", 0xfffffffffffffffcUL)]
    [InlineData("w0 = -16\nw0 s>>= 2\nexit", 0xfffffffcUL)]
    [InlineData("r0 = -16\nw0 >>= 2\nexit", 0x3ffffffcUL)]
    [InlineData("r0 = 0x8000000000000000 ll\nr0 s/= -1\nexit", 0x8000000000000000UL)]
    [InlineData("r0 = 0x8000000000000000 ll\nr1 = -1\nr0 s/= r1\nexit", 0x8000000000000000UL)]
    [InlineData("r0 = 0x8000000000000000 ll\nr0 s%= -1\nexit", 0UL)]
    [InlineData("w0 = 0x80000000\nw0 s/= -1\nexit", 0x80000000UL)]
    [InlineData("w0 = 0x80000000\nw1 = -1\nw0 s%= w1\nexit", 0UL)]
    [InlineData("r0 = -7\nr0 s/= 2\nexit", 0xfffffffffffffffdUL)]
    [InlineData("r0 = -7\nr0 s%= 2\nexit", 0xffffffffffffffffUL)]
    [InlineData("w0 = -7\nw0 s%= 2\nexit", 0xffffffffUL)]
    [InlineData("r0 = 10\nr0 /= -1\nexit", 0UL)]
    [InlineData("w0 = 10\nw0 /= -1\nexit", 0UL)]
    [InlineData("r1 = 0x80\nr0 = (s8)r1\nexit", 0xffffffffffffff80UL)]
    [InlineData("r1 = 0x8000\nr0 = (s16)r1\nexit", 0xffffffffffff8000UL)]
    [InlineData("r1 = 0x80000000 ll\nr0 = (s32)r1\nexit", 0xffffffff80000000UL)]
    [InlineData("w1 = 0x8001\nw0 = (s16)w1\nexit", 0xffff8001UL)]
    [InlineData("w1 = 0x81\nw0 = (s8)w1\nexit", 0xffffff81UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = be16 r0\nexit", 0x8877UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = be32 r0\nexit", 0x88776655UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = be64 r0\nexit", 0x8877665544332211UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = le16 r0\nexit", 0x7788UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = le32 r0\nexit", 0x55667788UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = le64 r0\nexit", 0x1122334455667788UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = bswap16 r0\nexit", 0x8877UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = bswap64 r0\nexit", 0x8877665544332211UL)]
    [InlineData("r0 = 5\nr0 = -r0\nexit", 0xfffffffffffffffbUL)]
    [InlineData("w0 = 5\nw0 = -w0\nexit", 0xfffffffbUL)]
    [InlineData("r0 = 0xffffffff ll\nw0 *= 3\nexit", 0xfffffffdUL)]
    [InlineData("r0 = -1\nr0 *= -1\nexit", 1UL)]
    [InlineData("r1 = -1\nr0 = 0\nif r1 s< 0 goto +1\nexit\nr0 = 1\nexit", 1UL)]
    [InlineData("r1 = -1\nr0 = 0\nif r1 > 5 goto +1\nexit\nr0 = 1\nexit", 1UL)]
    [InlineData("r1 = 6\nr0 = 0\nif r1 & 4 goto +1\nexit\nr0 = 1\nexit", 1UL)]
    [InlineData("r1 = 0x100000001 ll\nr0 = 0\nif w1 == 1 goto +1\nexit\nr0 = 1\nexit", 1UL)]
    [InlineData("r1 = 0xffffffff ll\nr0 = 0\nif w1 s< 0 goto +1\nexit\nr0 = 1\nexit", 1UL)]
    [InlineData("r1 = 0xffffffff ll\nr0 = 0\nif r1 s< 0 goto +1\nexit\nr0 = 1\nexit", 0UL)]
    [InlineData("r0 = 0\ngotol +1\nr0 = 2\nexit", 0UL)]
    [InlineData("r0 = 0\nr1 = 10\nloop: r0 += r1\nr1 += -1\nif r1 != 0 goto loop\nexit", 55UL)]
    public void AluAndJumpSemanticsMatchTheInterpreter(string asm, ulong expected) => Both(asm).R0.Should().Be(expected);

    [Fact]
    public void StackAtomicsAndSignExtendingLoads()
    {
        Both("r1 = 0xff\n*(u8 *)(r10 - 1) = r1\nr0 = *(s8 *)(r10 - 1)\nexit").R0.Should().Be(ulong.MaxValue);
        Both("r1 = 0x8000\n*(u16 *)(r10 - 2) = r1\nr0 = *(s16 *)(r10 - 2)\nexit").R0.Should().Be(0xffffffffffff8000);
        Both("*(u32 *)(r10 - 4) = -2\nr0 = *(s32 *)(r10 - 4)\nr1 = *(u32 *)(r10 - 4)\nr0 ^= r1\nexit").R0.Should().Be(0xffffffff00000000);
        Both("""
            *(u64 *)(r10 - 8) = 40
            r1 = 2
            r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)
            r0 = *(u64 *)(r10 - 8)
            r0 += r1
            exit
            """).R0.Should().Be(82);
        Both("""
            *(u32 *)(r10 - 4) = 5
            w0 = 5
            w1 = 9
            w0 = cmpxchg32_32(r10 - 4, w0, w1)
            r2 = *(u32 *)(r10 - 4)
            r0 <<= 8
            r0 |= r2
            exit
            """).R0.Should().Be(0x509);
    }

    [Theory]
    [InlineData("lock *(u32 *)(r1 + 0) += r2")]
    [InlineData("lock *(u64 *)(r1 + 8) += r2")]
    [InlineData("lock *(u32 *)(r1 + 4) |= r2")]
    [InlineData("lock *(u64 *)(r1 + 0) &= r2")]
    [InlineData("lock *(u32 *)(r1 + 0) ^= r2")]
    [InlineData("lock *(u64 *)(r1 + 8) ^= r2")]
    [InlineData("r2 = atomic_fetch_or((u64 *)(r1 + 0), r2)")]
    [InlineData("w2 = atomic_fetch_and((u32 *)(r1 + 4), w2)")]
    [InlineData("w2 = atomic_fetch_xor((u32 *)(r1 + 4), w2)")]
    [InlineData("r2 = xchg_64(r1 + 8, r2)")]
    [InlineData("w2 = xchg32_32(r1 + 4, w2)")]
    [InlineData("r0 = cmpxchg_64(r1 + 0, r0, r2)")]
    [InlineData("w0 = cmpxchg32_32(r1 + 0, w0, w2)")] // succeeds; r0's upper half must be cleared (RyuJIT inlining hazard)
    [InlineData("w0 = cmpxchg32_32(r1 + 4, w0, w2)")] // fails
    public void AtomicsOnInputMemoryMatchTheInterpreter(string atomic)
    {
        byte[] mem = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0xf0, 0xe0, 0xd0, 0xc0, 0xb0, 0xa0, 0x90, 0x80];
        var asm = $"r0 = *(u64 *)(r1 + 0)\nr2 = 0x0f0f0f0f0ff0f0f0 ll\n{atomic}\nr0 ^= r2\nexit";
        Both(asm, mem: mem);
    }

    [Fact]
    public void LocalCallsPreserveCalleeSavedRegistersAndGetTheirOwnFrame()
    {
        Both("""
            r6 = 6
            *(u64 *)(r10 - 8) = 1
            call f
            r0 += r6
            r1 = *(u64 *)(r10 - 8)
            r0 += r1
            exit
            f:
            *(u64 *)(r10 - 8) = 100
            r6 = 1000
            r0 = 10
            exit
            """).R0.Should().Be(17);
        // Argument registers the callee changes are visible to the caller (the interpreter does not restore r1–r5).
        Both("r1 = 1\nr2 = 2\ncall f\nr0 = r1\nr0 += r2\nexit\nf: r1 = 40\nr2 += 0\nr0 = r6\nexit").R0.Should().Be(42);
        // Nested calls, each with its own r10, and recursion down to a base case.
        Both("""
            r1 = 5
            call fact
            exit
            fact:
            r0 = 1
            if r1 == 0 goto done
            *(u64 *)(r10 - 8) = r1
            r1 += -1
            call fact
            r1 = *(u64 *)(r10 - 8)
            r0 *= r1
            done:
            exit
            """).R0.Should().Be(120);
    }

    [Fact]
    public void CallDepthIsLimitedWithTheInterpretersError()
    {
        var e = Both("call f\nexit\nf: call f\nexit");
        e.Error.Should().Be(VmErrorKind.CallDepthExceeded);
        e.Message.Should().Be("call depth exceeds 8 frames at PC 2");
    }

    [Fact]
    public void RunningPastTheEndIsTheSameError()
    {
        var e = Both("r0 = 1");
        e.Message.Should().Be("execution ran past the end of the program at PC 1");
    }

    [Fact]
    public void HelpersAreCalledDirectlyOrThroughTheirDelegateAndFaultWithThePc()
    {
        var value = (byte*)NativeMemory.AllocZeroed(8);
        try
        {
            *(ulong*)value = 0xabc;
            var offset = 7UL;
            var helpers = new HelperTable()
                .Add(1, "lookup", (_, _, _, _, _, ctx) =>
                {
                    ctx.AddRegion((nint)value, 8, writable: true);
                    return (ulong)value;
                })
                .Add(2, "sum", StaticSum)
                .Add(3, "read", (r1, r2, _, _, _, ctx) => ctx.GetSpan(r1, (int)r2, writable: false)[0])
                .Add(4, "closure", (r1, _, _, _, _, _) => r1 + offset)
                .Add(6, "virtual", new VirtualHelper().Call);
            Both("call 1\nr0 = *(u64 *)(r0 + 0)\nexit", helpers).R0.Should().Be(0xabc);
            Both("r1 = 1\nr2 = 2\nr3 = 3\nr4 = 4\nr5 = 5\ncall 2\nexit", helpers).R0.Should().Be(15);
            Both("*(u8 *)(r10 - 1) = 9\nr1 = r10\nr1 += -1\nr2 = 1\ncall 3\nexit", helpers).R0.Should().Be(9);
            Both("r1 = 35\ncall 4\nexit", helpers).R0.Should().Be(42);
            Both("r1 = 1\nr2 = 2\ncall 6\nexit", helpers).R0.Should().Be(0x102);
            var fault = Both("r1 = 0\nr2 = 4\nr0 = 0\nr0 = 1\ncall 3\nexit", helpers);
            fault.Error.Should().Be(VmErrorKind.HelperFault);
            fault.Message.Should().EndWith("(in helper call at PC 4)");
            var unknown = Both("call 99\nexit", helpers);
            unknown.Message.Should().Be("call to unknown helper 99 at PC 0");
            Both("r2 = 2\nr1 = 40\ncallx r2\nexit", helpers).R0.Should().Be(42);
            Both("r2 = 77\ncallx r2\nexit", helpers).Error.Should().Be(VmErrorKind.UnknownHelper);
        }
        finally
        {
            NativeMemory.Free(value);
        }
    }

    private static ulong StaticSum(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext ctx) => r1 + r2 + r3 + r4 + r5;

    private class VirtualHelper
    {
        public virtual ulong Call(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext ctx) => (r1 << 8) | r2;
    }

    [Fact]
    public void TailCallsReplaceTheProgramAndAreLimited()
    {
        var target = VmProgram.Create(Assembler.Assemble("r0 = r1\nr0 += r6\nr0 += 100\nexit"), "target");
        var helpers = new HelperTable().Add(12, "tail_call", (_, _, _, _, _, ctx) => ctx.RequestTailCall(target) ? 0UL : ulong.MaxValue);
        Both("r1 = 5\nr6 = 1000\ncall 12\nr0 = 1\nexit", helpers).R0.Should().Be(1105);
        // From inside a subprogram: the target replaces the subprogram's frame and returns to its caller.
        Both("r6 = 1\ncall f\nr0 += r6\nr0 += 10000\nexit\nf: r1 = 7\nr6 = 20\ncall 12\nr0 = 3\nexit", helpers).R0.Should().Be(10128);

        VmProgram? self = null;
        var loop = new HelperTable().Add(12, "tail_call", (_, _, _, _, _, ctx) => ctx.RequestTailCall(self!) ? 0UL : 7UL);
        self = VmProgram.Create(Assembler.Assemble("r6 = r1\nr6 += 1\nr1 = r6\ncall 12\nr0 = r6\nexit"));
        using var ctx = new VmRunContext();
        new JitCompiler(loop, JitOptions.Trusted).Run(self, ctx, 0).Should().Be(34, "33 tail calls succeed, the 34th falls through");
        ctx.TailCallCount.Should().Be(33);
    }

    [Fact]
    public void LoopBudgetStopsEndlessLoops()
    {
        var run = () => Jit("r0 = 0\nloop: r0 += 1\ngoto loop", options: new JitOptions(Unchecked: true, BackEdgeBudget: 1000));
        var e = run.Should().Throw<VmException>().Which;
        (e.Kind, e.Message).Should().Be((VmErrorKind.BudgetExceeded, "loop budget of 1000 backward jumps exceeded at PC 2"));
        Jit("r0 = 0\nr1 = 1000\nloop: r0 += 1\nr1 += -1\nif r1 != 0 goto loop\nexit", options: new JitOptions(Unchecked: true, BackEdgeBudget: 1000))
            .Should().Be(1000, "999 backward jumps fit in a budget of 1000");
    }

    [Fact]
    public void LegacyPacketLoadsReadNetworkOrderAndAbortOutOfRangeEvenInASubprogram()
    {
        var packet = (byte*)NativeMemory.AllocZeroed(16);
        try
        {
            packet[12] = 0x08;
            using var ctx = new VmRunContext();
            ctx.SetPacket((nint)packet, (nint)(packet + 16));
            var jit = new JitCompiler(new HelperTable(), JitOptions.Trusted);
            var interpreter = new Interpreter(new HelperTable());
            List<Instruction>[] programs =
            [
                [Mem.LoadAbs(MemSize.H, 12), Jmp.Exit()],
                [Alu.Mov.Imm(R3, 10), Mem.LoadInd(MemSize.H, R3, 2), Jmp.Exit()],
                [Alu.Mov.Imm(R0, 9), Mem.LoadAbs(MemSize.W, 14), Alu.Mov.Imm(R0, 1), Jmp.Exit()],
                [Mem.LoadAbs(MemSize.B, 12), Jmp.Exit()],
            ];
            ulong[] expected = [0x0800, 0x0800, 0, 0x08];
            for (var k = 0; k < programs.Length; k++)
            {
                var p = VmProgram.Create(programs[k]);
                jit.Run(p, ctx).Should().Be(expected[k]).And.Be(interpreter.Run(p, ctx));
            }
            var nested = VmProgram.Create(Assembler.Assemble("r0 = 5\ncall f\nr0 = 1\nexit\nf: r0 = 9\nexit"));
            var asm = nested.Instructions.ToList();
            asm.Insert(4, Mem.LoadAbs(MemSize.W, 100));
            var aborting = VmProgram.Create(asm);
            jit.Run(aborting, ctx).Should().Be(0).And.Be(interpreter.Run(aborting, ctx));
        }
        finally
        {
            NativeMemory.Free(packet);
        }
    }

    [Fact]
    public void CacheReturnsTheSameCodeForTheSameBytesAndRecompilesWhenAHelperChanges()
    {
        var helpers = new HelperTable().Add(1, "one", (_, _, _, _, _, _) => 1);
        var cache = new JitCache();
        var a = new JitCompiler(helpers, JitOptions.Trusted, cache);
        var b = new JitCompiler(helpers, JitOptions.Trusted, cache);
        var p1 = VmProgram.Create(Assembler.Assemble("call 1\nexit"));
        var p2 = VmProgram.Create(Assembler.Assemble("call 1\nexit"));
        var c1 = a.Compile(p1);
        b.Compile(p2).Should().BeSameAs(c1, "same bytes, same helper table, same options");
        a.Compile(p1).Should().BeSameAs(c1);
        cache.Compilations.Should().Be(1);
        new JitCompiler(new HelperTable(), JitOptions.Trusted, cache).Compile(p1).Should().NotBeSameAs(c1, "another helper table");
        c1.CompileTime.Should().BePositive();
        c1.FunctionCount.Should().Be(1);

        helpers.Set(1, "two", (_, _, _, _, _, _) => 2);
        using var ctx = new VmRunContext();
        a.Run(p1, ctx).Should().Be(2, "a replaced helper invalidates the compiled code");
        cache.Compilations.Should().Be(3);
    }

    [Fact]
    public void UnverifiedProgramsNeedTheUncheckedOption()
    {
        var compile = () => new JitCompiler(new HelperTable()).Compile(VmProgram.Create(Assembler.Assemble("r0 = 0\nexit")));
        var e = compile.Should().Throw<VmException>().Which;
        e.Kind.Should().Be(VmErrorKind.NotVerified, "only programs the loader verified compile without JitOptions.Unchecked");
        e.Message.Should().StartWith("program 'prog' has not been verified");
    }

    [Fact]
    public void SubprogramsBecomeSeparateFunctions()
    {
        var jit = new JitCompiler(new HelperTable(), JitOptions.Trusted);
        var p = jit.Compile(VmProgram.Create(Assembler.Assemble("call f\ncall g\nexit\nf: r0 = 1\nexit\ng: call f\nr0 += 1\nexit")));
        p.FunctionCount.Should().Be(3);
        using var ctx = new VmRunContext();
        p.Run(ctx).Should().Be(2);
    }
}
