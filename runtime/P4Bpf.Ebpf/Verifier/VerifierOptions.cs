using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>How to verify: the program type (context layout, helpers), the target profile and whether to keep a log.</summary>
public sealed record VerifierOptions
{
    /// <summary>The program type; <see cref="ProgramType.Unspec"/> takes the type of the <c>ProgramSpec</c>.</summary>
    public ProgramType ProgramType { get; init; } = ProgramType.Unspec;

    public VerifierProfile Profile { get; init; } = VerifierProfile.Kernel;

    /// <summary>Keep the last processed instructions and register states (the kernel's verifier log).</summary>
    public bool Log { get; init; }

    /// <summary>How many log lines to keep (the tail, which ends at the error).</summary>
    public int LogLines { get; init; } = 200;

    /// <summary>Reading stack bytes never written yields an unknown value instead of an error (what the kernel allows a CAP_PERFMON loader). Off by default.</summary>
    public bool AllowUninitializedStackReads { get; init; }

    public static VerifierOptions Default { get; } = new();
}
