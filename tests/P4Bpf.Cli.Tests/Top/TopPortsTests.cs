using System.Globalization;
using Grpc.Core;
using P4Bpf.Cli.Top;
using P4Bpf.P4Runtime.Client;
using P4Bpf.Runtime.Switch;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Top;

/// <summary>The Ports and Drops panels of <c>p4bpf top</c>: packets through a real switch behind a real server on loopback, read through p4bpf.SwitchStats,
/// and checked against the switch's own counters; and the line shown against a server without the service.</summary>
public sealed class TopPortsTests
{
    private static string RouterPath => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.P4Runtime.Tests", "data", "router.p4");

    /// <summary>The test switch's highest port; the route to 11.0.0.0/8 points past it.</summary>
    private const int MaxPort = 100;

    private static string Fmt(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Fmt(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    private static async Task<TopServer> RouterWithRoutesAsync(bool offerSwitchStats = true)
    {
        var server = await TopServer.StartAsync(RouterPath, offerSwitchStats: offerSwitchStats, maxPort: MaxPort);
        var c = server.Primary;
        await c.InsertAsync(c.Entry("ipv4_lpm", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = "10.0.0.0/8" }, "ipv4_forward",
            new Dictionary<string, string> { ["dstAddr"] = "0xaabbccddeeff", ["port"] = "3" }));
        await c.InsertAsync(c.Entry("ipv4_lpm", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = "11.0.0.0/8" }, "ipv4_forward",
            new Dictionary<string, string> { ["dstAddr"] = "0xaabbccddeeff", ["port"] = "300" }));
        await c.InsertAsync(c.Entry("acl", new Dictionary<string, string> { ["protocol"] = "6" }, "drop", priority: 10));
        return server;
    }

    private static void Expect(InjectResult result, int outputs, params DropReason[] reasons)
    {
        result.Outputs.Should().HaveCount(outputs);
        result.Drops.Select(d => d.Reason).Should().Equal(reasons);
    }

    [Fact]
    public async Task Frame_ShowsPortCountsRatesAndDropReasons_EqualToTheSwitchsCounters()
    {
        await using var server = await RouterWithRoutesAsync();
        var sw = server.Switch;
        var packet = TopFrameTests.Ipv4(0x0a090807);
        for (var i = 0; i < 5; i++)
        {
            Expect(sw.Inject(1, packet), 1);
        }
        Expect(sw.Inject(2, TopFrameTests.Ipv4(0xc0a80001)), 0, DropReason.MarkedToDrop);
        Expect(sw.Inject(2, TopFrameTests.Ipv4(0xc0a80002)), 0, DropReason.MarkedToDrop);
        Expect(sw.Inject(2, TopFrameTests.Ipv4(0x0a010203, protocol: 6)), 0, DropReason.MarkedToDrop);
        Expect(sw.Inject(4, TopFrameTests.Ipv4(0x0b000001)), 0, DropReason.InvalidPort);

        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        var reader = new TopReader(viewer, server.Server.Address);
        var first = await reader.ReadAsync();
        for (var i = 0; i < 4; i++)
        {
            Expect(sw.Inject(1, packet), 1);
        }
        Expect(sw.Inject(2, TopFrameTests.Ipv4(0xc0a80003)), 0, DropReason.MarkedToDrop);
        var second = await reader.ReadAsync();
        var frame = TopFrameTests.Render(second, first);
        TestContext.Current.TestOutputHelper?.WriteLine(frame);
        var seconds = (second.Taken - first.Taken).TotalSeconds;
        seconds.Should().BePositive();

        // Every port the switch counted has a row with exactly its counts.
        var stats = sw.Statistics;
        stats.Ports.Select(p => p.Port).Should().Equal([1, 2, 3, 4], "ports 1, 2 and 4 received, port 3 sent");
        foreach (var p in stats.Ports)
        {
            var row = TopFrameTests.Row(frame, Fmt(p.Port));
            row[1..3].Should().Equal([Fmt(p.RxPackets), Fmt(p.RxBytes)], $"port {p.Port}:\n{frame}");
            row[5..7].Should().Equal([Fmt(p.TxPackets), Fmt(p.TxBytes)], $"port {p.Port}:\n{frame}");
            row[9].Should().Be(Fmt(p.Drops), $"port {p.Port}:\n{frame}");
        }
        // ... and those counts are what was sent: 9 packets of 42 bytes in on port 1 and out of port 3, 4 drops on port 2, 1 packet on port 4 routed past the last port.
        stats.Port(1).Should().Be(new PortStatistics(1, 9, 9 * packet.Length, 0, 0, 0));
        stats.Port(3).Should().Be(new PortStatistics(3, 0, 0, 9, 9 * packet.Length, 0));
        stats.Port(2).Drops.Should().Be(4);
        stats.Port(4).Should().Be(new PortStatistics(4, 1, packet.Length, 0, 0, 1));

        // Rates: what happened between the two reads over their interval.
        TopFrameTests.Row(frame, "1")[3].Should().Be(Fmt(4 / seconds), frame);
        TopFrameTests.Row(frame, "1")[4].Should().Be(Fmt(4 * packet.Length / seconds), frame);
        TopFrameTests.Row(frame, "3")[7].Should().Be(Fmt(4 / seconds), frame);
        TopFrameTests.Row(frame, "2")[10].Should().Be(Fmt(1 / seconds), frame);
        TopFrameTests.Row(frame, "4")[3].Should().Be("0.0", frame);

        // Drops by reason, as the switch counted them.
        stats.DropReasons.Keys.Should().BeEquivalentTo([DropReason.MarkedToDrop, DropReason.InvalidPort]);
        foreach (var (reason, count) in stats.DropReasons)
        {
            var row = TopFrameTests.Row(frame, reason.ToString());
            row[1].Should().Be(Fmt(count), frame);
        }
        stats.DropsOf(DropReason.MarkedToDrop).Should().Be(4);
        TopFrameTests.Row(frame, "MarkedToDrop")[2].Should().Be(Fmt(1 / seconds), frame);
        TopFrameTests.Row(frame, "InvalidPort")[2].Should().Be("0.0", frame);
        frame.Should().Contain($"{stats.Injected} received, {stats.Sent} sent, {stats.Dropped} dropped");
        (stats.Injected, stats.Sent, stats.Dropped).Should().Be((14L, 9L, 5L));

        // Table lookups, counted by the switch from the first request on: the 5 packets after it each applied ipv4_lpm (4 hits, 1 miss) and acl (5 misses).
        var lookups = sw.Statistics.Tables!.Snapshot().ToDictionary(t => t.Table);
        lookups["MyIngress.ipv4_lpm"].Should().Be(new TableLookupStatistics("MyIngress.ipv4_lpm", 4, 1));
        lookups["MyIngress.acl"].Should().Be(new TableLookupStatistics("MyIngress.acl", null, 5), "ternary hits are not counted");
        TopFrameTests.Row(frame, "MyIngress.ipv4_lpm")[7..10].Should().Equal(["4", "1", Fmt(1 / seconds)], frame);
        TopFrameTests.Row(frame, "MyIngress.acl")[7..10].Should().Equal(["n/a", "5", Fmt(5 / seconds)], frame);

        // The P4Runtime panels are still there.
        TopFrameTests.Row(frame, "MyIngress.ipv4_lpm")[1].Should().Be("2", frame);
        frame.Should().NotContain(TopRenderer.PortsNotOffered);
    }

