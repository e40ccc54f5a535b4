namespace P4Bpf.Midend.Tests.Lowering;

/// <summary><c>lookahead&lt;T&gt;()</c> of a header (valid, fields in wire order) and of a struct, without moving the cursor.</summary>
public sealed class LookaheadAggregateTests
{
    private static byte[] Through(params byte[] tag)
    {
        var packet = new byte[14 + tag.Length + 4];
        Packets.DstMac.CopyTo(packet, 0);
        Packets.SrcMac.CopyTo(packet, 6);
        packet[12] = 0x12;
        packet[13] = 0x37;
        tag.CopyTo(packet, 14);
        using var run = TestCompiler.Runner("v1_lookahead_aggregate");
        run.Run("ingress", packet);
        return run.Run("egress", packet).Packet;
    }

    [Fact]
    public void PeekedHeaderSelectsTheTagAndThePeekedStructHoldsItsFields()
    {
        var output = Through(0x51, 0x23, 0xab, 0xcd);
        output[..6].Should().Equal(Packets.DstMac);
        output[14..18].Should().Equal([0x51, 0x23, 0x12, 0x35], "val = kind ++ ver of the peeked struct");
    }

    [Fact]
    public void PeekWithoutExtractLeavesTheCursorAndReportsAValidHeader()
    {
        var output = Through(0x54, 0x56, 0xab, 0xcd);
        output[..6].Should().Equal([0, 0, 0, 0, 0, 1], "the looked-ahead header is valid");
        output[12..14].Should().Equal([0x45, 0x65], "etherType = kind ++ ver");
        output[14..18].Should().Equal([0x54, 0x56, 0xab, 0xcd], "the tag stays in the payload");
    }
}
