using Spectre.Console;
using Spectre.Console.Rendering;

namespace P4Bpf.Cli.Top;

internal static partial class TopRenderer
{
    /// <summary>Distinct meter configurations listed under a meter whose cells are configured differently.</summary>
    public const int ConfigsPerMeter = 8;

    /// <summary>One row per meter and direct meter: its cells (or its table's entries), how many are configured, the configured rates and bursts
    /// (one configuration on the row itself, several as rows under it), and the colour counts when the server reports them.</summary>
    private static Table Meters(TopSnapshot current)
    {
        var table = new Table().Title("Meters").Border(TableBorder.Rounded);
        table.AddColumn("Meter");
        table.AddColumn("Kind");
        table.AddColumn(new TableColumn("Cells").RightAligned());
        table.AddColumn(new TableColumn("Configured").RightAligned());
        table.AddColumn("Unit");
        table.AddColumn(new TableColumn("CIR/s").RightAligned());
        table.AddColumn(new TableColumn("CBurst").RightAligned());
        table.AddColumn(new TableColumn("PIR/s").RightAligned());
        table.AddColumn(new TableColumn("PBurst").RightAligned());
        table.AddColumn(new TableColumn("Green").RightAligned());
        table.AddColumn(new TableColumn("Yellow").RightAligned());
        table.AddColumn(new TableColumn("Red").RightAligned());
        var anyColours = false;
        foreach (var m in current.Meters)
        {
            var kind = m.Direct ? (m.Table is { } t ? $"direct on {Markup.Escape(t)}" : "direct") : "indexed";
            var distinct = m.Distinct;
            string[] rates = distinct.Count switch
            {
                0 => ["[grey]-[/]", "[grey]-[/]", "[grey]-[/]", "[grey]-[/]"],
                1 => RateCells(distinct[0].Rates),
                _ => ["[grey]mixed[/]", "[grey]mixed[/]", "[grey]mixed[/]", "[grey]mixed[/]"],
            };
            string[] colours = m.Colours is { } c
                ? [Colour(c.Green, m.Unit), Colour(c.Yellow, m.Unit), Colour(c.Red, m.Unit)]
                : ["[grey]n/a[/]", "[grey]n/a[/]", "[grey]n/a[/]"];
            anyColours |= m.Colours is not null;
            table.AddRow([$"[bold]{Markup.Escape(m.Name)}[/]", kind, Int(m.Cells), Int(m.Configs.Count), m.Unit.ToLowerInvariant(), .. rates, .. colours]);
            if (distinct.Count > 1)
            {
                foreach (var (r, cells) in distinct.Take(ConfigsPerMeter))
                {
                    table.AddRow(["", "", "", Int(cells), "", .. RateCells(r), "", "", ""]);
                }
                if (distinct.Count > ConfigsPerMeter)
                {
                    table.AddRow("", "", "", "", $"[grey]+{distinct.Count - ConfigsPerMeter} more[/]", "", "", "", "", "", "", "");
                }
            }
        }
        table.Caption(anyColours
            ? "[grey]configured = cells or entries with rates set (the others pass everything green); colours are counted since the meter was configured[/]"
            : "[grey]configured = cells or entries with rates set (the others pass everything green); colour counts n/a: the server does not report them[/]");
        return table;
    }

    private static string[] RateCells(MeterRates r) => [Int(r.Cir), Int(r.Cburst), Int(r.Pir), Int(r.Pburst)];

    private static string Colour(CounterCell c, string unit) => Int(unit == "BYTES" ? c.Bytes : c.Packets);
}
