namespace P4Bpf.Cli.Top;

/// <summary>What <c>p4bpf top</c> shows at one instant: the device's tables, counters and meters as read over P4Runtime, and its port counts when the
/// server offers p4bpf's SwitchStats service (null when it does not); <c>Taken</c> is when the reads finished (monotonic, for rates).</summary>
internal sealed record TopSnapshot(
    string Address,
    ulong DeviceId,
    ulong? Cookie,
    TimeSpan Taken,
    IReadOnlyList<TableStat> Tables,
    IReadOnlyList<CounterStat> Counters,
    SwitchPortStats? Ports = null,
    IReadOnlyList<MeterStat>? Meters = null)
{
    /// <summary>The program's meters and direct meters (empty when it has none).</summary>
    public IReadOnlyList<MeterStat> Meters { get; init; } = Meters ?? [];
}

/// <summary>The switch's own counts (p4bpf SwitchStats): per port, drops per reason, and totals since the pipeline was committed;
/// <c>Lookups</c> holds per-table hits (null: not counted for that table) and misses by table name, when the switch counts them (since the first request).</summary>
internal sealed record SwitchPortStats(IReadOnlyList<PortStat> Ports, IReadOnlyDictionary<string, long> Drops, long Received, long Sent, long Dropped, long? CpuPort,
    IReadOnlyDictionary<string, (long? Hits, long Misses)>? Lookups = null);

/// <summary>One port: packets and bytes received and sent, and drops of packets that arrived on it.</summary>
internal sealed record PortStat(long Port, CounterCell Rx, CounterCell Tx, long Drops);

/// <summary>One P4 table: its installed entries (wildcard Read) against its declared size, and the sum of its direct counter when it has one.</summary>
internal sealed record TableStat(string Name, long Size, int Entries, CounterCell? DirectTotal, string? DirectCounterName);

/// <summary>Packets and bytes (either may be absent for a counter of one unit).</summary>
internal readonly record struct CounterCell(long Packets, long Bytes)
{
    public static CounterCell operator +(CounterCell a, CounterCell b) => new(a.Packets + b.Packets, a.Bytes + b.Bytes);

    public static CounterCell operator -(CounterCell a, CounterCell b) => new(a.Packets - b.Packets, a.Bytes - b.Bytes);
}

/// <summary>An indexed counter: every cell the device reports, and their sum; <c>Unit</c> is PACKETS, BYTES or BOTH (the P4Info spec unit).</summary>
internal sealed record CounterStat(string Name, long Size, string Unit, IReadOnlyDictionary<long, CounterCell> Cells)
{
    public CounterCell Total { get; } = Cells.Values.Aggregate(default(CounterCell), (a, c) => a + c);

    public bool HasPackets => Unit != "BYTES";

    public bool HasBytes => Unit != "PACKETS";
}
