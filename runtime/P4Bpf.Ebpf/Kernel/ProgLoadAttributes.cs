using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>The <c>BPF_PROG_LOAD</c> arguments.</summary>
/// <param name="Type">The program type.</param>
/// <param name="Instructions">The bytecode, 8-byte slots with map references already patched to file descriptors.</param>
/// <param name="License">The license string (GPL-compatible licenses unlock GPL-only helpers).</param>
public sealed record ProgLoadAttributes(ProgramType Type, ReadOnlyMemory<byte> Instructions, string License)
{
    /// <summary>The program name; characters the kernel rejects become '_' and it is cut to 15 characters.</summary>
    public string Name { get; init; } = "";

    public BpfAttachType ExpectedAttachType { get; init; }

    /// <summary><c>prog_flags</c> (BPF_F_XDP_HAS_FRAGS = 32, BPF_F_TEST_RND_HI32…).</summary>
    public uint Flags { get; init; }

    public uint KernelVersion { get; init; }

    /// <summary>The verifier log level: 0 asks for a log only when the load fails, 1 always logs, 2 logs every instruction's state.</summary>
    public uint LogLevel { get; init; }

    /// <summary>The first log buffer size in bytes; it grows (to 64 MiB) while the kernel reports ENOSPC.</summary>
    public int LogSize { get; init; } = 1 << 20;

    /// <summary>BTF for the program (needed only with func/line info, which we do not pass yet).</summary>
    public BpfFd? Btf { get; init; }
}
