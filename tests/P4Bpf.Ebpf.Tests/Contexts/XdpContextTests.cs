using P4Bpf.Ebpf.Contexts;

namespace P4Bpf.Ebpf.Tests.Contexts;

public sealed class XdpContextTests
{
    private static readonly byte[] Frame = [.. Enumerable.Range(0, 64).Select(i => (byte)i)];

    [Fact]
    public unsafe void LoadWritesRealAddressesBelow4GiB()
    {
        using var ctx = new XdpContext();
        ctx.Load(Frame);
        var s = ctx.Struct;
        ((ulong)ctx.Data).Should().BeLessThan(1UL << 32);
        BitConverter.ToUInt32(s[XdpMdLayout.Data..]).Should().Be((uint)ctx.Data);
        BitConverter.ToUInt32(s[XdpMdLayout.DataEnd..]).Should().Be((uint)ctx.Data + 64);
        BitConverter.ToUInt32(s[XdpMdLayout.IngressIfindex..]).Should().Be(1);
        ctx.GetOutputPacket().Should().Equal(Frame);
    }

    [Fact]
    public void AdjustHeadFollowsKernelLimits()
    {
        using var ctx = new XdpContext();
        ctx.Load(Frame);
        ctx.AdjustHead(-(XdpContext.Headroom - XdpContext.XdpFrameSize)).Should().Be(0);
        ctx.Length.Should().Be(64 + 256 - 40);
        ctx.AdjustHead(-1).Should().Be(-22, "the xdp_frame area is reserved");
        ctx.Load(Frame);
        ctx.AdjustHead(64 - 14).Should().Be(0);
        ctx.AdjustHead(1).Should().Be(-22, "at least an Ethernet header must remain");
    }

    [Fact]
    public void AdjustTailGrowsZeroFilledUpToTheFrame()
    {
        using var ctx = new XdpContext();
        ctx.Load(Frame);
        ctx.AdjustTail(4).Should().Be(0);
        ctx.GetOutputPacket()[^4..].Should().Equal(0, 0, 0, 0);
        ctx.AdjustTail(4096).Should().Be(-22);
        ctx.AdjustTail(-(ctx.Length - 13)).Should().Be(-22);
    }

    [Fact]
    public void AdjustMetaNeedsWordMultiplesUpTo32()
    {
        using var ctx = new XdpContext();
        ctx.Load(Frame);
        ctx.AdjustMeta(-6).Should().Be(-13);
        ctx.AdjustMeta(-36).Should().Be(-13);
        ctx.AdjustMeta(-8).Should().Be(0);
        ctx.GetOutputPacket().Should().HaveCount(72, "test_run returns the packet from data_meta");
    }

    [Fact]
    public void RejectsRuntAndOversizedPackets()
    {
        using var ctx = new XdpContext();
        ((Action)(() => ctx.Load(new byte[13]))).Should().Throw<ArgumentException>();
        ((Action)(() => ctx.Load(new byte[ctx.MaxPacketSize + 1]))).Should().Throw<ArgumentException>();
    }
}
