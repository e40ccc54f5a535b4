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

    /// <summary>The port whose output is delivered to <see cref="Control.SwitchControl.PacketIn"/> instead of a port; null = the architecture default (<see cref="DefaultCpuPort"/>: v1model 64, PSA PSA_PORT_CPU, none for ebpf_model/xdp_model).</summary>
    public int? CpuPort { get; init; }

    /// <summary>v1model's default CPU port: 64, the <c>CPU_PORT</c> of the P4 tutorials and BMv2's usual <c>--cpu-port</c>.</summary>
    public const int V1ModelCpuPort = 64;

    /// <summary>PSA's default CPU port: <c>PSA_PORT_CPU</c> (0xfffffffd) as an int.</summary>
    public const int PsaCpuPort = unchecked((int)0xfffffffd);

    /// <summary>The CPU port an architecture uses unless told otherwise: v1model <see cref="V1ModelCpuPort"/>, PSA <see cref="PsaCpuPort"/>,
    /// none for ebpf_model and xdp_model (they have no controller port).</summary>
    public static int? DefaultCpuPort(string architecture) => architecture switch
    {
        "v1model" => V1ModelCpuPort,
        "psa" => PsaCpuPort,
        _ => null,
    };

    /// <summary>The highest valid port number for v1model/PSA unicast (0 … MaxPort); other egress ports drop with <see cref="DropReason.InvalidPort"/>.</summary>
    public int MaxPort { get; init; } = 510;

    /// <summary>Record a <see cref="Trace.PacketTrace"/> for every packet.</summary>
    public bool Trace { get; init; }
}
