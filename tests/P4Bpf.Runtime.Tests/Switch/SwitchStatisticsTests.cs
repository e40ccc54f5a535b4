using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;

namespace P4Bpf.Runtime.Tests.Switch;

/// <summary>The switch's own counts (what p4bpf.SwitchStats and <c>p4bpf top</c> report): per port and per drop reason, equal to what the packets produced.</summary>
public sealed class SwitchStatisticsTests
{
    private static byte[] Packet(uint dst, ushort srcPort) => Convert.FromHexString(
        "00112233445566778899aabb0800" + "4500002c00000000" + "4011" + "0000" + "0a000001" + dst.ToString("x8") +
        srcPort.ToString("x4") + "0050" + "0018" + "0000" + "00" + "000000000000000000000000000000");

    /// <summary>The sum over <paramref name="results"/> as the statistics should have counted it.</summary>
    private static void ShouldMatch(SwitchStatistics stats, IReadOnlyList<(int Port, byte[] Data)> packets, IReadOnlyList<InjectResult> results)
    {
        var expected = new Dictionary<int, PortStatistics>();
        PortStatistics At(int p) => expected.GetValueOrDefault(p, new PortStatistics(p, 0, 0, 0, 0, 0));
        for (var i = 0; i < packets.Count; i++)
        {
            var (port, data) = packets[i];
            var rx = At(port);
            expected[port] = rx with { RxPackets = rx.RxPackets + 1, RxBytes = rx.RxBytes + data.Length, Drops = rx.Drops + results[i].Drops.Count };
            foreach (var o in results[i].Outputs)
            {
                var tx = At(o.Port);
                expected[o.Port] = tx with { TxPackets = tx.TxPackets + 1, TxBytes = tx.TxBytes + o.Data.Length };
            }
        }
        stats.Ports.Should().Equal(expected.Values.OrderBy(p => p.Port));
        var reasons = results.SelectMany(r => r.Drops).GroupBy(d => d.Reason).ToDictionary(g => g.Key, g => (long)g.Count());
        stats.DropReasons.Should().BeEquivalentTo(reasons);
        stats.Injected.Should().Be(packets.Count);
        stats.Sent.Should().Be(results.Sum(r => r.Outputs.Count));
        stats.Dropped.Should().Be(results.Sum(r => r.Drops.Count));
    }

    [Fact]
    public void SingleSwitch_CountsPortsAndDropReasons_AsThePacketsWent()
    {
        using var sw = P4Switch.Load(TestPipelines.XdpRouter());
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], "set_port", [5]));
        var packets = new List<(int, byte[])> { (1, Packet(0x0a000002, 1)), (1, Packet(0x0a000002, 2)), (2, Packet(0x0a000009, 3)), (2, Packet(0x0a000002, 4)), (700, Packet(0x0a000009, 5)) };
        var results = packets.Select(p => sw.Inject(p.Item1, p.Item2)).ToList();
        results.Count(r => r.Drops.Count > 0).Should().Be(2, "two packets miss and take the default drop");
        results.SelectMany(r => r.Drops).Should().OnlyContain(d => d.Reason == DropReason.XdpDrop);
        ShouldMatch(sw.Statistics, packets, results);
        sw.Statistics.Port(700).Drops.Should().Be(1, "ports beyond the direct array are counted too");
        sw.Statistics.Port(9).Should().Be(new PortStatistics(9, 0, 0, 0, 0, 0));
        sw.Statistics.DropsOf(DropReason.MarkedToDrop).Should().Be(0);
    }

    [Fact]
    public void MultiCore_Batch_CountsEveryPacketOnce_FromAllWorkers()
    {
        using var mc = MultiCoreSwitch.Load(TestPipelines.XdpRouter(), 2);
        mc.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], "set_port", [5]));
        var packets = Enumerable.Range(0, 300).Select(i => (Port: 1 + i % 3, Data: Packet(i % 4 == 0 ? 0x0a000009u : 0x0a000002u, (ushort)(1000 + i % 16)))).ToList();
        var results = mc.InjectBatch(packets);
        ShouldMatch(mc.Statistics, packets, results);
        mc.Statistics.DropsOf(DropReason.XdpDrop).Should().Be(75);
    }

    [Fact]
    public void TableLookups_AreCountedOnceEnabled_HitsAndMissesPerApply()
    {
        using var sw = P4Switch.Load(TestPipelines.XdpRouter());
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], "set_port", [5]));
        var tables = sw.Statistics.Tables!;
        sw.Inject(1, Packet(0x0a000002, 1));
        tables.Enabled.Should().BeFalse();
        tables.Snapshot().Should().OnlyContain(t => t.Misses == 0 && (t.Hits ?? 0) == 0, "nothing is counted before someone asks");
        tables.Enable();
        for (var i = 0; i < 3; i++)
        {
            sw.Inject(1, Packet(0x0a000002, (ushort)i));
        }
        sw.Inject(1, Packet(0x0a000009, 7));
        sw.Inject(2, Packet(0x0a000008, 8));
        tables.Snapshot().Should().ContainSingle(t => t.Table == "fwd").Which.Should().Be(new TableLookupStatistics("fwd", 3, 2));
    }
}
