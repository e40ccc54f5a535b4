using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Vm;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.Ebpf.Tests.Vm;

public sealed unsafe class InterpreterTests
{
    private static ulong Run(string asm, HelperTable? helpers = null, InterpreterOptions? options = null, ulong r1 = 0, ulong r2 = 0)
    {
        using var ctx = new VmRunContext();
        return new Interpreter(helpers ?? new HelperTable(), options).Run(VmProgram.Create(Assembler.Assemble(asm)), ctx, r1, r2);
    }

    private static VmException Fails(string asm, HelperTable? helpers = null, InterpreterOptions? options = null)
    {
        var act = () => Run(asm, helpers, options);
        return act.Should().Throw<VmException>().Which;
    }

    [Theory]
    [InlineData("w0 = -1\nw0 += 1\nexit", 0UL)]
    [InlineData("r0 = -1\nw0 = w0\nexit", 0xffffffffUL)]
    [InlineData("r0 = 7\nr1 = 0\nr0 /= r1\nexit", 0UL)]
    [InlineData("r0 = 7\nr1 = 0\nr0 %= r1\nexit", 7UL)]
    [InlineData("r0 = -1\nw1 = 0\nw0 %= w1\nexit", 0xffffffffUL)]
    [InlineData("r0 = 1\nr0 <<= 65\nexit", 2UL)]
    [InlineData("w0 = 1\nw0 <<= 33\nexit", 2UL)]
    [InlineData("r0 = -16\nr0 s>>= 2\nexit", 0xfffffffffffffffcUL)]
    [InlineData("w0 = -16\nw0 s>>= 2\nexit", 0xfffffffcUL)]
    [InlineData("r0 = 0x8000000000000000 ll\nr0 s/= -1\nexit", 0x8000000000000000UL)]
    [InlineData("r0 = 0x8000000000000000 ll\nr0 s%= -1\nexit", 0UL)]
    [InlineData("w0 = 0x80000000\nw0 s/= -1\nexit", 0x80000000UL)]
    [InlineData("r0 = -7\nr0 s/= 2\nexit", 0xfffffffffffffffdUL)]
    [InlineData("r0 = -7\nr0 s%= 2\nexit", 0xffffffffffffffffUL)]
    [InlineData("r0 = 10\nr0 /= -1\nexit", 0UL)]
    [InlineData("r1 = 0x80\nr0 = (s8)r1\nexit", 0xffffffffffffff80UL)]
    [InlineData("w1 = 0x8001\nw0 = (s16)w1\nexit", 0xffff8001UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = be16 r0\nexit", 0x8877UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = le32 r0\nexit", 0x55667788UL)]
    [InlineData("r0 = 0x1122334455667788 ll\nr0 = bswap64 r0\nexit", 0x8877665544332211UL)]
    [InlineData("r0 = 5\nr0 = -r0\nexit", 0xfffffffffffffffbUL)]
    [InlineData("r1 = -1\nr0 = 0\nif r1 s< 0 goto +1\nexit\nr0 = 1\nexit", 1UL)]
    [InlineData("r1 = 0x100000001 ll\nr0 = 0\nif w1 == 1 goto +1\nexit\nr0 = 1\nexit", 1UL)]
    [InlineData("r0 = 0\ngotol +1\nr0 = 2\nexit", 0UL)]
    public void AluAndJumpSemantics(string asm, ulong expected) => Run(asm).Should().Be(expected);

    [Fact]
    public void StackAtomicsAndSignExtendingLoads()
    {
        Run("""
            r1 = 0xff
            *(u8 *)(r10 - 1) = r1
            r0 = *(s8 *)(r10 - 1)
            exit
            """).Should().Be(ulong.MaxValue);
        Run("""
            *(u64 *)(r10 - 8) = 40
            r1 = 2
            r1 = atomic_fetch_add((u64 *)(r10 - 8), r1)
            r0 = *(u64 *)(r10 - 8)
            r0 += r1
            exit
            """).Should().Be(82);
        Run("""
            *(u32 *)(r10 - 4) = 5
            w0 = 5
            w1 = 9
            w0 = cmpxchg32_32(r10 - 4, w0, w1)
            r2 = *(u32 *)(r10 - 4)
            r0 <<= 8
            r0 |= r2
            exit
            """).Should().Be(0x509);
    }

    [Fact]
    public void LocalCallsPreserveCalleeSavedRegistersAndGetTheirOwnFrame()
    {
        Run("""
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
            """).Should().Be(17);
    }

    [Fact]
    public void CallDepthIsLimited()
    {
        var e = Fails("call f\nexit\nf: call f\nexit");
        e.Kind.Should().Be(VmErrorKind.CallDepthExceeded);
        e.Message.Should().Be("call depth exceeds 8 frames at PC 2");
    }

