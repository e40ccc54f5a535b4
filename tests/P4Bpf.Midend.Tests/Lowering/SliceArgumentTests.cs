namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Bit slices passed as inout/out arguments: copy-out rewrites only the sliced bits.</summary>
public sealed class SliceArgumentTests
{
    [Fact]
    public void CopyOutWritesOnlyTheSlice()
    {
        var packet = new byte[14 + 3 + 4];
        Packets.DstMac.CopyTo(packet, 0);
        Packets.SrcMac.CopyTo(packet, 6);
        packet[12] = 0x12;
        packet[13] = 0x39;
        packet[14] = 0x1f;
        packet[15] = 0xab;
        packet[16] = 0xcd;
        using var run = TestCompiler.Runner("v1_slice_argument");
        run.Run("ingress", packet);
        var output = run.Run("egress", packet).Packet;
        output[14].Should().Be(0x2f, "bump(x[7:4]) adds 1 to the high nibble only");
        output[15..17].Should().Equal([0xa5, 0xad], "set_byte(z[11:4]) writes bits 11..4 only");
    }
}
