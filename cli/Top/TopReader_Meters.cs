using P4.V1;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.Cli.Top;

internal sealed partial class TopReader
{
    /// <summary>A wildcard Read of every cell of each meter and of each direct meter's table entries: the configured rates, and colour counts when the server sends them.</summary>
    private async Task<List<MeterStat>> ReadMetersAsync(P4InfoMessage p4)
    {
        var meters = new List<MeterStat>();
        foreach (var m in p4.Meters)
        {
            var read = await client.ReadAsync(new Entity { MeterEntry = new MeterEntry { MeterId = m.Preamble.Id } }).ConfigureAwait(false);
            var cells = read.Select(e => e.MeterEntry).Where(e => e is not null && e.MeterId == m.Preamble.Id).ToList();
            meters.Add(new MeterStat(m.Preamble.Name, false, null, m.Size, Unit(m.Spec),
                cells.Where(e => e.Config is not null).Select(e => Rates(e.Config)).ToList(),
                Colours(cells.Select(e => e.CounterData))));
        }
        foreach (var m in p4.DirectMeters)
        {
            var table = p4.Tables.FirstOrDefault(t => t.Preamble.Id == m.DirectTableId);
            var read = await client.ReadAsync(new Entity { DirectMeterEntry = new DirectMeterEntry { TableEntry = new P4.V1.TableEntry { TableId = m.DirectTableId } } }).ConfigureAwait(false);
            var entries = read.Select(e => e.DirectMeterEntry).Where(e => e is not null && e.TableEntry?.TableId == m.DirectTableId).ToList();
            meters.Add(new MeterStat(m.Preamble.Name, true, table?.Preamble.Name, entries.Count, Unit(m.Spec),
                entries.Where(e => e.Config is not null).Select(e => Rates(e.Config)).ToList(),
                Colours(entries.Select(e => e.CounterData))));
        }
        return meters;
    }

    private static string Unit(P4.Config.V1.MeterSpec? spec) => spec?.Unit switch
    {
        P4.Config.V1.MeterSpec.Types.Unit.Bytes => "BYTES",
        P4.Config.V1.MeterSpec.Types.Unit.Packets => "PACKETS",
        _ => "UNSPECIFIED",
    };

    private static MeterRates Rates(MeterConfig c) => new(c.Cir, c.Cburst, c.Pir, c.Pburst);

    /// <summary>The sum of the colour counts, or null when no cell carried any (the server does not count colours).</summary>
    private static MeterColours? Colours(IEnumerable<MeterCounterData?> data)
    {
        MeterColours? sum = null;
        foreach (var d in data)
        {
            if (d is null)
            {
                continue;
            }
            sum = (sum ?? default) + new MeterColours(Cell(d.Green), Cell(d.Yellow), Cell(d.Red));
        }
        return sum;
    }

    private static CounterCell Cell(CounterData? d) => new(d?.PacketCount ?? 0, d?.ByteCount ?? 0);
}