    [Fact]
    public void OutOfBoundsAccessesAreTypedErrorsWithThePc()
    {
        var load = Fails("r0 = 0\nr0 = *(u64 *)(r10 + 0)\nexit");
        load.Kind.Should().Be(VmErrorKind.OutOfBounds);
        load.Pc.Should().Be(1);
        load.Message.Should().StartWith("out of bounds memory load at PC 1, address 0x").And.EndWith(", size 8");
        var store = Fails("*(u8 *)(r10 - 4097) = 1\nexit");
        store.Message.Should().StartWith("out of bounds memory store at PC 0");
        Fails("r1 = 0\nr0 = *(u32 *)(r1 + 16)\nexit").Pc.Should().Be(1);
        Run("r1 = 0\nexit", options: new InterpreterOptions(CheckedMemory: false)).Should().Be(0);
    }

    [Fact]
    public void InputRegionsAreReadOnlyWhenSoRegistered()
    {
        var mem = (byte*)NativeMemory.AllocZeroed(16);
        try
        {
            mem[3] = 0x42;
            using var ctx = new VmRunContext();
            ctx.AddRegion((nint)mem, 16, writable: false);
            var interpreter = new Interpreter(new HelperTable());
            interpreter.Run(VmProgram.Create(Assembler.Assemble("r0 = *(u8 *)(r1 + 3)\nexit")), ctx, (ulong)mem).Should().Be(0x42);
            var write = () => interpreter.Run(VmProgram.Create(Assembler.Assemble("*(u8 *)(r1 + 3) = 1\nexit")), ctx, (ulong)mem);
            write.Should().Throw<VmException>().Which.Kind.Should().Be(VmErrorKind.OutOfBounds);
            var past = () => interpreter.Run(VmProgram.Create(Assembler.Assemble("r0 = *(u32 *)(r1 + 13)\nexit")), ctx, (ulong)mem);
            past.Should().Throw<VmException>().Which.Pc.Should().Be(0);
        }
        finally
        {
            NativeMemory.Free(mem);
        }
    }

    [Fact]
    public void HelpersSeeArgumentsAddRegionsAndFaultWithThePc()
    {
        var value = (byte*)NativeMemory.AllocZeroed(8);
        try
        {
            *(ulong*)value = 0xabc;
            var helpers = new HelperTable()
                .Add(1, "lookup", (r1, _, _, _, _, ctx) =>
                {
                    ctx.AddRegion((nint)value, 8, writable: true);
                    return (ulong)value;
                })
                .Add(2, "sum", (r1, r2, r3, r4, r5, _) => r1 + r2 + r3 + r4 + r5)
                .Add(3, "read", (r1, r2, _, _, _, ctx) => ctx.GetSpan(r1, (int)r2, writable: false)[0]);
            Run("call 1\nr0 = *(u64 *)(r0 + 0)\nexit", helpers).Should().Be(0xabc);
            Run("r1 = 1\nr2 = 2\nr3 = 3\nr4 = 4\nr5 = 5\ncall 2\nexit", helpers).Should().Be(15);
            Run("*(u8 *)(r10 - 1) = 9\nr1 = r10\nr1 += -1\nr2 = 1\ncall 3\nexit", helpers).Should().Be(9);
            var fault = Fails("r1 = 16\nr2 = 4\ncall 3\nexit", helpers);
            fault.Kind.Should().Be(VmErrorKind.HelperFault);
            fault.Pc.Should().Be(2);
            var unknown = Fails("call 99\nexit", helpers);
            (unknown.Kind, unknown.Message).Should().Be((VmErrorKind.UnknownHelper, "call to unknown helper 99 at PC 0"));
            Run("r2 = 2\nr1 = 40\ncallx r2\nexit", helpers).Should().Be(42);
        }
        finally
        {
            NativeMemory.Free(value);
        }
    }

    [Fact]
    public void HelperAddedRegionsEndWithTheRun()
    {
        var value = (byte*)NativeMemory.AllocZeroed(8);
        try
        {
            var helpers = new HelperTable().Add(1, "lookup", (_, _, _, _, _, ctx) =>
            {
                ctx.AddRegion((nint)value, 8, writable: true);
                return (ulong)value;
            });
            using var ctx = new VmRunContext();
            var interpreter = new Interpreter(helpers);
            interpreter.Run(VmProgram.Create(Assembler.Assemble("call 1\nexit")), ctx);
            var reuse = () => interpreter.Run(VmProgram.Create(Assembler.Assemble("r0 = *(u64 *)(r1 + 0)\nexit")), ctx, (ulong)value);
            reuse.Should().Throw<VmException>().Which.Kind.Should().Be(VmErrorKind.OutOfBounds);
        }
        finally
        {
            NativeMemory.Free(value);
        }
    }