    [Fact]
    public async Task AgainstASwitchWithoutTheService_SaysSo_AndShowsTheP4RuntimePanels()
    {
        await using var server = await RouterWithRoutesAsync(offerSwitchStats: false);
        server.Switch.Inject(1, TopFrameTests.Ipv4(0x0a090807));
        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        (await viewer.GetSwitchStatsAsync(TestContext.Current.CancellationToken)).Should().BeNull("the server answers UNIMPLEMENTED");

        var snapshot = await new TopReader(viewer, server.Server.Address).ReadAsync();
        snapshot.Ports.Should().BeNull();
        var frame = TopFrameTests.Render(snapshot, null);
        frame.Should().Contain(TopRenderer.PortsNotOffered);
        frame.Should().NotContain("Rx pkts");
        TopFrameTests.Row(frame, "MyIngress.ipv4_lpm")[1].Should().Be("2", frame);
        TopFrameTests.Row(frame, "MyIngress.port_packets")[2].Should().Be("1", frame);
        TopFrameTests.Row(frame, "MyIngress.ipv4_lpm")[7..9].Should().Equal(["n/a", "n/a"], "lookups come from p4bpf.SwitchStats");
        server.Switch.Statistics.Tables!.Enabled.Should().BeFalse("nobody asked, so the switch does not count lookups");
    }

    [Fact]
    public async Task SwitchStats_AnswersOverARealSocket_WithTheSwitchsCounts_AndTypedErrors()
    {
        await using var server = await RouterWithRoutesAsync();
        server.Switch.Inject(5, TopFrameTests.Ipv4(0x0a000001));
        server.Switch.Inject(5, TopFrameTests.Ipv4(0x0c000001));

        await using var viewer = new P4RuntimeClient(server.Server.Address, 1);
        var reply = await viewer.GetSwitchStatsAsync(TestContext.Current.CancellationToken);
        reply.Should().NotBeNull();
        reply!.DeviceId.Should().Be(1);
        reply.CpuPort.Should().Be(TopServer.CpuPort);
        (reply.Received, reply.Sent, reply.Dropped).Should().Be((2UL, 1UL, 1UL));
        reply.Ports.Select(p => (p.Port, p.RxPackets, p.TxPackets, p.Drops)).Should().Equal([(3u, 0UL, 1UL, 0UL), (5u, 2UL, 0UL, 1UL)]);
        reply.Ports.Single(p => p.Port == 5).RxBytes.Should().Be((ulong)server.Switch.Statistics.Port(5).RxBytes);
        reply.Drops.Select(d => (d.Reason, d.Count)).Should().Equal([("MarkedToDrop", 1UL)]);

        await using var stranger = new P4RuntimeClient(server.Server.Address, 9);
        var missing = await FluentActions.Awaiting(() => stranger.GetSwitchStatsAsync(TestContext.Current.CancellationToken)).Should().ThrowAsync<RpcException>();
        missing.Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task SwitchStats_WithoutACommittedPipeline_IsFailedPrecondition()
    {
        var core = new P4Bpf.P4Runtime.Core.P4RuntimeCore(new P4Bpf.P4Runtime.Core.P4RuntimeCoreOptions
        {
            DeviceIds = [1],
            DeviceFactory = P4Bpf.P4Runtime.Targets.SwitchDevice.Factory(new SwitchOptions { CpuPort = 64 }, _ => { }),
        });
        await using var server = await P4Bpf.P4Runtime.Server.P4RuntimeServer.StartAsync(core, new P4Bpf.P4Runtime.Server.P4RuntimeServerOptions { Address = "127.0.0.1:0" }, TestContext.Current.CancellationToken);
        try
        {
            await using var viewer = new P4RuntimeClient(server.Address, 1);
            var error = await FluentActions.Awaiting(() => viewer.GetSwitchStatsAsync(TestContext.Current.CancellationToken)).Should().ThrowAsync<RpcException>();
            error.Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        }
        finally
        {
            core.Dispose();
        }
    }
}
