namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Header stacks of header unions: a parser loop extracting stack.next.member, pop_front/push_front, member validity, emit.</summary>
public sealed class UnionStackTests
{
    private static byte[] Packet(ushort etherType, params byte[] options)
    {
        var packet = new byte[14 + options.Length + 6];
        Packets.DstMac.CopyTo(packet, 0);
        Packets.SrcMac.CopyTo(packet, 6);
        packet[12] = (byte)(etherType >> 8);
        packet[13] = (byte)etherType;
        options.CopyTo(packet, 14);
        byte[] payload = [0x00, 0xde, 0xad, 0xbe, 0xef, 0x99];
        payload.CopyTo(packet, 14 + options.Length);
        return packet;
    }

    private static byte[] Through(string program, byte[] packet)
    {
        using var run = TestCompiler.Runner(program);
        run.Run("ingress", packet);
        return run.Run("egress", packet).Packet;
    }

    [Fact]
    public void LeadingLongOptionIsPoppedAndTheShortOneRewritten()
    {
        var output = Through("v1_union_stack", Packet(0x1235, 0x02, 0x11, 0x22, 0x33, 0x01, 0x44));
        output[14..].Should().Equal([0x01, 0xaa, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x99]);
    }

    [Fact]
    public void TwoShortOptionsAreRewrittenInPlace()
    {
        var output = Through("v1_union_stack", Packet(0x1235, 0x01, 0x44, 0x01, 0x55));
        output[14..].Should().Equal([0x01, 0xaa, 0x01, 0x56, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x99]);
    }

    [Fact]
    public void PushFrontMovesTheUnionAndANewMemberBecomesValid()
    {
        var output = Through("v1_union_stack", Packet(0x1236, 0x01, 0x44));
        output[14..].Should().Equal([0x02, 0x01, 0x02, 0x03, 0x01, 0xaa, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x99]);
    }

    [Fact]
    public void ALoneLongOptionIsPoppedAway()
    {
        var output = Through("v1_union_stack", Packet(0x1235, 0x02, 0x11, 0x22, 0x33));
        output[14..].Should().Equal([0x00, 0xde, 0xad, 0xbe, 0xef, 0x99]);
    }
}
