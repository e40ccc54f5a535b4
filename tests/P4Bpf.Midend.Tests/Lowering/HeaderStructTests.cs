namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Struct-typed header fields: extracted and emitted in wire order, read and written field by field and as a whole.</summary>
public sealed class HeaderStructTests
{
    [Fact]
    public void NestedStructFieldsRoundTrip()
    {
        using var run = TestCompiler.Runner("v1_header_struct");
        var packet = new byte[14 + 7 + 4];
        Packets.DstMac.CopyTo(packet, 0);
        Packets.SrcMac.CopyTo(packet, 6);
        packet[12] = 0x12;
        packet[13] = 0x34;
        // kind=7 | p: a=0x5, b=0xabc | o: x=0x11, inner: a=0x2, b=0x345 | flag=1, pad=0
        byte[] tag = [0x07, 0x5a, 0xbc, 0x11, 0x23, 0x45, 0x80];
        tag.CopyTo(packet, 14);
        run.Run("ingress", packet);
        var output = run.Run("egress", packet).Packet;
        // p: a = b[3:0] = 0xc, b = 0x005; o.inner = p; o.x = kind + 1 = 8; flag stays 1.
        output[14..21].Should().Equal([0x07, 0xc0, 0x05, 0x08, 0xc0, 0x05, 0x80]);
        output[21..].Should().Equal(packet[21..], "the payload is untouched");

        tag[6] = 0x00;
        tag.CopyTo(packet, 14);
        run.Run("ingress", packet);
        run.Run("egress", packet).Packet[17].Should().Be(0x11, "flag false leaves o.x");
    }
}
