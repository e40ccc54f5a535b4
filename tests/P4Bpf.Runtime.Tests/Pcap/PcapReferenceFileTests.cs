using P4Bpf.Runtime.Pcap;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.Pcap;

/// <summary>Reads capture files produced by an independent writer (python's struct module, generated at test time).</summary>
public sealed class PcapReferenceFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-pcapref-").FullName;

    private static bool HasPython => Tooling.Run("sh", "-c \"command -v python3\"").ExitCode == 0;

    private const string Script = """
        import struct, sys
        out = sys.argv[1]
        p1 = bytes(range(14)); p2 = b'\xaa' * 70; p3 = bytes([1, 2, 3, 4, 5])
        # classic, big-endian, nanoseconds, snaplen 64
        with open(out + '/be-ns.pcap', 'wb') as f:
            f.write(struct.pack('>IHHiIII', 0xa1b23c4d, 2, 4, 0, 0, 64, 1))
            f.write(struct.pack('>IIII', 1600000000, 999999999, len(p1), len(p1)) + p1)
            f.write(struct.pack('>IIII', 1600000001, 5, 64, len(p2)) + p2[:64])
        # classic, little-endian, microseconds, raw IP link type
        with open(out + '/le-us.pcap', 'wb') as f:
            f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 101))
            f.write(struct.pack('<IIII', 10, 250000, len(p3), len(p3)) + p3)
        def block(e, t, body):
            body += b'\0' * (-len(body) % 4)
            n = len(body) + 12
            return struct.pack(e + 'II', t, n) + body + struct.pack(e + 'I', n)
        def opt(e, code, val):
            return struct.pack(e + 'HH', code, len(val)) + val + b'\0' * (-len(val) % 4)
        for e, name in (('<', 'le'), ('>', 'be')):
            shb = block(e, 0x0A0D0D0A, struct.pack(e + 'IHHq', 0x1A2B3C4D, 1, 0, -1))
            idb0 = block(e, 1, struct.pack(e + 'HHI', 1, 0, 0) + opt(e, 9, bytes([9])) + opt(e, 0, b''))
            idb1 = block(e, 1, struct.pack(e + 'HHI', 101, 0, 4) + opt(e, 2, b'eth1') + opt(e, 0, b''))
            ts = 1600000000123456789
            epb = block(e, 6, struct.pack(e + 'IIIII', 0, ts >> 32, ts & 0xffffffff, len(p1), len(p1)) + p1)
            isb = block(e, 5, struct.pack(e + 'III', 0, 0, 0))
            ts1 = 3 * 1000000 + 7
            epb1 = block(e, 6, struct.pack(e + 'IIIII', 1, ts1 >> 32, ts1 & 0xffffffff, 4, 5) + p3[:4])
            spb = block(e, 3, struct.pack(e + 'I', len(p3)) + p3)
            with open(out + '/' + name + '.pcapng', 'wb') as f:
                f.write(shb + idb0 + epb + idb1 + isb + epb1 + spb)
        """;

    private void Generate()
    {
        Assert.SkipUnless(HasPython, "requires python3 to write the reference files");
        var scriptPath = Path.Combine(_dir, "gen.py");
        File.WriteAllText(scriptPath, Script);
        var (code, _, stderr) = Tooling.Run("python3", $"{scriptPath} {_dir}");
        code.Should().Be(0, stderr);
    }

    private (IReadOnlyList<PcapRecord> Records, PcapError? Error, PcapFileInfo Info) ReadFile(string name)
    {
        PcapReader.TryOpen(Path.Combine(_dir, name), out var reader, out var error).Should().BeTrue(error?.ToString());
        using (reader)
        {
            var records = new List<PcapRecord>();
            while (reader!.TryReadNext(out var r, out error))
                records.Add(r!);
            return (records, error, reader.Info);
        }
    }

    [Fact]
    public void Classic_big_endian_nanoseconds()
    {
        Generate();
        var (records, error, info) = ReadFile("be-ns.pcap");
        error.Should().BeNull();
        info.Should().Be(new PcapFileInfo(PcapFormat.Pcap, true, PcapTimestampPrecision.Nanoseconds, 2, 4, 64, PcapLinkType.Ethernet));
        records.Should().HaveCount(2);
        records[0].TimestampNanoseconds.Should().Be(1_600_000_000_999_999_999);
        records[0].Data.Should().Equal(Enumerable.Range(0, 14).Select(i => (byte)i));
        records[1].Data.Should().HaveCount(64);
        records[1].OriginalLength.Should().Be(70);
    }

    [Fact]
    public void Classic_little_endian_microseconds()
    {
        Generate();
        var (records, error, info) = ReadFile("le-us.pcap");
        error.Should().BeNull();
        info.LinkType.Should().Be(PcapLinkType.Raw);
        records.Should().ContainSingle().Which.TimestampNanoseconds.Should().Be(10_250_000_000);
        records[0].LinkType.Should().Be(PcapLinkType.Raw);
    }

    [Theory]
    [InlineData("le.pcapng", false)]
    [InlineData("be.pcapng", true)]
    public void Pcapng_section_interfaces_and_packets(string name, bool bigEndian)
    {
        Generate();
        var (records, error, info) = ReadFile(name);
        error.Should().BeNull();
        info.Should().Be(new PcapFileInfo(PcapFormat.PcapNg, bigEndian, PcapTimestampPrecision.Nanoseconds, 1, 0, 0, PcapLinkType.Ethernet));
        records.Should().HaveCount(3);
        records[0].Should().BeEquivalentTo(new { TimestampNanoseconds = 1_600_000_000_123_456_789L, OriginalLength = 14, Interface = 0, LinkType = PcapLinkType.Ethernet });
        records[0].Data.Should().Equal(Enumerable.Range(0, 14).Select(i => (byte)i));
        records[1].Should().BeEquivalentTo(new { TimestampNanoseconds = 3_000_007_000L, OriginalLength = 5, Interface = 1, LinkType = PcapLinkType.Raw });
        records[1].Data.Should().Equal(1, 2, 3, 4);
        records[2].Data.Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void Truncated_pcapng_never_throws()
    {
        Generate();
        var bytes = File.ReadAllBytes(Path.Combine(_dir, "le.pcapng"));
        for (int length = 0; length < bytes.Length; length++)
        {
            var (records, error) = PcapReader.ReadAll(new MemoryStream(bytes[..length]));
            if (error is null)
                records.Count.Should().BeLessThan(3);
            else
                error.Kind.Should().BeOneOf(PcapErrorKind.Truncated, PcapErrorKind.BadLength, PcapErrorKind.BadBlock);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
