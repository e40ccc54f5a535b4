using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The l4-lb's controller: publishes the virtual service and spreads its backends over the group's 16 hash buckets
/// (round-robin), then reads how many packets each bucket sent to its backend.</summary>
internal sealed class L4LbController : ExampleController
{
    private const int Buckets = 16;
    private static readonly (string Mac, int Port)[] Backends = [("00:00:00:00:0b:01", 2), ("00:00:00:00:0b:02", 3), ("00:00:00:00:0b:03", 4)];

    public override string Example => "l4-lb";

    public override string Description => "Layer-4 load balancer (PSA): TCP to 10.0.0.100:80 is spread over 3 backends by a CRC32 5-tuple hash (PSA Hash) and a 16-bucket member table.";

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        static string S(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var updates = new List<Update>
        {
            Insert(client.Entry("vip", Args(("hdr.ipv4.dstAddr", "10.0.0.100"), ("hdr.ipv4.protocol", "6"), ("hdr.l4.dstPort", "80")), "to_group", Args(("group", "1")))),
        };
        for (var b = 0; b < Buckets; b++)
        {
            var (mac, port) = Backends[b % Backends.Length];
            updates.Add(Insert(client.Entry("members", Args(("meta.group", "1"), ("meta.bucket", S(b))), "to_backend", Args(("dmac", mac), ("port", S(port))))));
        }
        await client.WriteAsync(updates).ConfigureAwait(false);
        Log.Add($"VIP 10.0.0.100 tcp/80 -> group 1: {Backends.Length} backends over {Buckets} buckets");
    }

    private static Update Insert(TableEntry e) => new() { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = e } };

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        var perBackend = new long[Backends.Length];
        foreach (var e in await client.ReadTableAsync("members", withCounters: true).ConfigureAwait(false))
        {
            var bucket = (int)new System.Numerics.BigInteger(e.Match.Last().Exact.Value.Span, true, true);
            perBackend[bucket % Backends.Length] += e.CounterData?.PacketCount ?? 0;
        }
        for (var i = 0; i < Backends.Length; i++)
        {
            lines.Add($"backend {Backends[i].Mac} (port {Backends[i].Port}): {perBackend[i]} packets");
        }
        return lines;
    }
}
