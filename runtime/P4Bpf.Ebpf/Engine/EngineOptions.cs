using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Programs;
using VerifierOptions = P4Bpf.Ebpf.Verifier.VerifierOptions;
using VerifierProfile = P4Bpf.Ebpf.Verifier.VerifierProfile;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Engine;

/// <summary>How a <see cref="BpfEngine"/> loads and runs programs.</summary>
/// <remarks>
/// Safety: every program is verified when the object loads (<see cref="Profile"/>: the kernel's rules for the program's type, or the
/// SmartNIC offload rules); a rejected program fails the load with a <see cref="VerificationException"/> (PC, message, log when
/// <see cref="VerifierLog"/>). Verified programs may run in the JIT and the unchecked interpreter. The one escape is
/// <see cref="RunUnverified"/>: it skips the verifier, and then only the checked (bounds-checked) interpreter may run the code.
/// </remarks>
/// <param name="Executor">Interpreter or JIT.</param>
/// <param name="CheckedMemory">Interpreter: bounds-check every memory access. Off runs verified code on raw pointers, as the kernel does.
/// The JIT never checks bounds; it runs verified code only.</param>
/// <param name="InstructionBudget">Instructions allowed per run (the JIT: backward jumps per function invocation).</param>
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

    /// <summary>The rules programs are verified against at load (default: <see cref="VerifierProfile.Kernel"/>; <see cref="VerifierProfile.SmartNic"/> for offload).</summary>
    public VerifierProfile Profile { get; init; } = VerifierProfile.Kernel;

    /// <summary>Keep the verifier log of a rejected program (<see cref="VerificationException.Log"/>).</summary>
    public bool VerifierLog { get; init; }

    /// <summary>The explicit escape: load programs WITHOUT verifying them. Allowed only with the checked interpreter
    /// (<see cref="ExecutorKind.Interpreter"/> and <see cref="CheckedMemory"/> on), which bounds-checks every access, so a bad program
    /// faults with a <see cref="VmException"/> instead of corrupting the process; for fuzzing, debugging and programs the verifier
    /// cannot prove yet. Any other combination is an <see cref="EngineException"/>.</summary>
    public bool RunUnverified { get; init; }

    /// <summary>Overrides the helper table per program type (default: <see cref="KernelHelpers.CreateTable"/>); add custom helpers here.</summary>
    /// <remarks>The verifier knows only the kernel helpers it has prototypes for: a program calling another helper id is rejected
    /// (run it with <see cref="RunUnverified"/>).</remarks>
    public Func<ProgramType, HelperTable>? Helpers { get; init; }

    /// <summary>Receives <c>bpf_trace_printk</c> lines as they are written.</summary>
    public Action<string>? TraceSink { get; init; }

    /// <summary>The verifier settings programs are loaded with, or null under <see cref="RunUnverified"/>.</summary>
    public VerifierOptions? Verification => RunUnverified ? null : new VerifierOptions { Profile = Profile, Log = VerifierLog };

    /// <summary>Throws <see cref="EngineException"/> when the options ask for unverified code to run without bounds checks.</summary>
    public void Validate()
    {
        if (RunUnverified && (Executor != ExecutorKind.Interpreter || !CheckedMemory))
        {
            throw new EngineException(Executor == ExecutorKind.Jit
                ? "unverified code cannot run in the JIT (it has no bounds checks): use the checked interpreter to run unverified code"
                : "unverified code cannot run in the unchecked interpreter: keep CheckedMemory on to run unverified code");
        }
    }

    /// <summary>The loader options these engine options imply (CPUs, verification).</summary>
    public LoaderOptions ToLoaderOptions(string objectName = "obj") => new(PossibleCpus, objectName) { Verification = Verification };

    /// <summary>The executor these options select; throws <see cref="EngineException"/> for an invalid combination (see <see cref="Validate"/>).</summary>
    public IProgramExecutor CreateExecutor()
    {
        Validate();
        return Executor switch
        {
            ExecutorKind.Interpreter => new InterpreterExecutor(
                new InterpreterOptions(CheckedMemory, InstructionBudget) { RequireVerified = !RunUnverified }, Helpers),
            ExecutorKind.Jit => new Jit.JitExecutor(new Jit.JitOptions(Unchecked: false, BackEdgeBudget: InstructionBudget), Helpers),
            _ => throw new EngineException($"unknown executor {Executor}"),
        };
    }
}
