using P4Bpf.Runtime.Pcap;
using StfCommand = P4Bpf.Cli.Commands.StfCommand;

namespace P4Bpf.Cli.Tests.Trace;

/// <summary><c>p4bpf stf --trace-pcap DIR</c>: a failing test leaves the input, expected and actual packets of each port as pcap files that read back.</summary>
public sealed class StfTracePcapTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-trace-pcap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private int Run(string stf) => StfCommand.Run(
        [new FileInfo(Path.Combine(TraceJsonTests.DataDir, "route.p4")), new FileInfo(Path.Combine(TraceJsonTests.DataDir, stf))],
        null, null, null, [], [], null, trace: false, tracePcap: _dir);

    private List<byte[]> Read(string name)
    {
        using var stream = File.OpenRead(Path.Combine(_dir, name));
        var (records, error) = PcapReader.ReadAll(stream);
        error.Should().BeNull();
        return [.. records.Select(r => r.Data.ToArray())];
    }

    private static byte[] Hex(string text) => Convert.FromHexString(text);

    [Fact]
    public void Failing_test_writes_input_expected_and_actual_packets_per_port()
    {
        Run("route-fails.stf").Should().Be(StfCommand.ExitTestFailed);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(
            "actual-port2.pcap", "actual-port3.pcap", "expected-port2.pcap", "expected-port3.pcap", "in-port1.pcap");
        var routed = "0000000000bb00000000001108004500001400010000400600000a0000010a010203";
        var nonIpv4 = "0000000000bb00000000001186dd0000000000000000000000000000000000000000";
        var noRoute = "0000000000bb00000000001108004500001400010000400600000a0000010b000001";
        Read("in-port1.pcap").Should().BeEquivalentTo([Hex(routed), Hex(nonIpv4), Hex(noRoute)], o => o.WithStrictOrdering());
        // Port 2: the test expected a different last byte than the switch produced (TTL 0x3f, the new destination MAC).
        Read("expected-port2.pcap").Should().BeEquivalentTo([Hex("0000000000aa000000000011080045000014000100003f0600000a0000010a0102ff")]);
        Read("actual-port2.pcap").Should().BeEquivalentTo([Hex("0000000000aa000000000011080045000014000100003f0600000a0000010a010203")]);
        // Port 3: expected a packet the switch dropped (no route): the actual file exists and is empty.
        Read("expected-port3.pcap").Should().BeEquivalentTo([Hex(noRoute)]);
        Read("actual-port3.pcap").Should().BeEmpty();
    }

    [Fact]
    public void Pcaps_are_ethernet_captures_in_test_order()
    {
        Run("route-fails.stf").Should().Be(StfCommand.ExitTestFailed);
        using var stream = File.OpenRead(Path.Combine(_dir, "in-port1.pcap"));
        PcapReader.TryOpen(stream, out var reader, out var error, leaveOpen: true).Should().BeTrue(error?.Message);
        using (reader)
        {
            reader!.Info.LinkType.Should().Be(PcapLinkType.Ethernet);
        }
        stream.Position = 0;
        var (records, _) = PcapReader.ReadAll(stream);
        records.Select(r => r.TimestampNanoseconds).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Passing_test_writes_no_pcaps()
    {
        Run("route.stf").Should().Be(0);
        Directory.GetFiles(_dir).Should().BeEmpty();
    }
}
