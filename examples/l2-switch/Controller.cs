using System.Globalization;
using System.Numerics;
using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The l2-switch's controller: creates the flood group, enables the learning digest, then learns every
/// (source MAC, port) a digest list reports by adding it to smac and dmac, and acknowledges the list.</summary>
internal sealed class L2SwitchController : ExampleController
{
    private const uint FloodGroup = 1;
    private const string LearnType = "learn_t";
    private static readonly uint[] Ports = [1, 2, 3, 4];
    private readonly Dictionary<string, int> learnt = new(StringComparer.Ordinal);

    public override string Example => "l2-switch";

    public override string Description => "Learning Ethernet switch (v1model): unknown sources reach the controller as digests, and it programs smac/dmac; unknown destinations flood through multicast.";

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        // Multicast group 1: every port, one replica each (instance = port, so egress can tell copies apart).
        await client.MulticastGroupAsync(Update.Types.Type.Insert, FloodGroup, Ports.Select(p => (p, p))).ConfigureAwait(false);
        // One digest per list, sent at once; data not acknowledged within a second is not repeated meanwhile (§16.4).
        var digest = LearnDigest(client);
        await client.EnableDigestAsync(digest.Preamble.Name, maxTimeoutNs: 0, maxListSize: 1, ackTimeoutNs: 1_000_000_000).ConfigureAwait(false);
        Log.Add($"flood group {FloodGroup} = ports {string.Join(", ", Ports)}; learning digest {LearnType} enabled");
    }

    /// <summary>The digest whose data is a <c>learn_t</c> struct (v1model names a digest after its data type).</summary>
    private static P4.Config.V1.Digest LearnDigest(P4RuntimeClient client) =>
        client.P4Info?.Info.Digests.FirstOrDefault(d => d.TypeSpec?.Struct?.Name == LearnType)
        ?? throw new KeyNotFoundException($"the P4Info has no digest of {LearnType}");

    public override async Task OnDigestAsync(P4RuntimeClient client, DigestList list)
    {
        var updates = new List<Update>();
        foreach (var data in list.Data)
        {
            // learn_t { srcAddr, ingress_port }, in field order.
            var members = data.Struct?.Members ?? throw new FormatException($"digest list {list.ListId}: data is not a struct");
            if (members.Count != 2)
            {
                throw new FormatException($"digest list {list.ListId}: {LearnType} has 2 fields, the data {members.Count}");
            }
            var mac = Mac(Number(members[0]));
            var port = (int)Number(members[1]);
            if (learnt.TryGetValue(mac, out var known) && known == port)
            {
                continue; // reported again before our entry took effect
            }
            var type = learnt.ContainsKey(mac) ? Update.Types.Type.Modify : Update.Types.Type.Insert;
            updates.Add(new Update { Type = type, Entity = new Entity { TableEntry = client.Entry("smac", Args(("hdr.ethernet.srcAddr", mac)), "NoAction") } });
            updates.Add(new Update { Type = type, Entity = new Entity { TableEntry = client.Entry("dmac", Args(("hdr.ethernet.dstAddr", mac)), "forward", Args(("port", port.ToString(CultureInfo.InvariantCulture)))) } });
            learnt[mac] = port;
            Log.Add($"learnt {mac} on port {port}");
        }
        if (updates.Count > 0)
        {
            await client.WriteAsync(updates).ConfigureAwait(false);
        }
        await client.AckDigestAsync(list).ConfigureAwait(false);
    }

    private static BigInteger Number(P4Data member) => member.DataCase == P4Data.DataOneofCase.Bitstring
        ? new BigInteger(member.Bitstring.Span, isUnsigned: true, isBigEndian: true)
        : throw new FormatException($"a {LearnType} field is {member.DataCase}, not a bitstring");

    private static string Mac(BigInteger value)
    {
        var bytes = new byte[6];
        for (var i = 5; i >= 0; i--, value >>= 8)
        {
            bytes[i] = (byte)(value & 0xff);
        }
        return Frames.Mac(bytes);
    }

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        var entries = await client.ReadTableAsync("dmac").ConfigureAwait(false);
        lines.Add($"MAC table (dmac): {entries.Count} entries");
        foreach (var e in entries)
        {
            lines.Add($"  {MatchSummary.Render(client, e)} -> port {new BigInteger(e.Action.Action.Params[0].Value.Span, true, true)}");
        }
        return lines;
    }
}
