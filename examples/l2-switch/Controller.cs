using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The l2-switch's controller: creates the flood group and the learning clone session, then learns every
/// (source MAC, port) the switch reports in a PacketIn by adding it to smac and dmac.</summary>
internal sealed class L2SwitchController : ExampleController
{
    private const uint FloodGroup = 1, CpuSession = 100;
    private static readonly uint[] Ports = [1, 2, 3, 4];
    private readonly Dictionary<string, int> learnt = new(StringComparer.Ordinal);

    public override string Example => "l2-switch";

    public override string Description => "Learning Ethernet switch (v1model): unknown sources go to the controller, which programs smac/dmac; unknown destinations flood through multicast.";

    public override int? CpuPort => 255;

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        // Multicast group 1: every port, one replica each (instance = port, so egress can tell copies apart).
        await client.MulticastGroupAsync(Update.Types.Type.Insert, FloodGroup, Ports.Select(p => (p, p))).ConfigureAwait(false);
        await CloneSessionAsync(client, CpuSession, (uint)CpuPort!.Value).ConfigureAwait(false);
        Log.Add($"flood group {FloodGroup} = ports {string.Join(", ", Ports)}; clone session {CpuSession} -> CPU port {CpuPort}");
    }

    public override async Task OnPacketInAsync(P4RuntimeClient client, PacketIn packet)
    {
        var port = (int)Metadata(client, packet, "ingress_port");
        var frame = packet.Payload.Span;
        if (frame.Length < 14)
        {
            return;
        }
        var mac = Frames.Mac(frame[6..]);
        if (learnt.TryGetValue(mac, out var known) && known == port)
        {
            return; // a second copy raced the first entry
        }
        var type = learnt.ContainsKey(mac) ? Update.Types.Type.Modify : Update.Types.Type.Insert;
        await client.WriteAsync(
        [
            new Update { Type = type, Entity = new Entity { TableEntry = client.Entry("smac", Args(("hdr.ethernet.srcAddr", mac)), "NoAction") } },
            new Update { Type = type, Entity = new Entity { TableEntry = client.Entry("dmac", Args(("hdr.ethernet.dstAddr", mac)), "forward", Args(("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))) } },
        ]).ConfigureAwait(false);
        learnt[mac] = port;
        Log.Add($"learnt {mac} on port {port}");
    }

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        var entries = await client.ReadTableAsync("dmac").ConfigureAwait(false);
        lines.Add($"MAC table (dmac): {entries.Count} entries");
        foreach (var e in entries)
        {
            lines.Add($"  {MatchSummary.Render(client, e)} -> port {new System.Numerics.BigInteger(e.Action.Action.Params[0].Value.Span, true, true)}");
        }
        return lines;
    }
}
