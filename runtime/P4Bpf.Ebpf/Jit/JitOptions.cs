namespace P4Bpf.Ebpf.Jit;

/// <summary>How the JIT compiles and runs programs.</summary>
/// <param name="Unchecked">Also compile programs that no verifier has accepted ("trusted" code: tests, benchmarks). JIT'd code
/// dereferences program addresses without bounds checks (as the kernel's JIT does for verified code), so a wrong program can corrupt
/// the process. Off (the default), only programs the loader verified (<see cref="Vm.VmProgram.IsVerified"/>) compile; use the
/// interpreter's checked mode for untrusted code.</param>
/// <param name="BackEdgeBudget">Maximum backward jumps taken per function invocation before the run stops with
/// <see cref="Vm.VmErrorKind.BudgetExceeded"/>; 0 turns the counter off (verified code has bounded loops). Loop-free code pays nothing.</param>
public sealed record JitOptions(bool Unchecked = false, long BackEdgeBudget = 100_000_000)
{
    /// <summary>Unchecked compilation with the default loop budget (trusted programs, tests, benchmarks).</summary>
    public static JitOptions Trusted { get; } = new(Unchecked: true);

    /// <summary>Verified programs only, with the default loop budget.</summary>
    public static JitOptions Default { get; } = new();
}