    [Fact]
    public void TailCallsReplaceTheProgramAndAreLimited()
    {
        var target = VmProgram.Create(Assembler.Assemble("r0 = r1\nr0 += 100\nexit"), "target");
        var helpers = new HelperTable().Add(12, "tail_call", (_, _, _, _, _, ctx) => ctx.RequestTailCall(target) ? 0UL : ulong.MaxValue);
        Run("r1 = 5\ncall 12\nr0 = 1\nexit", helpers).Should().Be(105);

        VmProgram? self = null;
        var loop = new HelperTable().Add(12, "tail_call", (_, _, _, _, _, ctx) => ctx.RequestTailCall(self!) ? 0UL : 7UL);
        self = VmProgram.Create(Assembler.Assemble("r6 = r1\nr6 += 1\nr1 = r6\ncall 12\nr0 = r6\nexit"));
        using var ctx = new VmRunContext();
        new Interpreter(loop).Run(self, ctx, 0).Should().Be(34, "33 tail calls succeed, the 34th falls through");
        ctx.TailCallCount.Should().Be(33);
    }

    [Fact]
    public void BudgetStopsEndlessLoops()
    {
        var e = Fails("r0 = 0\nloop: r0 += 1\ngoto loop", options: new InterpreterOptions(InstructionBudget: 1000));
        (e.Kind, e.Message).Should().Be((VmErrorKind.BudgetExceeded, "instruction budget of 1000 exceeded at PC 2"));
    }

    [Fact]
    public void LoadTimeChecks()
    {
        var pseudo = () => VmProgram.Create([Mem.LoadMapFd(R1, 3), Jmp.Exit()]);
        var e = pseudo.Should().Throw<VmException>().Which;
        (e.Kind, e.Message).Should().Be((VmErrorKind.UnresolvedPseudo,
            "unresolved lddw pseudo source MapFd at PC 0: a loader must resolve it before the program runs"));
        var kfunc = () => VmProgram.Create([Jmp.CallKfunc(7), Jmp.Exit()]);
        kfunc.Should().Throw<VmException>().Which.Message.Should().Be("not supported yet: kfunc call at PC 0");
        var outOfBounds = () => VmProgram.Create([Jmp.Ja(5), Jmp.Exit()]);
        outOfBounds.Should().Throw<VmException>().Which.Message.Should().Be("jump out of bounds at PC 0");
        var intoLddw = () => VmProgram.Create([Jmp.Ja(1), Mem.LoadImm64(R0, 1), Jmp.Exit()]);
        intoLddw.Should().Throw<VmException>().Which.Message.Should().Be("jump into the middle of lddw at PC 0");
        var empty = () => VmProgram.Create([]);
        empty.Should().Throw<VmException>().Which.Kind.Should().Be(VmErrorKind.EmptyProgram);
        var bytes = () => VmProgram.FromBytes([0x8e, 0, 0, 0, 0, 0, 0, 0]);
        bytes.Should().Throw<VmException>().Which.Message.Should().Be("unknown opcode 0x8e at PC 0");
        var fallOff = () => Run("r0 = 1");
        fallOff.Should().Throw<VmException>().Which.Message.Should().Be("execution ran past the end of the program at PC 1");
    }

    [Fact]
    public void LegacyPacketLoadsReadNetworkOrderAndAbortOutOfRange()
    {
        var packet = (byte*)NativeMemory.AllocZeroed(16);
        try
        {
            packet[12] = 0x08;
            packet[13] = 0x00;
            using var ctx = new VmRunContext();
            ctx.SetPacket((nint)packet, (nint)(packet + 16));
            var interpreter = new Interpreter(new HelperTable());
            interpreter.Run(VmProgram.Create([Mem.LoadAbs(MemSize.H, 12), Jmp.Exit()]), ctx).Should().Be(0x0800);
            interpreter.Run(VmProgram.Create([Alu.Mov.Imm(R3, 10), Mem.LoadInd(MemSize.H, R3, 2), Jmp.Exit()]), ctx).Should().Be(0x0800);
            interpreter.Run(VmProgram.Create([Alu.Mov.Imm(R0, 9), Mem.LoadAbs(MemSize.W, 14), Alu.Mov.Imm(R0, 1), Jmp.Exit()]), ctx)
                .Should().Be(0, "an out-of-range legacy load ends the program with 0");
        }
        finally
        {
            NativeMemory.Free(packet);
        }
    }

    [Fact]
    public void DslProgramsRun()
    {
        AsmInstruction[] program =
        [
            Alu.Mov.Imm(R0, 0),
            Jmp.JEq.Imm(R1, 0, "out"),
            Alu.Mov.Reg(R0, R1),
            Alu.Mul.Imm(R0, 3),
            new AsmInstruction(Jmp.Exit()).WithLabel("out"),
        ];
        using var ctx = new VmRunContext();
        var vm = new Interpreter(new HelperTable());
        var prog = VmProgram.Create(InstructionEncoder.Resolve(program));
        vm.Run(prog, ctx, 14).Should().Be(42);
        vm.Run(prog, ctx, 0).Should().Be(0);
        ctx.InstructionCount.Should().Be(3);
    }
}
