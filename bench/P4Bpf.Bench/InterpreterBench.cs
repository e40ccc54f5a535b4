using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Vm;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.Bench;

/// <summary>Interpreter speed on an ALU-heavy program (~100 loop-free ALU instructions seeded from six u64 loads of input memory,
/// all registers folded into r0), in the spirit of the alu100p anchor; reports ns per run.</summary>
[MemoryDiagnoser]
public unsafe class InterpreterBench
{
    private VmProgram _program = null!;
    private Interpreter _checked = null!;
    private Interpreter _unchecked = null!;
    private VmRunContext _ctx = null!;
    private byte* _mem;

    /// <summary>Builds the program deterministically (fixed seed) so every run measures the same instruction mix.</summary>
    public static List<Instruction> Alu100()
    {
        var rng = new Random(42);
        var program = new List<Instruction>();
        Register[] regs = [R0, R2, R3, R4, R5, R6];
        for (var k = 0; k < 6; k++)
        {
            program.Add(Mem.LoadMem(regs[k], R1, (short)(k * 8), MemSize.DW));
        }
        AluBuilder[] ops = [Alu.Add, Alu.Sub, Alu.Mul, Alu.Xor, Alu.Or, Alu.And];
        for (var n = 0; n < 91; n++)
        {
            var dst = regs[rng.Next(regs.Length)];
            var src = regs[rng.Next(regs.Length)];
            var is32 = rng.Next(2) == 0;
            var insn = rng.Next(10) switch
            {
                < 6 when dst != src => is32 ? ops[rng.Next(ops.Length)].Reg32(dst, src) : ops[rng.Next(ops.Length)].Reg(dst, src),
                < 6 => ops[rng.Next(3)].Imm(dst, rng.Next(1, 1000)),
                6 => is32 ? Alu.Lsh.Imm32(dst, rng.Next(1, 31)) : Alu.Lsh.Imm(dst, rng.Next(1, 63)),
                7 => is32 ? Alu.Rsh.Imm32(dst, rng.Next(1, 31)) : Alu.Rsh.Imm(dst, rng.Next(1, 63)),
                8 => Alu.Neg(dst),
                _ => Alu.Add.Imm(dst, rng.Next(-1000, 1000)),
            };
            program.Add(insn);
        }
        foreach (var r in regs[1..])
        {
            program.Add(Alu.Xor.Reg(R0, r));
        }
        program.Add(Jmp.Exit());
        return program;
    }

    [GlobalSetup]
    public void Setup()
    {
        _program = VmProgram.Create(Alu100(), "alu100");
        _checked = new Interpreter(new HelperTable(), new InterpreterOptions(CheckedMemory: true));
        _unchecked = new Interpreter(new HelperTable(), new InterpreterOptions(CheckedMemory: false));
        _ctx = new VmRunContext();
        _mem = (byte*)NativeMemory.AllocZeroed(64);
        for (var i = 0; i < 64; i++)
        {
            _mem[i] = (byte)(i * 37 + 11);
        }
        _ctx.AddRegion((nint)_mem, 64, writable: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ctx.Dispose();
        NativeMemory.Free(_mem);
    }

    [Benchmark(Baseline = true)]
    public ulong Alu100Checked() => _checked.Run(_program, _ctx, (ulong)_mem, 64);

    [Benchmark]
    public ulong Alu100Unchecked() => _unchecked.Run(_program, _ctx, (ulong)_mem, 64);
}
