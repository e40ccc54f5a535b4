using P4.V1;
using P4Bpf.P4Runtime.Client;
using ControlEntry = P4Bpf.Runtime.Control.TableEntry;
using ControlMatch = P4Bpf.Runtime.Control.FieldMatch;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Direct meters over a real socket (data/direct_meter.p4: the policer table's action reads its entry's colour into
/// ipv4.diffserv): the configuration written with the entry or as a DirectMeterEntry reaches the entry's map value, reads back,
/// and colours the packets; resetting it makes every packet green again.</summary>
public sealed class DirectMeterTests : ServerTestBase
{
    private static readonly Lazy<TestPipeline> Program = new(() => TestPipeline.Compile("direct_meter.p4"));

    private const uint Dst = 0x0a000002;

    private static TableEntry Policer(P4RuntimeClient c) =>
        c.Entry("policer", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = "10.0.0.2" }, "mark", new Dictionary<string, string> { ["port"] = "2" });

    /// <summary>The diffserv byte (the colour) of each forwarded packet, for <paramref name="count"/> packets sent back to back.</summary>
    private static List<int> Colours(P4Bpf.Runtime.Switch.P4Switch sw, int count) =>
        Enumerable.Range(0, count).Select(_ => sw.Inject(1, Packets.Ipv4(Dst)).Outputs.Single().Data[15] & 0xff).ToList();

    [Fact]
    public async Task Config_WrittenWithTheEntry_ReadsBack_AndColoursPackets()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(Program.Value.P4Info, Program.Value.DeviceConfig, 1);
        var sw = server.Switch!;

        // 1 packet/s committed with a burst of 1, 2 packets/s peak with a burst of 2: back to back, green, yellow, then red.
        var entry = Policer(c);
        entry.MeterConfig = new MeterConfig { Cir = 1, Cburst = 1, Pir = 2, Pburst = 2 };
        await c.InsertAsync(entry);

        var read = await c.ReadAsync(new Entity { DirectMeterEntry = new DirectMeterEntry { TableEntry = new TableEntry { TableId = entry.TableId } } });
        read.Single().DirectMeterEntry.Config.Should().Be(new MeterConfig { Cir = 1, Cburst = 1, Pir = 2, Pburst = 2 });
        var switchEntry = new ControlEntry("MyIngress.policer", [new ControlMatch.Exact(Dst)], "MyIngress.mark", [2]);
        sw.Control.ReadDirectMeter(switchEntry).Should().Be(new P4Bpf.Runtime.Control.MeterConfig(1, 1, 2, 2), "the device wrote the entry's meter cell");

        var colours = Colours(sw, 4);
        colours[0].Should().Be(0, "the first packet finds both buckets full (green)");
        colours.Skip(1).Should().Contain(c => c != 0, "the committed bucket of one packet is empty after the first");
        colours.Last().Should().Be(2, "both buckets are empty after three packets in well under a second (red)");

        // A DirectMeterEntry MODIFY with a large burst refills the buckets: green again.
        var big = new MeterConfig { Cir = 1000, Cburst = 1000, Pir = 2000, Pburst = 2000 };
        await c.WriteAsync(Update.Types.Type.Modify, new Entity { DirectMeterEntry = new DirectMeterEntry { TableEntry = Policer(c), Config = big } });
        Colours(sw, 4).Should().AllSatisfy(x => x.Should().Be(0));
        sw.Control.ReadDirectMeter(switchEntry).Should().Be(new P4Bpf.Runtime.Control.MeterConfig(1000, 1000, 2000, 2000));

        // Unset config: the meter is unconfigured and marks everything green.
        await c.WriteAsync(Update.Types.Type.Modify, new Entity { DirectMeterEntry = new DirectMeterEntry { TableEntry = Policer(c) } });
        sw.Control.ReadDirectMeter(switchEntry).Should().Be(default(P4Bpf.Runtime.Control.MeterConfig));
        Colours(sw, 4).Should().AllSatisfy(x => x.Should().Be(0));
    }
}
