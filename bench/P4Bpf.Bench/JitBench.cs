using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Jit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Bench;

/// <summary>JIT against interpreter on the alu100-style program of <see cref="InterpreterBench"/> and on an empty program
/// (<c>r0 = 2; exit</c>, the per-call floor); reports ns per run. The side-by-side run against the kernel is
/// <c>bench/jit-vs-kernel.sh</c> (see <see cref="JitXdpRunner"/>).</summary>
[MemoryDiagnoser]
public unsafe class JitBench
{
    private JitProgram _alu100 = null!;
    private JitProgram _empty = null!;
    private VmProgram _alu100Program = null!;
    private Interpreter _interpreter = null!;
    private VmRunContext _ctx = null!;
    private byte* _mem;

    [GlobalSetup]
    public void Setup()
    {
        var jit = new JitCompiler(new HelperTable(), JitOptions.Trusted);
        _alu100Program = VmProgram.Create(InterpreterBench.Alu100(), "alu100");
        _alu100 = jit.Compile(_alu100Program);
        _empty = jit.Compile(VmProgram.Create([Alu.Mov.Imm(Register.R0, 2), Jmp.Exit()], "empty"));
        _interpreter = new Interpreter(new HelperTable(), new InterpreterOptions(CheckedMemory: false));
        _ctx = new VmRunContext();
        _mem = (byte*)NativeMemory.AllocZeroed(64);
        for (var i = 0; i < 64; i++)
        {
            _mem[i] = (byte)(i * 37 + 11);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ctx.Dispose();
        NativeMemory.Free(_mem);
    }

    [Benchmark]
    public ulong JitEmpty() => _empty.Run(_ctx);

    [Benchmark]
    public ulong JitAlu100() => _alu100.Run(_ctx, (ulong)_mem, 64);

    [Benchmark(Baseline = true)]
    public ulong InterpreterAlu100Unchecked() => _interpreter.Run(_alu100Program, _ctx, (ulong)_mem, 64);
}
