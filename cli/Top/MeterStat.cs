namespace P4Bpf.Cli.Top;

/// <summary>One meter rate configuration as P4Runtime reports it (MeterConfig): committed and peak rates and bursts, in the meter's unit per second.</summary>
internal readonly record struct MeterRates(long Cir, long Cburst, long Pir, long Pburst);

/// <summary>Packets per colour a meter reports (MeterCounterData); only servers that count colours send it.</summary>
internal readonly record struct MeterColours(CounterCell Green, CounterCell Yellow, CounterCell Red)
{
    public static MeterColours operator +(MeterColours a, MeterColours b) => new(a.Green + b.Green, a.Yellow + b.Yellow, a.Red + b.Red);
}

/// <summary>An indexed meter (<c>Direct</c> false: <c>Cells</c> is its declared size) or a direct meter (<c>Direct</c> true: <c>Cells</c> is the number of
/// entries of its table); <c>Configs</c> holds each configured cell's or entry's rates (unconfigured ones are left out; they pass everything green);
/// <c>Colours</c> is the sum of the colour counts when the server reported any, else null. <c>Unit</c> is PACKETS or BYTES (the P4Info spec unit).</summary>
internal sealed record MeterStat(string Name, bool Direct, string? Table, long Cells, string Unit, IReadOnlyList<MeterRates> Configs, MeterColours? Colours)
{
    /// <summary>The distinct configurations with how many cells use each, most used first.</summary>
    public IReadOnlyList<(MeterRates Rates, int Cells)> Distinct { get; } =
        Configs.GroupBy(c => c).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key.Cir).ThenBy(g => g.Key.Pir).ToList();
}
