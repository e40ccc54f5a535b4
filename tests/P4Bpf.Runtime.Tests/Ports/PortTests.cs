using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Pcap;
using P4Bpf.Runtime.Ports;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Tests.Switch;

namespace P4Bpf.Runtime.Tests.Ports;

public sealed class PortTests
{
    [Fact]
    public void In_memory_and_pcap_ports_carry_packets_through_the_switch()
    {
        using var sw = P4Switch.Load(TestPipelines.XdpRouter());
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], "set_port", [2]));
        var dir = Directory.CreateTempSubdirectory("p4bpf-ports-");
        try
        {
            var input = Path.Combine(dir.FullName, "in1.pcap");
            using (var w = PcapWriter.Create(input))
            {
                w.Write(TestPipelines.Ipv4Packet(0x0a000002), 1000);
                w.Write(TestPipelines.Ipv4Packet(0x0a000002), 2000);
            }
            var output = Path.Combine(dir.FullName, "out2.pcap");
            var mem = new InMemoryPort(2);
            using (var p1 = new PcapPort(1, input, null))
            using (var p3 = new PcapPort(3, null, output))
            {
                mem.Enqueue(TestPipelines.Ipv4Packet(0x0a000002));
                PortPump.RunUntilIdle(sw, [p1, mem, p3]).Should().Be(3);
            }
            mem.TakeSent().Should().HaveCount(3).And.OnlyContain(p => p[22] == 63);
            var (records, error) = PcapReader.ReadAll(File.OpenRead(output));
            error.Should().BeNull();
            records.Should().BeEmpty();
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
