using P4Bpf.Runtime.Pcap;

namespace P4Bpf.Runtime.Tests.Pcap;

public sealed class PcapRoundTripTests
{
    private static readonly byte[] Packet1 = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x08, 0x00];
    private static readonly byte[] Packet2 = [.. Enumerable.Range(0, 100).Select(i => (byte)i)];

    private static byte[] WriteFile(PcapWriterOptions options, params (byte[] Data, long Ns)[] packets)
    {
        var ms = new MemoryStream();
        using (var w = new PcapWriter(ms, options, leaveOpen: true))
        {
            foreach (var (data, ns) in packets)
                w.Write(data, ns);
        }
        return ms.ToArray();
    }

    [Theory]
    [InlineData(false, PcapTimestampPrecision.Microseconds)]
    [InlineData(false, PcapTimestampPrecision.Nanoseconds)]
    [InlineData(true, PcapTimestampPrecision.Microseconds)]
    [InlineData(true, PcapTimestampPrecision.Nanoseconds)]
    public void Write_then_read_back(bool bigEndian, PcapTimestampPrecision precision)
    {
        var options = new PcapWriterOptions { BigEndian = bigEndian, Precision = precision };
        var bytes = WriteFile(options, (Packet1, 1_700_000_000_123_456_789), (Packet2, 5));
        bytes.Length.Should().Be(24 + 16 + Packet1.Length + 16 + Packet2.Length);

        PcapReader.TryOpen(new MemoryStream(bytes), out var reader, out var error).Should().BeTrue();
        error.Should().BeNull();
        using (reader)
        {
            reader!.Info.Should().Be(new PcapFileInfo(PcapFormat.Pcap, bigEndian, precision, 2, 4, 262144, PcapLinkType.Ethernet));
            reader.TryReadNext(out var r1, out error).Should().BeTrue();
            r1!.Data.Should().Equal(Packet1);
            r1.OriginalLength.Should().Be(Packet1.Length);
            r1.TimestampNanoseconds.Should().Be(precision == PcapTimestampPrecision.Nanoseconds ? 1_700_000_000_123_456_789 : 1_700_000_000_123_456_000);
            reader.TryReadNext(out var r2, out error).Should().BeTrue();
            r2!.Data.Should().Equal(Packet2);
            r2.TimestampNanoseconds.Should().Be(precision == PcapTimestampPrecision.Nanoseconds ? 5 : 0);
            reader.TryReadNext(out var r3, out error).Should().BeFalse();
            r3.Should().BeNull();
            error.Should().BeNull();
        }
    }

    [Fact]
    public void Header_bytes_are_the_standard_ones()
    {
        var le = WriteFile(new PcapWriterOptions());
        le.Should().Equal(0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x04, 0x00, 1, 0, 0, 0);
        var be = WriteFile(new PcapWriterOptions { BigEndian = true, Precision = PcapTimestampPrecision.Nanoseconds, SnapLength = 65535 });
        be.Should().Equal(0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0xff, 0xff, 0, 0, 0, 1);
    }

    [Fact]
    public void Snap_length_truncates_and_keeps_the_original_length()
    {
        var bytes = WriteFile(new PcapWriterOptions { SnapLength = 10 }, (Packet2, 0));
        var (records, error) = PcapReader.ReadAll(new MemoryStream(bytes));
        error.Should().BeNull();
        records.Should().ContainSingle();
        records[0].Data.Should().Equal(Packet2[..10]);
        records[0].OriginalLength.Should().Be(100);
        records[0].IsTruncated.Should().BeTrue();
    }

    [Fact]
    public void Files_round_trip_through_paths()
    {
        var path = Path.Combine(Path.GetTempPath(), $"p4bpf-pcap-{Guid.NewGuid():N}.pcap");
        try
        {
            using (var w = PcapWriter.Create(path))
                w.Write(new PcapRecord(2_000_000_000, Packet1.Length, Packet1));
            PcapReader.TryOpen(path, out var reader, out var error).Should().BeTrue(error?.ToString());
            using (reader)
            {
                reader!.TryReadNext(out var record, out _).Should().BeTrue();
                record!.Timestamp.Should().Be(DateTimeOffset.UnixEpoch.AddSeconds(2));
            }
        }
        finally
        {
            File.Delete(path);
        }
        PcapReader.TryOpen("/nonexistent/x.pcap", out _, out var missing).Should().BeFalse();
        missing!.Kind.Should().Be(PcapErrorKind.Io);
    }
}
