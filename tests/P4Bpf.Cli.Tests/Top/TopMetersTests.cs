using P4.V1;
using P4Bpf.Cli.Top;
using P4Bpf.P4Runtime.Client;
using P4Bpf.Tests.Shared;
using static P4Bpf.Cli.Tests.Top.TopFrameTests;

namespace P4Bpf.Cli.Tests.Top;

/// <summary>The Meters panel of <c>p4bpf top</c>: meters configured over P4Runtime on a real server, read back through the real client, rendered to text.</summary>
public sealed class TopMetersTests
{
    private static string Program(string name) => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Midend.Tests", "testdata", "compile", name);

    private static MeterConfig Config(long cir, long cburst, long pir, long pburst) => new() { Cir = cir, Cburst = cburst, Pir = pir, Pburst = pburst };

    private static Task ConfigureCell(P4RuntimeClient c, string meter, long index, MeterConfig config) =>
        c.WriteAsync(Update.Types.Type.Modify, new Entity { MeterEntry = new MeterEntry { MeterId = c.P4Info!.Meter(meter).Preamble.Id, Index = new P4.V1.Index { Index_ = index }, Config = config } });

    [Fact]
    public async Task IndexedMeter_ShowsItsCells_TheConfiguredCount_AndTheRates()
    {
        await using var server = await TopServer.StartAsync(Program("v1_hash_meter.p4"));
        var c = server.Primary;
        await ConfigureCell(c, "MyIngress.rate", 2, Config(1000, 50, 2000, 100));
        await ConfigureCell(c, "MyIngress.rate", 3, Config(1000, 50, 2000, 100));

        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        var reader = new TopReader(viewer, server.Server.Address);
        var frame = Render(await reader.ReadAsync(), null);

        frame.Should().Contain("Meters");
        var row = Row(frame, "MyIngress.rate");
        row.Should().Equal(["MyIngress.rate", "indexed", "4", "2", "packets", "1000", "50", "2000", "100", "n/a", "n/a", "n/a"], frame);

        // A third cell with other rates: the row says mixed and lists each configuration with how many cells use it.
        await ConfigureCell(c, "MyIngress.rate", 0, Config(10, 5, 20, 10));
        frame = Render(await reader.ReadAsync(), null);
        row = Row(frame, "MyIngress.rate");
        row[3].Should().Be("3", frame);
        row[5].Should().Be("mixed", frame);
        var configs = Rows(frame).Where(r => r.Length == 12 && r[0] == "" && r[4] == "").Select(r => string.Join(' ', r[3], r[5], r[6], r[7], r[8])).ToList();
        configs.Should().Equal(["2 1000 50 2000 100", "1 10 5 20 10"], frame);
    }

    [Fact]
    public async Task DirectMeter_CountsItsTablesEntries()
    {
        await using var server = await TopServer.StartAsync(Program("v1_direct_meter.p4"));
        var c = server.Primary;
        foreach (var (dst, port) in new[] { ("10.0.0.1", "2"), ("10.0.0.2", "3") })
        {
            await c.InsertAsync(c.Entry("MyIngress.policer", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = dst }, "MyIngress.mark", new Dictionary<string, string> { ["port"] = port }));
        }

        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        var snapshot = await new TopReader(viewer, server.Server.Address).ReadAsync();
        var frame = Render(snapshot, null);

        // The entries were written without a MeterConfig, so both read back unconfigured.
        server.Switch.Control.ReadEntries("policer").Should().HaveCount(2);
        Row(frame, "MyIngress.dm").Should().Equal(["MyIngress.dm", "direct on MyIngress.policer", "2", "0", "packets", "-", "-", "-", "-", "n/a", "n/a", "n/a"], frame);
        Row(frame, "MyIngress.policer")[1].Should().Be("2", frame);
    }

    [Fact]
    public void Renderer_ShowsDirectRates_AndColourCounts_WhenTheServerReportsThem()
    {
        // Our server sends no MeterCounterData; another P4Runtime server may. The renderer shows colours in the meter's unit.
        var rates = new MeterRates(500, 20, 800, 40);
        var colours = new MeterColours(new CounterCell(7, 700), new CounterCell(2, 200), new CounterCell(1, 100));
        var snapshot = new TopSnapshot("test:1", 1, null, TimeSpan.Zero, [], [], null,
            [new MeterStat("ingress.dm", true, "ingress.policer", 3, "BYTES", [rates, rates], colours)]);
        var frame = Render(snapshot, null);
        Row(frame, "ingress.dm").Should().Equal(["ingress.dm", "direct on ingress.policer", "3", "2", "bytes", "500", "20", "800", "40", "700", "200", "100"], frame);
        frame.Should().Contain("colours are counted");
    }

    [Fact]
    public async Task UnconfiguredMeter_ShowsNoRates_AndAProgramWithoutMeters_HasNoMetersPanel()
    {
        await using (var server = await TopServer.StartAsync(Program("v1_hash_meter.p4")))
        {
            await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
            var snapshot = await new TopReader(viewer, server.Server.Address).ReadAsync();
            snapshot.Meters.Should().ContainSingle().Which.Configs.Should().BeEmpty();
            var row = Row(Render(snapshot, null), "MyIngress.rate");
            row[2..9].Should().Equal(["4", "0", "packets", "-", "-", "-", "-"]);
        }
        await using (var server = await TopServer.StartAsync(Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.P4Runtime.Tests", "data", "router.p4")))
        {
            await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
            var snapshot = await new TopReader(viewer, server.Server.Address).ReadAsync();
            snapshot.Meters.Should().BeEmpty();
            var frame = Render(snapshot, null);
            frame.Should().NotContain("Meters");
            frame.Should().Contain("Counters");
        }
    }
}
