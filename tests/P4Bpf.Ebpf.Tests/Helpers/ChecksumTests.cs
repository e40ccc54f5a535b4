using System.Buffers.Binary;
using P4Bpf.Ebpf.Helpers;

namespace P4Bpf.Ebpf.Tests.Helpers;

public sealed class ChecksumTests
{
    // An IPv4 header (RFC 1071 example style) with its checksum field zeroed.
    private static readonly byte[] Header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");

    private static ushort Full(byte[] h)
    {
        var copy = h.ToArray();
        copy[10] = copy[11] = 0;
        return (ushort)~Fold(Checksum.Partial(copy, 0));
    }

    private static ushort Fold(uint s) => (ushort)~Checksum.Fold(s);

    [Fact]
    public void Replace4MatchesRecomputation()
    {
        var h = Header.ToArray();
        var check = Full(h);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(10), check);
        var from = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(16));
        var to = BinaryPrimitives.ReadUInt32LittleEndian([10, 1, 2, 3]);
        var updated = Checksum.Replace4(check, from, to);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), to);
        updated.Should().Be(Full(h));
    }

    [Fact]
    public void Replace2MatchesRecomputation()
    {
        var h = Header.ToArray();
        var check = Full(h);
        var from = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(8));
        h[8]--;
        var to = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(8));
        Checksum.Replace2(check, from, to).Should().Be(Full(h));
    }

    [Fact]
    public void PartialIsOnesComplementWithEndAroundCarry()
    {
        Checksum.Partial([0xff, 0xff, 0xff, 0xff, 0x01, 0x00, 0x00, 0x00], 0).Should().Be(1u);
        Checksum.Add(0xffffffff, 1).Should().Be(1u);
        Checksum.Fold(0).Should().Be(0xffff);
    }
}
