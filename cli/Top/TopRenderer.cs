using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace P4Bpf.Cli.Top;

/// <summary>Turns a snapshot (and the one before it, for rates) into one frame of <c>p4bpf top</c>: a header, the ports and drops (when the switch offers them), the tables, the counters and (when the program has any) the meters.</summary>
internal static partial class TopRenderer
{
    /// <summary>Counter cells listed under each counter's total (the busiest non-zero ones).</summary>
    public const int CellsPerCounter = 8;

    public static IRenderable Render(TopSnapshot current, TopSnapshot? previous)
    {
        var elapsed = TopRates.Elapsed(previous, current);
        var header = new Markup(
            $"[bold]p4bpf top[/]  {Markup.Escape(current.Address)}  device {current.DeviceId}"
            + (current.Cookie is { } c ? $"  cookie {c}" : "")
            + (previous is null ? "  [grey](rates from the next refresh)[/]" : $"  [grey]interval {elapsed.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)}s[/]"));
        var panels = new List<IRenderable> { header, Ports(current, previous, elapsed), Tables(current, previous, elapsed), Counters(current, previous, elapsed) };
        if (current.Meters.Count > 0)
        {
            panels.Add(Meters(current));
        }
        return new Rows(panels);
    }

    /// <summary>The frame shown while the device cannot be read.</summary>
    public static IRenderable RenderError(string address, string error) =>
        new Rows(
            new Markup($"[bold]p4bpf top[/]  {Markup.Escape(address)}"),
            new Markup($"[red]cannot read the device:[/] {Markup.Escape(error)}"),
            new Markup("[grey]retrying every refresh; Ctrl+C to quit[/]"));

    private static Table Tables(TopSnapshot current, TopSnapshot? previous, TimeSpan elapsed)
    {
        var table = new Table().Title("Tables").Border(TableBorder.Rounded);
        table.AddColumn("Table");
        table.AddColumn(new TableColumn("Entries").RightAligned());
        table.AddColumn(new TableColumn("Size").RightAligned());
        table.AddColumn(new TableColumn("Fill").RightAligned());
        table.AddColumn(new TableColumn("Hit pkts").RightAligned());
        table.AddColumn(new TableColumn("Hit bytes").RightAligned());
        table.AddColumn(new TableColumn("Hit pkt/s").RightAligned());
        table.AddColumn(new TableColumn("Hits").RightAligned());
        table.AddColumn(new TableColumn("Misses").RightAligned());
        table.AddColumn(new TableColumn("Miss/s").RightAligned());
        var lookups = current.Ports?.Lookups;
        foreach (var t in current.Tables)
        {
            var fill = t.Size > 0 ? ((double)t.Entries / t.Size).ToString("0.0%", CultureInfo.InvariantCulture) : "-";
            var rate = t.DirectTotal is { } d ? TopRates.Rate(TopRates.PreviousDirect(previous, t), d, elapsed) : null;
            (long? Hits, long Misses)? lookup = lookups is not null && lookups.TryGetValue(t.Name, out var l) ? l : null;
            var missRate = lookup is { } m && previous?.Ports?.Lookups?.TryGetValue(t.Name, out var before) == true
                ? TopRates.Rate(new CounterCell(before.Misses, 0), new CounterCell(m.Misses, 0), elapsed) : null;
            table.AddRow(
                Markup.Escape(t.Name),
                Int(t.Entries),
                t.Size > 0 ? Int(t.Size) : "-",
                fill,
                t.DirectTotal is { } p ? Int(p.Packets) : "[grey]n/a[/]",
                t.DirectTotal is { } b ? Int(b.Bytes) : "[grey]n/a[/]",
                Rate(rate?.Packets),
                lookup is { Hits: { } h } ? Int(h) : "[grey]n/a[/]",
                lookup is { } mi ? Int(mi.Misses) : "[grey]n/a[/]",
                Rate(missRate?.Packets));
        }
        if (current.Tables.Count == 0)
        {
            table.AddRow("[grey](no tables)[/]", "", "", "", "", "", "", "", "", "");
        }
        table.Caption(lookups is null
            ? "[grey]hit pkts/bytes come from direct counters (n/a = the table has none); hits/misses need p4bpf.SwitchStats[/]"
            : "[grey]hit pkts/bytes come from direct counters (n/a = the table has none); hits/misses are the switch's lookups since top first asked (n/a: ternary hits)[/]");
        return table;
    }

    private static Table Counters(TopSnapshot current, TopSnapshot? previous, TimeSpan elapsed)
    {
        var table = new Table().Title("Counters").Border(TableBorder.Rounded);
        table.AddColumn("Counter");
        table.AddColumn(new TableColumn("Index").RightAligned());
        table.AddColumn(new TableColumn("Packets").RightAligned());
        table.AddColumn(new TableColumn("Bytes").RightAligned());
        table.AddColumn(new TableColumn("pkt/s").RightAligned());
        table.AddColumn(new TableColumn("B/s").RightAligned());
        foreach (var c in current.Counters)
        {
            var total = TopRates.Rate(TopRates.PreviousTotal(previous, c), c.Total, elapsed);
            table.AddRow($"[bold]{Markup.Escape(c.Name)}[/]", $"all {Int(c.Size)}",
                c.HasPackets ? Int(c.Total.Packets) : "-", c.HasBytes ? Int(c.Total.Bytes) : "-",
                c.HasPackets ? Rate(total?.Packets) : "-", c.HasBytes ? Rate(total?.Bytes) : "-");
            var busiest = c.Cells.Where(kv => kv.Value.Packets != 0 || kv.Value.Bytes != 0)
                .OrderByDescending(kv => kv.Value.Packets).ThenByDescending(kv => kv.Value.Bytes).ThenBy(kv => kv.Key)
                .Take(CellsPerCounter);
            foreach (var (index, cell) in busiest)
            {
                var rate = TopRates.Rate(TopRates.PreviousCell(previous, c, index), cell, elapsed);
                table.AddRow("", Int(index),
                    c.HasPackets ? Int(cell.Packets) : "-", c.HasBytes ? Int(cell.Bytes) : "-",
                    c.HasPackets ? Rate(rate?.Packets) : "-", c.HasBytes ? Rate(rate?.Bytes) : "-");
            }
        }
        if (current.Counters.Count == 0)
        {
            table.AddRow("[grey](the program has no counters)[/]", "", "", "", "", "");
        }
        return table;
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "[grey]-[/]";
}
