using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The ebpf-filter's controller: opens the server's services and pings, blocks a bad network, and reads the verdict counters.</summary>
internal sealed class EbpfFilterController : ExampleController
{
    private static readonly string[] Verdicts = ["accepted", "blocked source", "no such service", "ICMP type not allowed"];

    public override string Example => "ebpf-filter";

    public override string Description => "TC ingress filter (ebpf_model) for a server: SSH, HTTPS, NTP and ping are let in, 198.51.0.0/16 is blocked, the rest dropped.";

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        await client.WriteAsync(
        [
            Insert(client.Entry("services", Args(("hdr.ipv4.protocol", "6"), ("hdr.l4.dstPort", "22")), "allow")),
            Insert(client.Entry("services", Args(("hdr.ipv4.protocol", "6"), ("hdr.l4.dstPort", "443")), "allow")),
            Insert(client.Entry("services", Args(("hdr.ipv4.protocol", "17"), ("hdr.l4.dstPort", "123")), "allow")),
            Insert(client.Entry("icmp_types", Args(("hdr.icmp.type", "8")), "allow")),
            Insert(client.Entry("blocked", Args(("hdr.ipv4.srcAddr", "198.51.0.0/16")), "reject_source")),
        ]).ConfigureAwait(false);
        Log.Add("services tcp/22, tcp/443, udp/123 and ICMP echo allowed; 198.51.0.0/16 blocked");
    }

    private static Update Insert(TableEntry e) => new() { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = e } };

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        var cells = await CountersAsync(client, "verdicts").ConfigureAwait(false);
        for (var i = 0; i < Verdicts.Length; i++)
        {
            lines.Add($"verdicts[{i}] {Verdicts[i],-22} {cells.GetValueOrDefault(i).Packets} packets");
        }
        return lines;
    }
}
