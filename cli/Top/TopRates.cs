namespace P4Bpf.Cli.Top;

/// <summary>Per-second rates between two consecutive snapshots of the same device.</summary>
internal static class TopRates
{
    /// <summary>The rate of a value between snapshots, or null without a previous snapshot, a positive interval, or when the value went backwards (reset).</summary>
    public static (double Packets, double Bytes)? Rate(CounterCell? previous, CounterCell current, TimeSpan elapsed)
    {
        if (previous is not { } p || elapsed <= TimeSpan.Zero)
        {
            return null;
        }
        var d = current - p;
        if (d.Packets < 0 || d.Bytes < 0)
        {
            return null;
        }
        return (d.Packets / elapsed.TotalSeconds, d.Bytes / elapsed.TotalSeconds);
    }

    public static TimeSpan Elapsed(TopSnapshot? previous, TopSnapshot current) => previous is null ? TimeSpan.Zero : current.Taken - previous.Taken;

    public static CounterCell? PreviousTotal(TopSnapshot? previous, CounterStat counter) =>
        previous?.Counters.FirstOrDefault(c => c.Name == counter.Name)?.Total;

    public static CounterCell? PreviousCell(TopSnapshot? previous, CounterStat counter, long index) =>
        previous?.Counters.FirstOrDefault(c => c.Name == counter.Name) is { } c ? c.Cells.GetValueOrDefault(index) : null;

    public static CounterCell? PreviousDirect(TopSnapshot? previous, TableStat table) =>
        previous?.Tables.FirstOrDefault(t => t.Name == table.Name)?.DirectTotal;

    public static PortStat? PreviousPort(TopSnapshot? previous, PortStat port) =>
        previous?.Ports?.Ports.FirstOrDefault(p => p.Port == port.Port);

    public static CounterCell? PreviousDrops(TopSnapshot? previous, string reason) =>
        previous?.Ports is { } p ? new CounterCell(p.Drops.GetValueOrDefault(reason), 0) : null;
}
