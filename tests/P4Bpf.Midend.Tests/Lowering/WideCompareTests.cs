namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Comparisons of bit&lt;128&gt; values: chunk by chunk from the most significant end, stored and constant operands.</summary>
public sealed class WideCompareTests
{
    private static readonly byte[] Counting = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

    private static byte Compare(byte[] a, byte[] b)
    {
        var packet = new byte[14 + 33 + 4];
        Packets.DstMac.CopyTo(packet, 0);
        Packets.SrcMac.CopyTo(packet, 6);
        packet[12] = 0x12;
        packet[13] = 0x3b;
        a.CopyTo(packet, 14);
        b.CopyTo(packet, 30);
        using var run = TestCompiler.Runner("v1_wide_compare");
        run.Run("ingress", packet);
        return run.Run("egress", packet).Packet[46];
    }

    private static byte[] With(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }

    [Fact]
    public void EqualValues() =>
        Compare(Counting, Counting).Should().Be(0x01 | 0x08 | 0x20 | 0x40 | 0x80);

    [Fact]
    public void LowerChunkDecidesWhenTheHighChunksAreEqual() =>
        Compare(Counting, With(Counting, 15, 0x11)).Should().Be(0x02 | 0x04 | 0x08 | 0x40 | 0x80);

    [Fact]
    public void HigherChunkDecidesFirst() =>
        Compare(With(Counting, 0, 0x02), With(Counting, 15, 0xff)).Should().Be(0x02 | 0x10 | 0x20 | 0x80);

    [Fact]
    public void ConstantOperandWithAnEmptyHighChunk() =>
        Compare(new byte[16], [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).Should().Be(0x02 | 0x04 | 0x08);
}
