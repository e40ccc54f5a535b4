using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>xdp_model programs written in P4, compiled end to end and run in the interpreter: verdicts and rewritten packets.</summary>
public sealed class XdpModelProgramTests
{
    [Fact]
    public void DropPrefix_DropsBlockedSources_PassesOthersUnchanged()
    {
        using var run = TestCompiler.Runner("xdp_drop_prefix");
        run.AddEntry("xsw.blocked", [new LpmMatch(Ip(192, 168, 0, 0), 16)], "xsw.block", []);
        run.Run("xdp_prog", Ipv4(Ip(10, 0, 0, 2), src: Ip(192, 168, 7, 1))).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
        var packet = Ipv4(Ip(10, 0, 0, 2), src: Ip(192, 169, 0, 1));
        var (verdict, output) = run.Run("xdp_prog", packet);
        verdict.Should().Be((ulong)XdpModel.XdpPass);
        output.Should().Equal(packet);
        run.Run("xdp_prog", Arp()).Verdict.Should().Be((ulong)XdpModel.XdpPass);
    }

    [Fact]
    public void MacSwap_RewritesMacsDecrementsTtlAndTransmits()
    {
        using var run = TestCompiler.Runner("xdp_mac_swap_tx");
        run.AddEntry("xsw.reflect", [new ExactMatch(Ip(10, 0, 0, 2))], "xsw.bounce", [0x020000000001]);
        var packet = Ipv4(Ip(10, 0, 0, 2), ttl: 64);
        var (verdict, output) = run.Run("xdp_prog", packet, ifindex: 4);
        verdict.Should().Be((ulong)XdpModel.XdpTx);
        var expected = (byte[])packet.Clone();
        SrcMac.CopyTo(expected, 0);
        byte[] newSrc = [0x02, 0, 0, 0, 0, 0x01];
        newSrc.CopyTo(expected, 6);
        expected[22] = 63;
        output.Should().Equal(expected);
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(4);

        var miss = Ipv4(Ip(10, 0, 0, 3));
        var (missVerdict, missOutput) = run.Run("xdp_prog", miss);
        missVerdict.Should().Be((ulong)XdpModel.XdpPass);
        missOutput.Should().Equal(miss);
        var lowTtl = Ipv4(Ip(10, 0, 0, 2), ttl: 1);
        run.Run("xdp_prog", lowTtl).Verdict.Should().Be((ulong)XdpModel.XdpPass);
    }
}
