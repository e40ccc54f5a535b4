using System.Buffers.Binary;
using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The l3-router's controller: installs interfaces, routes and next hops, then answers what the router punts —
/// ARP requests for its addresses (ARP reply), pings to it (echo reply) and packets whose TTL ran out (ICMP time exceeded) —
/// with PacketOuts through the CPU port.</summary>
internal sealed class L3RouterController : ExampleController
{
    private const byte PuntArp = 1, PuntLocal = 2, PuntTtl = 3;

    /// <summary>The router's interfaces: port → (MAC, IPv4 address).</summary>
    private static readonly Dictionary<int, (string Mac, string Ip)> Interfaces = new()
    {
        [1] = ("00:00:00:00:01:01", "10.0.1.1"),
        [2] = ("00:00:00:00:02:01", "10.0.2.1"),
        [3] = ("00:00:00:00:03:01", "10.0.3.1"),
    };

    /// <summary>Next hops: id → (MAC, port).</summary>
    private static readonly Dictionary<int, (string Mac, int Port)> NextHops = new()
    {
        [1] = ("00:00:0a:00:01:0a", 1),
        [2] = ("00:00:0a:00:02:14", 2),
        [3] = ("00:00:0a:00:03:fe", 3),
    };

    private static readonly (string Prefix, int NextHop)[] Routes =
    [
        ("10.0.1.0/24", 1),
        ("10.0.2.0/24", 2),
        ("192.168.0.0/16", 3),
        ("192.168.7.0/24", 2),
    ];

    public override string Example => "l3-router";

    public override string Description => "IPv4 router (v1model): LPM routes, next hops, TTL and checksum; ARP, pings to the router and expiring TTLs go to the controller, which answers.";

    public override int? CpuPort => 255;

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        var updates = new List<Update>();
        void Insert(TableEntry e) => updates.Add(new Update { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = e } });
        foreach (var (port, (mac, ip)) in Interfaces)
        {
            Insert(client.Entry("local_ip", Args(("hdr.ipv4.dstAddr", ip)), "to_cpu"));
            Insert(client.Entry("port_mac", Args(("standard_metadata.egress_port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))), "set_smac", Args(("smac", mac))));
        }
        foreach (var (prefix, nhop) in Routes)
        {
            Insert(client.Entry("ipv4_lpm", Args(("hdr.ipv4.dstAddr", prefix)), "set_nhop", Args(("nhop_id", nhop.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        }
        foreach (var (id, (mac, port)) in NextHops)
        {
            Insert(client.Entry("nexthop", Args(("meta.nhop_id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))), "set_nexthop",
                Args(("dmac", mac), ("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        }
        await client.WriteAsync(updates).ConfigureAwait(false);
        Log.Add($"installed {updates.Count} entries: {Interfaces.Count} interfaces, {Routes.Length} routes, {NextHops.Count} next hops");
    }

    public override async Task OnPacketInAsync(P4RuntimeClient client, PacketIn packet)
    {
        var port = (int)Metadata(client, packet, "ingress_port");
        var reason = (byte)Metadata(client, packet, "reason");
        var frame = packet.Payload.ToByteArray();
        if (!Interfaces.TryGetValue(port, out var self))
        {
            Log.Add($"packet-in from unknown port {port}: ignored");
            return;
        }
        byte[]? reply = reason switch
        {
            PuntArp => ArpReply(frame, self),
            PuntLocal => EchoReply(frame, self),
            PuntTtl => TimeExceeded(frame, self),
            _ => null,
        };
        if (reply is null)
        {
            Log.Add($"packet-in (reason {reason}) from port {port}: nothing to answer");
            return;
        }
        await PacketOutAsync(client, reply, new Dictionary<string, System.Numerics.BigInteger> { ["egress_port"] = port, ["_pad"] = 0 }).ConfigureAwait(false);
    }

    private byte[]? ArpReply(byte[] frame, (string Mac, string Ip) self)
    {
        // Ethernet + ARP request (htype 1, ptype IPv4, op 1) for our address.
        if (frame.Length < 42 || Frames.EtherType(frame) != Frames.EtherArp || BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(20)) != 1
            || Frames.Ip(frame.AsSpan(38)) != self.Ip)
        {
            return null;
        }
        var mine = Frames.MacBytes(self.Mac);
        var reply = new byte[42];
        frame.AsSpan(6, 6).CopyTo(reply);                    // to the asker
        mine.CopyTo(reply, 6);
        frame.AsSpan(12, 8).CopyTo(reply.AsSpan(12));         // ethertype, htype, ptype, hlen, plen
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(20), 2);
        mine.CopyTo(reply, 22);
        Frames.IpBytes(self.Ip).CopyTo(reply, 28);
        frame.AsSpan(22, 10).CopyTo(reply.AsSpan(32));        // the asker's MAC and IP become the target
        Log.Add($"ARP who-has {self.Ip} from {Frames.Ip(frame.AsSpan(28))}: replied {self.Mac}");
        return reply;
    }

    private byte[]? EchoReply(byte[] frame, (string Mac, string Ip) self)
    {
        if (frame.Length < 42 || Frames.EtherType(frame) != Frames.EtherIpv4 || frame[23] != 1 || frame[34] != 8)
        {
            Log.Add($"packet to {self.Ip} that is not a ping: dropped");
            return null;
        }
        var totalLen = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(16));
        var icmp = frame.AsSpan(34, Math.Min(totalLen - 20, frame.Length - 34));
        var reply = Frames.Icmp(0, 0, icmp[4..8], icmp[8..]);
        Log.Add($"ping {Frames.Ip(frame.AsSpan(30))} <- {Frames.Ip(frame.AsSpan(26))}: echo reply sent");
        return Frames.Ipv4Frame(frame[6..12], Frames.MacBytes(self.Mac), frame[30..34], frame[26..30], 1, reply);
    }

    private byte[]? TimeExceeded(byte[] frame, (string Mac, string Ip) self)
    {
        if (frame.Length < 42 || Frames.EtherType(frame) != Frames.EtherIpv4)
        {
            return null;
        }
        // ICMP time exceeded carries the original IP header and the first 8 bytes of its payload.
        var quoted = frame.AsSpan(14, Math.Min(28, frame.Length - 14));
        var icmp = Frames.Icmp(11, 0, new byte[4], quoted);
        Log.Add($"TTL expired on a packet from {Frames.Ip(frame.AsSpan(26))} to {Frames.Ip(frame.AsSpan(30))}: ICMP time exceeded sent");
        return Frames.Ipv4Frame(frame[6..12], Frames.MacBytes(self.Mac), Frames.IpBytes(self.Ip), frame[26..30], 1, icmp);
    }

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        lines.Add("route hits (ipv4_lpm direct counter):");
        foreach (var (match, packets, bytes) in await DirectCountersAsync(client, "ipv4_lpm").ConfigureAwait(false))
        {
            lines.Add($"  {match,-24} {packets} packets, {bytes} bytes");
        }
        return lines;
    }
}
