using P4Bpf.Midend.Architectures;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

public sealed class VarbitTests
{
    private static byte[] WithOptions(int optionBytes)
    {
        var basePacket = Ipv4Packet(0x0a000002, ttl: 9, payload: 4);
        var options = Enumerable.Range(0, optionBytes).Select(i => (byte)(0x10 + i)).ToArray();
        var packet = basePacket[..34].Concat(options).Concat(basePacket[34..]).ToArray();
        packet[14] = (byte)(0x40 | (5 + (optionBytes / 4)));
        return packet;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(40)]
    public void Ipv4Options_RoundTripThroughExtractAndEmit(int optionBytes)
    {
        var result = EbpfCodeGenerator.Generate(VarbitPrograms.Ipv4Options());
        result.Errors.Should().BeEmpty();
        using var run = new Harness.PipelineRunner(result);
        var packet = WithOptions(optionBytes);
        var (verdict, output) = run.Run("xdp_prog", packet);
        verdict.Should().Be((ulong)XdpModel.XdpTx);
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(optionBytes);
        var expected = (byte[])packet.Clone();
        expected[22] = 8;
        output.Should().Equal(expected);
    }

    [Fact]
    public void Ipv4Options_TooLongOrTruncated_Reject()
    {
        var result = EbpfCodeGenerator.Generate(VarbitPrograms.Ipv4Options());
        using var run = new Harness.PipelineRunner(result);
        var bad = WithOptions(0);
        bad[14] = 0x44; // ihl 4: (4 - 5) * 32 wraps to a huge length
        run.Run("xdp_prog", bad).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "parser_error").Should().Be(4);
        var truncated = WithOptions(40)[..50];
        run.Run("xdp_prog", truncated).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "parser_error").Should().Be(1);
    }
}
