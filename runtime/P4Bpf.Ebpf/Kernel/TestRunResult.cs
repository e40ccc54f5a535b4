namespace P4Bpf.Ebpf.Kernel;

/// <summary>What <c>BPF_PROG_TEST_RUN</c> reported.</summary>
/// <param name="ReturnValue">The program's return value (the low 32 bits of r0).</param>
/// <param name="Data">The packet afterwards (<c>data_out</c>).</param>
/// <param name="Context">The context afterwards (<c>ctx_out</c>), empty when no context went in.</param>
/// <param name="DurationNanoseconds">The kernel's mean time per run in nanoseconds.</param>
public sealed record TestRunResult(uint ReturnValue, byte[] Data, byte[] Context, uint DurationNanoseconds);
