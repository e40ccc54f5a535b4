using System.Diagnostics;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Vm;
using Xunit;

namespace P4Bpf.Ebpf.Tests.Jit;

/// <summary>Differential fuzzing: seeded random loop-free programs (every ALU op and variant, loads and stores of every size on
/// the stack and the input memory, atomics, forward conditional jumps) run on the interpreter and the JIT with identical results.</summary>
public sealed class JitDifferentialFuzzTests(ITestOutputHelper output)
{
    private const int MemSize64 = 64;

    [Fact]
    public void RandomLoopFreeProgramsAgree()
    {
        var clock = Stopwatch.StartNew();
        var helpers = new HelperTable();
        var jit = new JitCompiler(helpers, JitOptions.Trusted);
        var count = 0;
        for (var seed = 1; seed <= 3000; seed++)
        {
            var rng = new Random(seed);
            var mem = new byte[MemSize64];
            rng.NextBytes(mem);
            var program = VmProgram.Create(Generate(rng), $"fuzz{seed}");
            var interp = EngineComparison.RunInterpreter(program, mem, helpers);
            var compiled = EngineComparison.RunJit(jit.Compile(program), mem);
            (interp, compiled).ShouldAgree($"seed {seed}:\n{string.Join('\n', program.Instructions)}");
            interp.Error.Should().BeNull($"seed {seed} generates only valid accesses: {interp}");
            count++;
        }
        output.WriteLine($"{count} programs in {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>A loop-free program: r1 = input (never written), r0 and r2–r9 seeded from it, a random body, all registers and
    /// a few stack words folded into r0.</summary>
    internal static List<Instruction> Generate(Random rng)
    {
        var body = new List<(Instruction Insn, int Target)>();
        byte[] regs = [0, 2, 3, 4, 5, 6, 7, 8, 9];
        foreach (var r in regs)
        {
            body.Add((Load(new Register(r), Register.R1, (short)(rng.Next(8) * 8), MemSize.DW, sx: false), -1));
        }
        var length = rng.Next(20, 60);
        var start = body.Count;
        for (var n = 0; n < length; n++)
        {
            var dst = new Register(regs[rng.Next(regs.Length)]);
            var src = new Register(regs[rng.Next(regs.Length)]);
            var is64 = rng.Next(2) == 0;
            var imm = RandomImm(rng);
            Instruction insn;
            var target = -1;
            switch (rng.Next(100))
            {
                case < 45:
                {
                    AluOp[] ops = [AluOp.Add, AluOp.Sub, AluOp.Mul, AluOp.Div, AluOp.Or, AluOp.And, AluOp.Lsh, AluOp.Rsh, AluOp.Mod,
                        AluOp.Xor, AluOp.Mov, AluOp.Arsh, AluOp.SDiv, AluOp.SMod];
                    var op = ops[rng.Next(ops.Length)];
                    var reg = rng.Next(2) == 0;
                    insn = new Instruction(OpCode.Alu(op, reg ? OperandSource.Reg : OperandSource.Imm, is64), dst, reg ? src : default, 0, reg ? 0 : imm);
                    break;
                }
                case < 50:
                {
                    AluOp[] sx = is64 ? [AluOp.MovSx8, AluOp.MovSx16, AluOp.MovSx32] : [AluOp.MovSx8, AluOp.MovSx16];
                    insn = new Instruction(OpCode.Alu(sx[rng.Next(sx.Length)], OperandSource.Reg, is64), dst, src, 0, 0);
                    break;
                }
                case < 53:
                    insn = new Instruction(OpCode.Alu(AluOp.Neg, OperandSource.Imm, is64), dst, default, 0, 0);
                    break;
                case < 57:
                {
                    int[] widths = [16, 32, 64];
                    var kind = rng.Next(3); // le, be, bswap
                    insn = new Instruction(OpCode.Alu(AluOp.End, kind == 1 ? OperandSource.Reg : OperandSource.Imm, kind == 2), dst, default, 0,
                        widths[rng.Next(3)]);
                    break;
                }
                case < 60:
                    insn = new Instruction(OpCode.LoadImm64, dst, default, 0, (long)rng.NextInt64() ^ ((long)rng.Next() << 40));
                    break;
                case < 68:
                {
                    var size = RandomSize(rng);
                    var (baseReg, off) = RandomSlot(rng, size);
                    insn = Load(dst, baseReg, off, size, rng.Next(3) == 0 && size != MemSize.DW);
                    break;
                }
                case < 78:
                {
                    var size = RandomSize(rng);
                    var (baseReg, off) = RandomSlot(rng, size);
                    insn = rng.Next(2) == 0
                        ? new Instruction(OpCode.Memory(OpClass.Stx, MemMode.Mem, size), baseReg, src, off, 0)
                        : new Instruction(OpCode.Memory(OpClass.St, MemMode.Mem, size), baseReg, default, off, imm);
                    break;
                }
                case < 84:
                {
                    var size = rng.Next(2) == 0 ? MemSize.W : MemSize.DW;
                    var (baseReg, off) = RandomSlot(rng, size);
                    AtomicOp[] ops = [AtomicOp.Add, AtomicOp.Or, AtomicOp.And, AtomicOp.Xor, AtomicOp.Add | AtomicOp.Fetch,
                        AtomicOp.Or | AtomicOp.Fetch, AtomicOp.And | AtomicOp.Fetch, AtomicOp.Xor | AtomicOp.Fetch, AtomicOp.Xchg, AtomicOp.CmpXchg];
                    insn = new Instruction(OpCode.Atomic(ops[rng.Next(ops.Length)], size), baseReg, src, off, 0);
                    break;
                }
                default:
                {
                    JumpOp[] ops = [JumpOp.JEq, JumpOp.JGt, JumpOp.JGe, JumpOp.JSet, JumpOp.JNe, JumpOp.JSGt, JumpOp.JSGe, JumpOp.JLt,
                        JumpOp.JLe, JumpOp.JSLt, JumpOp.JSLe];
                    var reg = rng.Next(2) == 0;
                    insn = new Instruction(OpCode.Jump(ops[rng.Next(ops.Length)], reg ? OperandSource.Reg : OperandSource.Imm, rng.Next(2) == 0),
                        dst, reg ? src : default, 0, reg ? 0 : imm);
                    target = start + n + 1 + rng.Next(Math.Min(8, length - n)); // forward, at most 8 ahead, may land on the epilogue
                    break;
                }
            }
            body.Add((insn, target));
        }
        // Epilogue: fold registers and some stack words into r0.
        foreach (var r in regs[1..])
        {
            body.Add((new Instruction(OpCode.Alu(AluOp.Xor, OperandSource.Reg, true), Register.R0, new Register(r), 0, 0), -1));
            body.Add((new Instruction(OpCode.Alu(AluOp.Lsh, OperandSource.Imm, true), Register.R0, default, 0, 1), -1));
        }
        for (var k = 1; k <= 4; k++)
        {
            body.Add((Load(Register.R2, Register.R10, (short)(-64 * k), MemSize.DW, sx: false), -1));
            body.Add((new Instruction(OpCode.Alu(AluOp.Add, OperandSource.Reg, true), Register.R0, Register.R2, 0, 0), -1));
        }
        body.Add((new Instruction(OpCode.Exit, default, default, 0, 0), -1));

        // Resolve jump targets (item index) to slot offsets.
        var slot = new int[body.Count + 1];
        for (var k = 0; k < body.Count; k++)
        {
            slot[k + 1] = slot[k] + body[k].Insn.Width;
        }
        var result = new List<Instruction>(body.Count);
        for (var k = 0; k < body.Count; k++)
        {
            var (insn, target) = body[k];
            result.Add(target < 0 ? insn : insn with { Offset = (short)(slot[target] - slot[k + 1]) });
        }
        return result;
    }

    private static Instruction Load(Register dst, Register src, short off, MemSize size, bool sx) =>
        new(OpCode.Memory(OpClass.Ldx, sx ? MemMode.MemSx : MemMode.Mem, size), dst, src, off, 0);

    private static MemSize RandomSize(Random rng) => (MemSize)(rng.Next(4) * 8);

    /// <summary>An aligned address in the input memory (r1) or the top 256 bytes of the stack (r10).</summary>
    private static (Register Base, short Off) RandomSlot(Random rng, MemSize size)
    {
        var bytes = size.Bytes();
        return rng.Next(2) == 0
            ? (Register.R1, (short)(rng.Next(MemSize64 / bytes) * bytes))
            : (Register.R10, (short)(-(rng.Next(256 / bytes) + 1) * bytes));
    }

    private static long RandomImm(Random rng) => rng.Next(6) switch
    {
        0 => 0,
        1 => -1,
        2 => rng.Next(-64, 65),
        3 => int.MinValue,
        4 => rng.Next(),
        _ => -rng.Next(),
    };
}
