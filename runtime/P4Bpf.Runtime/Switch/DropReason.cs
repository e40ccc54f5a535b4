namespace P4Bpf.Runtime.Switch;

/// <summary>Why the switch dropped a packet (or a copy of one).</summary>
public enum DropReason
{
    /// <summary>ebpf_model: the filter returned false (TC_ACT_SHOT).</summary>
    FilterRejected,

    /// <summary>xdp_model: the program returned XDP_DROP.</summary>
    XdpDrop,

    /// <summary>xdp_model: XDP_ABORTED or an unknown action.</summary>
    XdpAborted,

    /// <summary>The parser rejected the packet and the architecture drops rejected packets.</summary>
    ParserReject,

    /// <summary>v1model <c>mark_to_drop</c> / egress_spec 511, PSA <c>ingress_drop</c>/<c>egress_drop</c> or the ingress default (drop = true).</summary>
    MarkedToDrop,

    /// <summary>The program ended through its drop path (e.g. the deparser could not move the packet head).</summary>
    ProgramDrop,

    /// <summary>The program faulted in the engine (checked-memory violation, instruction budget, helper fault).</summary>
    ProgramFault,

    /// <summary>The packet does not fit the engine's packet buffer, or is empty.</summary>
    Malformed,

    /// <summary>Multicast to a group that does not exist or has no members.</summary>
    UnknownMulticastGroup,

    /// <summary>A clone to a session that does not exist.</summary>
    UnknownCloneSession,

    /// <summary>The egress port is not a valid port.</summary>
    InvalidPort,

    /// <summary>Too many resubmits/recirculations of one packet (a loop).</summary>
    LoopLimit,
}

/// <summary>One dropped packet or copy: the stage that dropped it, why, and details.</summary>
public sealed record SwitchDrop(string Stage, DropReason Reason, string Detail)
{
    public override string ToString() => $"dropped in {Stage}: {Reason}{(Detail.Length > 0 ? " (" + Detail + ")" : "")}";
}

/// <summary>A packet the switch sent out of a port.</summary>
public sealed record SwitchOutput(int Port, byte[] Data)
{
    public override string ToString() => $"port {Port}: {Convert.ToHexString(Data).ToLowerInvariant()}";
}

/// <summary>What one injected packet produced: the packets out (in order), the drops, and the trace when tracing.</summary>
public sealed record InjectResult(IReadOnlyList<SwitchOutput> Outputs, IReadOnlyList<SwitchDrop> Drops, Trace.PacketTrace? Trace);
