using P4Bpf.Ebpf.Engine;

namespace P4Bpf.Runtime.Switch;

/// <summary>How a <see cref="P4Switch"/> runs.</summary>
public sealed record SwitchOptions
{
    public static SwitchOptions Default { get; } = new();

    /// <summary>The engine options (executor, checked memory, instruction budget); the switch sets the helper table itself.</summary>
    public EngineOptions Engine { get; init; } = new(PossibleCpus: 1);

    /// <summary>Resubmits plus recirculations one packet may take before it is dropped (<see cref="DropReason.LoopLimit"/>).</summary>
    public int MaxPasses { get; init; } = 16;

    /// <summary>The port whose output is delivered to <see cref="Control.SwitchControl.PacketIn"/> instead of a port (v1model: BMv2's --cpu-port; PSA defaults to PSA_PORT_CPU).</summary>
    public int? CpuPort { get; init; }

    /// <summary>The highest valid port number for v1model/PSA unicast (0 … MaxPort); other egress ports drop with <see cref="DropReason.InvalidPort"/>.</summary>
    public int MaxPort { get; init; } = 510;

    /// <summary>Record a <see cref="Trace.PacketTrace"/> for every packet.</summary>
    public bool Trace { get; init; }
}
