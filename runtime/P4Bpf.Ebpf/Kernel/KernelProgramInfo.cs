using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>What the kernel reports about a program (<c>struct bpf_prog_info</c>).</summary>
/// <remarks><c>Tag</c> is the hex of the 8-byte hash of the instructions, as bpftool shows it; run time and count are only
/// counted while <c>kernel.bpf_stats_enabled</c> is set.</remarks>
public sealed record KernelProgramInfo(ProgramType Type, uint Id, string Tag, string Name, uint JitedLength, uint TranslatedLength,
    uint VerifiedInstructions, ulong RunTimeNanoseconds, ulong RunCount);
