using P4Bpf.Cli.Demo;
using P4Bpf.Runtime.Pcap;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary>Every example's controller programs its pipeline over gRPC (a P4Runtime server on 127.0.0.1 over the switch runtime)
/// while the sample pcaps are replayed; the numbers are the ones the example's README and STF test explain.</summary>
public sealed class ExampleControllerTests
{
    /// <summary>Example → (packets in, packets out per port, packet-ins, drops).</summary>
    private static readonly Dictionary<string, (long In, Dictionary<int, long> Out, long PacketIns, long Dropped)> Expected = new()
    {
        ["l3-router"] = (9, new() { [1] = 4, [2] = 2, [3] = 1 }, 3, 2),
        ["l2-switch"] = (4, new() { [1] = 2, [2] = 2, [3] = 2, [4] = 2 }, 0, 2),
        ["acl-firewall"] = (8, new() { [1] = 1, [2] = 3 }, 0, 4),
        ["nat"] = (6, new() { [1] = 1, [2] = 3 }, 0, 2),
        ["l4-lb"] = (30, new() { [2] = 11, [3] = 11, [4] = 6 }, 0, 2),
        ["vxlan"] = (5, new() { [1] = 1, [2] = 1 }, 0, 3),
        ["ebpf-filter"] = (9, new() { [1] = 4 }, 0, 5),
        ["xdp-ddos"] = (215, new() { [1] = 30 }, 0, 185),
    };

    public static TheoryData<string> Examples() => [.. ExampleControllers.All.Select(c => c.Example)];

    [Fact]
    public void Every_runnable_example_has_expectations_and_every_example_is_listed()
    {
        Expected.Keys.Should().BeEquivalentTo(ExampleControllers.All.Select(c => c.Example));
        var folders = Directory.GetDirectories(ExampleStfTests.ExamplesDir).Select(Path.GetFileName).Where(n => n != "tools");
        folders.Should().BeEquivalentTo(ExampleControllers.All.Select(c => c.Example).Concat(ExampleControllers.NotRunnable.Select(n => n.Example)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Controller_programs_the_switch_over_grpc_and_the_replay_gives_the_expected_traffic(string example)
    {
        var controller = ExampleControllers.Create(example)!;
        var output = Directory.CreateTempSubdirectory("p4bpf-demo-").FullName;
        try
        {
            var log = new StringWriter();
            var result = await DemoRunner.RunAsync(Path.Combine(ExampleStfTests.ExamplesDir, example), output, controller, log);
            var expected = Expected[example];
            log.ToString().Should().Contain("P4Runtime server listening on http://127.0.0.1:");
            result.TotalIn.Should().Be(expected.In);
            result.PacketsOut.Should().BeEquivalentTo(expected.Out);
            result.PacketIns.Should().Be(expected.PacketIns);
            result.TotalDropped.Should().Be(expected.Dropped);
            result.Digests.Should().Be(example switch { "l2-switch" => 2, "l4-lb" => 28, _ => 0 },
                "the l2-switch learns through digests (h1, then h2), the l4-lb logs each forwarded packet's flow and backend; the others send none");
            result.Tables.Values.Sum(t => t.Hits).Should().BeGreaterThan(0, "the controller's entries are hit");
            result.ControllerReport.Should().NotBeEmpty();
            foreach (var (port, path) in result.OutputPcaps)
            {
                using var stream = File.OpenRead(path);
                var (records, error) = PcapReader.ReadAll(stream);
                error.Should().BeNull();
                records.Should().HaveCount((int)expected.Out[port], $"out-port{port}.pcap holds what left port {port}");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Router_controller_answers_arp_ping_and_expired_ttl_and_reads_route_counters()
    {
        var output = Directory.CreateTempSubdirectory("p4bpf-demo-").FullName;
        try
        {
            var result = await DemoRunner.RunAsync(Path.Combine(ExampleStfTests.ExamplesDir, "l3-router"), output, new P4Bpf.Examples.L3RouterController(), TextWriter.Null);
            result.ControllerReport.Should().Contain(l => l.StartsWith("ARP who-has 10.0.1.1", StringComparison.Ordinal));
            result.ControllerReport.Should().Contain(l => l.StartsWith("ping 10.0.1.1", StringComparison.Ordinal));
            result.ControllerReport.Should().Contain(l => l.StartsWith("TTL expired", StringComparison.Ordinal));
            result.ControllerReport.Should().Contain(l => l.Contains("192.168.7.0/24", StringComparison.Ordinal) && l.Contains("1 packets", StringComparison.Ordinal));
            // Port 1 gets, in replay order: time exceeded, ARP reply, echo reply (all built by the controller), then h2's packet routed to h1.
            using var stream = File.OpenRead(result.OutputPcaps[1]);
            var frames = PcapReader.ReadAll(stream).Records.Select(r => r.Data).ToList();
            frames.Select(f => Frames.EtherType(f)).Should().Equal(Frames.EtherIpv4, Frames.EtherArp, Frames.EtherIpv4, Frames.EtherIpv4);
            frames[0][34].Should().Be(11, "ICMP time exceeded");
            frames[2][34].Should().Be(0, "ICMP echo reply");
            foreach (var ip in frames.Where(f => Frames.EtherType(f) == Frames.EtherIpv4))
            {
                Frames.Checksum(ip.AsSpan(14, 20)).Should().Be(0, "the IPv4 header checksum is valid");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Ddos_controller_blocks_the_flood_in_its_first_interval()
    {
        var output = Directory.CreateTempSubdirectory("p4bpf-demo-").FullName;
        try
        {
            var result = await DemoRunner.RunAsync(Path.Combine(ExampleStfTests.ExamplesDir, "xdp-ddos"), output, new P4Bpf.Examples.XdpDdosController(), TextWriter.Null);
            result.ControllerReport.Should().Contain(l => l.StartsWith("t=100 ms: 198.18.0.0/24", StringComparison.Ordinal));
            result.ControllerReport.Should().Contain(l => l.StartsWith("203.0.113.0/24", StringComparison.Ordinal) && l.Contains("dropped at XDP    0", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
