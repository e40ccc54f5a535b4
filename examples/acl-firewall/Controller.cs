using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The acl-firewall's controller: installs the rule set with P4Runtime priorities (higher wins) and reads each rule's direct counter.</summary>
internal sealed class AclFirewallController : ExampleController
{
    /// <summary>(name, priority, match, action): the same rules as the STF test, in the same order of precedence.</summary>
    private static readonly (string Name, int Priority, Dictionary<string, string> Match, string Action)[] Rules =
    [
        ("quarantine", 40, Args(("hdr.ipv4.srcAddr", "10.1.66.0&&&255.255.255.0")), "deny"),
        ("web", 30, Args(("hdr.ipv4.srcAddr", "10.1.0.0&&&255.255.0.0"), ("hdr.ipv4.protocol", "6&&&0xff"), ("meta.dstPort", "80..443")), "permit"),
        ("dns", 20, Args(("hdr.ipv4.srcAddr", "10.1.0.0&&&255.255.0.0"), ("hdr.ipv4.protocol", "17&&&0xff"), ("meta.dstPort", "53..53")), "permit"),
        ("ssh", 10, Args(("hdr.ipv4.dstAddr", "10.1.0.10&&&255.255.255.255"), ("hdr.ipv4.protocol", "6&&&0xff"), ("meta.dstPort", "22..22")), "permit"),
    ];

    public override string Example => "acl-firewall";

    public override string Description => "Stateless firewall (PSA) between inside port 1 and outside port 2: ternary and range rules with priorities, a direct counter per rule.";

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        await client.WriteAsync(Rules.Select(r => new Update
        {
            Type = Update.Types.Type.Insert,
            Entity = new Entity { TableEntry = client.Entry("acl", r.Match, r.Action, priority: r.Priority) },
        })).ConfigureAwait(false);
        Log.Add($"installed {Rules.Length} rules: {string.Join(", ", Rules.Select(r => $"{r.Name} ({r.Action}, priority {r.Priority})"))}; anything else is denied");
    }

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log) { "rule hits (acl direct counter):" };
        foreach (var e in await client.ReadTableAsync("acl", withCounters: true).ConfigureAwait(false))
        {
            var name = Rules.First(r => r.Priority == e.Priority).Name;
            lines.Add($"  {name,-10} priority {e.Priority}: {e.CounterData?.PacketCount ?? 0} packets");
        }
        return lines;
    }
}
