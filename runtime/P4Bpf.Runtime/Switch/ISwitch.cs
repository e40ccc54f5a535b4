using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Control;

namespace P4Bpf.Runtime.Switch;

/// <summary>A loaded P4 pipeline on some target (the in-process <see cref="P4Switch"/>, the multi-core software switch, the Linux kernel):
/// packets in through <see cref="Inject"/>, tables and externs through <see cref="Control"/>, which writes the target's maps through <see cref="FindMap"/>.</summary>
public interface ISwitch : IDisposable
{
    LayoutManifest Layout { get; }

    /// <summary>The architecture name as in the layout (<c>ebpf_model</c>, <c>xdp_model</c>, <c>v1model</c>, <c>psa</c>).</summary>
    string Architecture { get; }

    SwitchOptions Options { get; }

    /// <summary>The CPU port in effect: <see cref="SwitchOptions.CpuPort"/>, else the architecture's default (<see cref="SwitchOptions.DefaultCpuPort"/>).</summary>
    int? CpuPort => Options.CpuPort ?? SwitchOptions.DefaultCpuPort(Architecture);

    /// <summary>The control API (tables, externs, replication, digests, packet I/O with the controller).</summary>
    SwitchControl Control { get; }

    /// <summary>Multicast groups and clone sessions.</summary>
    PacketReplicationEngine Replication { get; }

    /// <summary>Counts of injected packets, outputs and drops since load.</summary>
    SwitchStatistics Statistics { get; }

    /// <summary>The control-plane view of the map called <paramref name="name"/> (layout-manifest name), or null.</summary>
    IMapAccess? FindMap(string name);

    /// <summary>Processes one packet arriving on <paramref name="port"/> and returns everything it produced; never throws for bad packet data.</summary>
    InjectResult Inject(int port, ReadOnlySpan<byte> packet, bool trace = false);
}
