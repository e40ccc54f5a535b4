using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Engine;

/// <summary>How a <see cref="BpfEngine"/> loads and runs programs.</summary>
/// <param name="Executor">Interpreter or JIT.</param>
/// <param name="CheckedMemory">Bounds-check every memory access (interpreter); off runs verified code on raw pointers, as the kernel does.</param>
/// <param name="InstructionBudget">Instructions allowed per run.</param>
/// <param name="PossibleCpus">CPU slots in per-CPU maps; 0 means <see cref="Environment.ProcessorCount"/>.</param>
/// <param name="Cpu">The CPU index runs use (per-CPU map slot, <c>bpf_get_smp_processor_id</c>).</param>
public sealed record EngineOptions(
    ExecutorKind Executor = ExecutorKind.Interpreter,
    bool CheckedMemory = true,
    long InstructionBudget = 100_000_000,
    int PossibleCpus = 0,
    int Cpu = 0)
{
    public static EngineOptions Default { get; } = new();

    /// <summary>Overrides the helper table per program type (default: <see cref="KernelHelpers.CreateTable"/>); add custom helpers here.</summary>
    public Func<ProgramType, HelperTable>? Helpers { get; init; }

    /// <summary>Receives <c>bpf_trace_printk</c> lines as they are written.</summary>
    public Action<string>? TraceSink { get; init; }

    /// <summary>The executor these options select; throws <see cref="EngineException"/> for one that does not exist yet.</summary>
    public IProgramExecutor CreateExecutor() => Executor switch
    {
        ExecutorKind.Interpreter => new InterpreterExecutor(new InterpreterOptions(CheckedMemory, InstructionBudget), Helpers),
        ExecutorKind.Jit when CheckedMemory => throw new EngineException(
            "the JIT runs code without bounds checks: turn CheckedMemory off (exec --unchecked) for trusted programs until the verifier is wired in"),
        ExecutorKind.Jit => new Jit.JitExecutor(new Jit.JitOptions(Unchecked: true, BackEdgeBudget: InstructionBudget), Helpers),
        _ => throw new EngineException($"unknown executor {Executor}"),
    };
}
