using P4Bpf.Ebpf.Contexts;

namespace P4Bpf.Ebpf.Tests.Contexts;

public sealed class SkBuffContextTests
{
    private static byte[] Ipv4Frame(int length = 60)
    {
        var f = new byte[length];
        f[0] = 0x02;
        f[12] = 0x08;
        f[14] = 0x45;
        return f;
    }

    [Fact]
    public void EthTypeTransSetsProtocolAndPacketType()
    {
        using var ctx = (SkBuffContext)PacketContext.Create(ContextKind.Tc);
        ctx.Load(Ipv4Frame());
        BitConverter.ToUInt32(ctx.Struct[SkBuffLayout.Protocol..]).Should().Be(0x0008u);
        BitConverter.ToUInt32(ctx.Struct[SkBuffLayout.PktType..]).Should().Be(3u, "unicast to another host");
        BitConverter.ToUInt32(ctx.Struct[SkBuffLayout.Len..]).Should().Be(60u);
        BitConverter.ToUInt32(ctx.Struct[SkBuffLayout.Ifindex..]).Should().Be(1u);
    }

    [Fact]
    public void SocketFilterSeesTheNetworkHeader()
    {
        using var ctx = PacketContext.Create(ContextKind.SocketFilter);
        ctx.Load(Ipv4Frame());
        ctx.Length.Should().Be(46);
        ctx.Packet[0].Should().Be(0x45);
        ctx.GetOutputPacket().Should().HaveCount(60).And.StartWith(new byte[14]);
    }

    [Fact]
    public void ChangeHeadAndTailGrowAndShrink()
    {
        using var ctx = (SkBuffContext)PacketContext.Create(ContextKind.Tc);
        ctx.Load(Ipv4Frame());
        ctx.ChangeHead(100, 0).Should().Be(0, "growing past the headroom moves the packet");
        ctx.Length.Should().Be(160);
        ctx.Packet[..100].ToArray().Should().OnlyContain(b => b == 0);
        ctx.Packet[100].Should().Be(0x02);
        ctx.ChangeTail(200, 0).Should().Be(0);
        ctx.ChangeTail(113, 0).Should().Be(-22, "below the network header");
        ctx.ChangeTail(114, 0).Should().Be(0);
        ctx.ChangeHead(1, 1).Should().Be(-22);
        ctx.ChangeTail(SkBuffContext.MaxLength + 1, 0).Should().Be(-22);
    }

    [Fact]
    public void TruncatedIpv4FrameIsRejectedLikeTestRun()
    {
        using var ctx = PacketContext.Create(ContextKind.Tc);
        ((Action)(() => ctx.Load(Ipv4Frame(33)))).Should().Throw<ArgumentException>();
        ctx.Load(Ipv4Frame(34));
    }
}
