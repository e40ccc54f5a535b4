namespace P4Bpf.Ebpf.Kernel;

/// <summary>The <c>BPF_PROG_TEST_RUN</c> arguments beyond the program.</summary>
/// <param name="Data">The packet (<c>data_in</c>); at least 14 bytes for XDP and TC programs.</param>
public sealed record TestRunOptions(ReadOnlyMemory<byte> Data)
{
    /// <summary>The input context (<c>struct xdp_md</c>, <c>struct __sk_buff</c>); empty for none.</summary>
    public ReadOnlyMemory<byte> Context { get; init; }

    /// <summary>Runs per call; the kernel reports the mean duration.</summary>
    public uint Repeat { get; init; } = 1;

    /// <summary>Room for the output packet; it grows once when the kernel reports ENOSPC.</summary>
    public int DataSizeOut { get; init; } = 65536;

    /// <summary>Room for the output context (when <see cref="Context"/> is given, at least its size).</summary>
    public int ContextSizeOut { get; init; }

    /// <summary><c>flags</c> (BPF_F_TEST_RUN_ON_CPU = 1, BPF_F_TEST_XDP_LIVE_FRAMES = 2).</summary>
    public uint Flags { get; init; }

    /// <summary>The CPU for BPF_F_TEST_RUN_ON_CPU (raw tracepoints only); see <see cref="KernelEngine"/> for pinning packet runs.</summary>
    public uint Cpu { get; init; }

    /// <summary><c>batch_size</c> for live-frame XDP runs.</summary>
    public uint BatchSize { get; init; }
}
