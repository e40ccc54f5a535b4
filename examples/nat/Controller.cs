using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The nat's controller: installs the NAPT mappings in both directions and reads the per-mapping and miss registers.</summary>
internal sealed class NatController : ExampleController
{
    private const string Public = "198.51.100.1";

    private static readonly (int Id, string Inside, int Port, int Protocol, int PublicPort)[] Mappings =
    [
        (1, "192.168.1.10", 40000, 6, 61000),
        (2, "192.168.1.10", 5353, 17, 61001),
        (3, "192.168.1.11", 40000, 6, 61002),
    ];

    public override string Example => "nat";

    public override string Description => "Source NAT (v1model) from inside port 1 to outside port 2 as 198.51.100.1: mapping tables, registers, checksum fix-ups.";

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        static string S(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var updates = new List<Update>();
        foreach (var m in Mappings)
        {
            updates.Add(Insert(client.Entry("nat_out", Args(("hdr.ipv4.srcAddr", m.Inside), ("meta.l4_src", S(m.Port)), ("hdr.ipv4.protocol", S(m.Protocol))),
                "snat", Args(("id", S(m.Id)), ("public_addr", Public), ("public_port", S(m.PublicPort))))));
            updates.Add(Insert(client.Entry("nat_in", Args(("meta.l4_dst", S(m.PublicPort)), ("hdr.ipv4.protocol", S(m.Protocol))),
                "dnat", Args(("id", S(m.Id)), ("inside_addr", m.Inside), ("inside_port", S(m.Port))))));
            Log.Add($"mapping {m.Id}: {(m.Protocol == 6 ? "tcp" : "udp")} {m.Inside}:{m.Port} <-> {Public}:{m.PublicPort}");
        }
        await client.WriteAsync(updates).ConfigureAwait(false);
    }

    private static Update Insert(TableEntry e) => new() { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = e } };

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        var packets = await client.ReadRegisterAsync("nat_packets").ConfigureAwait(false);
        foreach (var m in Mappings)
        {
            lines.Add($"nat_packets[{m.Id}] = {packets.First(p => p.Index == m.Id).Value} packets translated");
        }
        var misses = await client.ReadRegisterAsync("nat_misses", 0).ConfigureAwait(false);
        lines.Add($"nat_misses = {misses[0].Value} packets without a mapping (dropped)");
        return lines;
    }
}
