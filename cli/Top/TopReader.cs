using System.Diagnostics;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Stats;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.Cli.Top;

/// <summary>Builds <see cref="TopSnapshot"/>s through a P4Runtime client: the P4Info, a wildcard Read per table, counter, meter and direct meter, and p4bpf's SwitchStats (port counts) when the server offers it, each refresh.</summary>
/// <remarks>Reads need no arbitration, so <c>top</c> never competes with the controller for primaryship. The P4Info is fetched again each refresh, so a new pipeline committed meanwhile is shown as it is.</remarks>
internal sealed partial class TopReader(P4RuntimeClient client, string address)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private P4InfoMessage? info;

    public string Address => address;
    private ulong? cookie;

    /// <summary>Fetches the P4Info and cookie of the device's current pipeline.</summary>
    private async Task LoadAsync()
    {
        var config = await client.GetPipelineAsync(GetForwardingPipelineConfigRequest.Types.ResponseType.P4InfoAndCookie).ConfigureAwait(false);
        info = config?.P4Info ?? throw new InvalidOperationException($"device {client.DeviceId} has no pipeline");
        cookie = config.Cookie?.Cookie_;
    }

    public async Task<TopSnapshot> ReadAsync()
    {
        await LoadAsync().ConfigureAwait(false);
        var p4 = info!;
        var tables = new List<TableStat>();
        foreach (var t in p4.Tables)
        {
            var direct = p4.DirectCounters.FirstOrDefault(d => d.DirectTableId == t.Preamble.Id);
            var filter = new P4.V1.TableEntry { TableId = t.Preamble.Id };
            if (direct is not null)
            {
                filter.CounterData = new CounterData();
            }
            var entries = (await client.ReadAsync(new Entity { TableEntry = filter }).ConfigureAwait(false))
                .Select(e => e.TableEntry).Where(e => e is not null && !e.IsDefaultAction).ToList();
            CounterCell? total = direct is null
                ? null
                : entries.Aggregate(default(CounterCell), (a, e) => a + new CounterCell(e.CounterData?.PacketCount ?? 0, e.CounterData?.ByteCount ?? 0));
            tables.Add(new TableStat(t.Preamble.Name, t.Size, entries.Count, total, direct?.Preamble.Name));
        }
        var counters = new List<CounterStat>();
        foreach (var c in p4.Counters)
        {
            var cells = new Dictionary<long, CounterCell>();
            var read = await client.ReadAsync(new Entity { CounterEntry = new CounterEntry { CounterId = c.Preamble.Id } }).ConfigureAwait(false);
            foreach (var e in read.Select(e => e.CounterEntry).Where(e => e is not null))
            {
                var index = e.Index?.Index_ ?? 0;
                cells[index] = cells.GetValueOrDefault(index) + new CounterCell(e.Data?.PacketCount ?? 0, e.Data?.ByteCount ?? 0);
            }
            counters.Add(new CounterStat(c.Preamble.Name, c.Size, c.Spec?.Unit.ToString().ToUpperInvariant() ?? "BOTH", cells));
        }
        var meters = await ReadMetersAsync(p4).ConfigureAwait(false);
        var stats = await client.GetSwitchStatsAsync().ConfigureAwait(false);
        return new TopSnapshot(address, client.DeviceId, cookie, Clock.Elapsed, tables, counters, stats is null ? null : Ports(stats), meters);
    }

    private static SwitchPortStats Ports(GetStatsResponse s) => new(
        s.Ports.Select(p => new PortStat(p.Port, new CounterCell((long)p.RxPackets, (long)p.RxBytes), new CounterCell((long)p.TxPackets, (long)p.TxBytes), (long)p.Drops)).ToList(),
        s.Drops.GroupBy(d => d.Reason, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => (long)d.Count), StringComparer.Ordinal),
        (long)s.Received, (long)s.Sent, (long)s.Dropped, s.HasCpuPort ? s.CpuPort : null,
        s.TablesCounted ? s.Tables.GroupBy(t => t.Table, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.First().HasHits ? (long?)g.First().Hits : null, (long)g.First().Misses), StringComparer.Ordinal) : null);
}
