using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace P4Bpf.Cli.Top;

internal static partial class TopRenderer
{
    /// <summary>The line shown instead of the Ports panel when the server has no p4bpf SwitchStats service (another P4Runtime switch).</summary>
    public const string PortsNotOffered = "port statistics: not offered by this switch";

    /// <summary>Per-port received/sent packets, bytes and rates with the drops of packets that arrived on each port, and a table of drops by reason.</summary>
    private static IRenderable Ports(TopSnapshot current, TopSnapshot? previous, TimeSpan elapsed)
    {
        if (current.Ports is not { } stats)
        {
            return new Markup($"[grey]{PortsNotOffered} (P4Runtime has no port counters; p4bpf servers offer them through p4bpf.SwitchStats)[/]");
        }
        var ports = new Table().Title("Ports").Border(TableBorder.Rounded);
        ports.AddColumn("Port");
        foreach (var c in new[] { "Rx pkts", "Rx bytes", "Rx pkt/s", "Rx B/s", "Tx pkts", "Tx bytes", "Tx pkt/s", "Tx B/s", "Drops", "Drop/s" })
        {
            ports.AddColumn(new TableColumn(c).RightAligned());
        }
        foreach (var p in stats.Ports)
        {
            var before = TopRates.PreviousPort(previous, p);
            var rx = TopRates.Rate(before?.Rx, p.Rx, elapsed);
            var tx = TopRates.Rate(before?.Tx, p.Tx, elapsed);
            var drops = TopRates.Rate(before is null ? null : new CounterCell(before.Drops, 0), new CounterCell(p.Drops, 0), elapsed);
            ports.AddRow(
                Int(p.Port) + (p.Port == stats.CpuPort ? " (cpu)" : ""),
                Int(p.Rx.Packets), Int(p.Rx.Bytes), Rate(rx?.Packets), Rate(rx?.Bytes),
                Int(p.Tx.Packets), Int(p.Tx.Bytes), Rate(tx?.Packets), Rate(tx?.Bytes),
                Int(p.Drops), Rate(drops?.Packets));
        }
        if (stats.Ports.Count == 0)
        {
            ports.AddRow("[grey](no traffic yet)[/]", "", "", "", "", "", "", "", "", "", "");
        }
        ports.Caption($"[grey]since the pipeline was committed: {Int(stats.Received)} received, {Int(stats.Sent)} sent, {Int(stats.Dropped)} dropped; drops count against the ingress port[/]");

        var reasons = new Table().Title("Drops").Border(TableBorder.Rounded);
        reasons.AddColumn("Reason");
        reasons.AddColumn(new TableColumn("Drops").RightAligned());
        reasons.AddColumn(new TableColumn("Drop/s").RightAligned());
        foreach (var (reason, count) in stats.Drops.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var rate = TopRates.Rate(TopRates.PreviousDrops(previous, reason), new CounterCell(count, 0), elapsed);
            reasons.AddRow(Markup.Escape(reason), Int(count), Rate(rate?.Packets));
        }
        if (stats.Drops.Count == 0)
        {
            reasons.AddRow("[grey](no drops)[/]", "", "");
        }
        return new Rows(ports, reasons);
    }
}
