namespace P4Bpf.Ebpf.Helpers;

/// <summary>Where a program asked the packet to go: set by <c>bpf_redirect</c> or <c>bpf_redirect_map</c>, reported in the run result.</summary>
/// <param name="Ifindex">The target interface index (for a devmap, the ifindex stored under <paramref name="Key"/>).</param>
/// <param name="Flags">The helper's flags (<c>BPF_F_INGRESS</c>, <c>BPF_F_BROADCAST</c>, …).</param>
/// <param name="MapName">The map of a <c>bpf_redirect_map</c>, null for <c>bpf_redirect</c>.</param>
/// <param name="Key">The map key of a <c>bpf_redirect_map</c>.</param>
public readonly record struct RedirectTarget(uint Ifindex, ulong Flags, string? MapName = null, uint Key = 0)
{
    public override string ToString() => MapName is null
        ? $"ifindex {Ifindex} flags 0x{Flags:x}"
        : $"map {MapName}[{Key}] (ifindex {Ifindex}) flags 0x{Flags:x}";
}

/// <summary>A copy of the packet sent by <c>bpf_clone_redirect</c>.</summary>
public sealed record ClonedPacket(uint Ifindex, ulong Flags, byte[] Packet);
