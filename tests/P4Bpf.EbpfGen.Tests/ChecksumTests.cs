using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

public sealed class ChecksumTests
{
    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += (uint)((header[i] << 8) | header[i + 1]);
        }
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    private static byte[] WithChecksum(byte[] packet)
    {
        packet[24] = 0;
        packet[25] = 0;
        var c = Checksum(packet.AsSpan(14, 20));
        packet[24] = (byte)(c >> 8);
        packet[25] = (byte)c;
        return packet;
    }

    [Fact]
    public void Router_VerifiesAndUpdatesTheIpv4Checksum()
    {
        var result = EbpfCodeGenerator.Generate(ChecksumPrograms.Router());
        result.Errors.Should().BeEmpty();
        using var run = new Harness.PipelineRunner(result);
        run.AddEntry("fwd", [new ExactMatch(0x0a000002)], "set_port", [7]);
        var packet = WithChecksum(Ipv4Packet(0x0a000002, src: 0xc0a80101, ttl: 64));
        var (verdict, output) = run.Run("xdp_prog", packet);
        verdict.Should().Be((ulong)XdpModel.XdpTx);
        output[22].Should().Be(63);
        Checksum(output.AsSpan(14, 20)).Should().Be(0, "the updated header must checksum to zero");
        output[24..26].Should().NotEqual(packet[24..26]);

        var corrupt = (byte[])packet.Clone();
        corrupt[25] ^= 0x55;
        run.Run("xdp_prog", corrupt).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
    }
}
