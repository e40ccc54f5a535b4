using System.Buffers.Binary;
using P4Bpf.Runtime.Pcap;

namespace P4Bpf.Runtime.Tests.Pcap;

public sealed class PcapErrorTests
{
    private static byte[] ValidFile()
    {
        var ms = new MemoryStream();
        using (var w = new PcapWriter(ms, leaveOpen: true))
        {
            w.Write(new byte[60], 1);
            w.Write(new byte[42], 2);
        }
        return ms.ToArray();
    }

    private static (IReadOnlyList<PcapRecord> Records, PcapError? Error) Read(byte[] bytes) => PcapReader.ReadAll(new MemoryStream(bytes));

    [Fact]
    public void Empty_and_tiny_files_are_truncated()
    {
        Read([]).Error!.Kind.Should().Be(PcapErrorKind.Truncated);
        Read([0xd4, 0xc3]).Error!.Kind.Should().Be(PcapErrorKind.Truncated);
        Read([0xd4, 0xc3, 0xb2, 0xa1, 2, 0]).Error.Should().Be(new PcapError(PcapErrorKind.Truncated, 4, "file ends inside a header (2 of 20 bytes)"));
    }

    [Fact]
    public void Bad_magic_and_version()
    {
        Read("GIF89a-not-a-capture-file"u8.ToArray()).Error!.Kind.Should().Be(PcapErrorKind.BadMagic);
        var bytes = ValidFile();
        bytes[4] = 3;
        Read(bytes).Error.Should().Be(new PcapError(PcapErrorKind.UnsupportedVersion, 4, "unsupported pcap version 3.4"));
    }

    [Fact]
    public void Implausible_record_length()
    {
        var bytes = ValidFile();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 0x7fffffff);
        var (records, error) = Read(bytes);
        records.Should().BeEmpty();
        error!.Kind.Should().Be(PcapErrorKind.BadLength);
        error.Offset.Should().Be(24);
    }

    [Fact]
    public void Every_truncation_gives_the_records_before_it_and_a_typed_error()
    {
        var bytes = ValidFile();
        int firstEnd = 24 + 16 + 60;
        for (int length = 0; length < bytes.Length; length++)
        {
            var (records, error) = Read(bytes[..length]);
            if (length == 24 || length == firstEnd)
            {
                error.Should().BeNull($"a file cut at a record boundary ({length}) is complete");
                continue;
            }
            error.Should().NotBeNull($"length {length}");
            error!.Kind.Should().Be(PcapErrorKind.Truncated);
            records.Count.Should().Be(length >= firstEnd ? 1 : 0);
        }
    }

    [Fact]
    public void Errors_are_sticky()
    {
        var bytes = ValidFile()[..50];
        PcapReader.TryOpen(new MemoryStream(bytes), out var reader, out _).Should().BeTrue();
        using (reader)
        {
            reader!.TryReadNext(out _, out var first).Should().BeFalse();
            reader.TryReadNext(out _, out var second).Should().BeFalse();
            second.Should().BeSameAs(first);
        }
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new Random(42);
        var valid = ValidFile();
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
                if (bytes.Length >= 4 && i % 4 == 0)
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes, i % 8 == 0 ? 0xa1b2c3d4u : 0x0A0D0D0Au);
                if (bytes.Length >= 12 && i % 8 == 4)
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 0x1A2B3C4D);
            }
            else
            {
                bytes = (byte[])valid.Clone();
                for (int k = 0; k < 3; k++)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            var act = () => Read(bytes);
            act.Should().NotThrow();
        }
    }
}
