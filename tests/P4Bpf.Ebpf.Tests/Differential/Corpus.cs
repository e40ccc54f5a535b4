using System.Buffers.Binary;
using System.Collections.Concurrent;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Differential;

/// <summary>The C programs under <c>testdata/differential</c>, compiled once per test run with clang, and the packets they run on.</summary>
internal static class Corpus
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Objects = new();
    private static readonly Lazy<string> OutputDir = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "p4bpf-diff-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    });

    public static string SourceDir => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Ebpf.Tests", "testdata", "differential");

    /// <summary>The corpus file names (e.g. <c>xdp_parse.c</c>), sorted.</summary>
    public static IEnumerable<string> Sources() =>
        Directory.GetFiles(SourceDir, "*.c").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The object compiled from <paramref name="source"/> (compiled on first use).</summary>
    public static string Compile(string source) => Objects.GetOrAdd(source, s => new Lazy<string>(() =>
    {
        var output = Path.Combine(OutputDir.Value, Path.ChangeExtension(s, ".o"));
        var (code, _, err) = Tooling.Run("clang", $"-O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c {Path.Combine(SourceDir, s)} -o {output}");
        if (code != 0)
        {
            throw new InvalidOperationException($"clang failed on {s}: {err}");
        }
        return output;
    })).Value;

    /// <summary>Named packets: Ethernet/IPv4 with UDP and TCP (valid checksums), non-IP frames whose EtherType's low byte selects
    /// a mode in some programs, broadcast, and truncated headers (all at least 14 bytes, test_run's minimum).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Packets()
    {
        var list = new List<(string, byte[])>
        {
            ("udp-echo", Ipv4(17, 0x1234, 7, 0x0a010203, 0x0a010005, payload: 8)),
            ("udp-other", Ipv4(17, 5353, 53, 0x0a0a0a0a, 0x08080808, payload: 20)),
            ("tcp-ssh", Ipv4(6, 40000, 22, 0x0a010203, 0x0a020001, payload: 0)),
            ("tcp-http", Ipv4(6, 40001, 80, 0xc0000201, 0x0a01ff01, payload: 32)),
            ("icmp", Ipv4(1, 0, 0, 0x0a010203, 0x0a010005, payload: 8)),
        };
        for (byte mode = 1; mode <= 6; mode++)
        {
            var frame = new byte[60];
            Mac(frame, 0, 0x10 + mode);
            Mac(frame.AsSpan(6), 0, 0x20 + mode);
            frame[12] = 0x08;
            frame[13] = mode;
            for (var i = 14; i < frame.Length; i++)
            {
                frame[i] = (byte)(i * 7);
            }
            list.Add(($"mode{mode}", frame));
        }
        var broadcast = Ipv4(17, 1, 2, 0x0a000001, 0xffffffff, payload: 4);
        broadcast.AsSpan(0, 6).Fill(0xff);
        list.Add(("broadcast", broadcast));
        list.Add(("eth-only", Ipv4(17, 1, 2, 1, 2, 0)[..14]));
        list.Add(("ip-truncated", Ipv4(17, 1, 2, 1, 2, 0)[..24]));
        list.Add(("udp-truncated", Ipv4(17, 1, 7, 1, 2, 0)[..38]));
        return list;
    }

    private static void Mac(Span<byte> at, int offset, int last)
    {
        at[offset] = 0x02;
        at[offset + 5] = (byte)last;
    }

    private static byte[] Ipv4(byte proto, ushort sport, ushort dport, uint saddr, uint daddr, int payload)
    {
        var l4 = proto switch { 6 => 20, 17 => 8, _ => 8 };
        var frame = new byte[14 + 20 + l4 + payload];
        Mac(frame, 0, 0x01);
        Mac(frame.AsSpan(6), 0, (int)(saddr & 0xff));
        frame[12] = 0x08;
        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + l4 + payload));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], 0x4242);
        ip[8] = 64;
        ip[9] = proto;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], saddr);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], daddr);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum(ip, 0));
        var seg = frame.AsSpan(34);
        for (var i = l4; i < seg.Length; i++)
        {
            seg[i] = (byte)(i * 13 + 1);
        }
        if (proto is 6 or 17)
        {
            BinaryPrimitives.WriteUInt16BigEndian(seg, sport);
            BinaryPrimitives.WriteUInt16BigEndian(seg[2..], dport);
            if (proto == 6)
            {
                seg[12] = 0x50;
                seg[13] = 0x02;
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(seg[4..], (ushort)seg.Length);
            }
            uint pseudo = (saddr >> 16) + (saddr & 0xffff) + (daddr >> 16) + (daddr & 0xffff) + proto + (uint)seg.Length;
            BinaryPrimitives.WriteUInt16BigEndian(seg[(proto == 6 ? 16 : 6)..], InternetChecksum(seg, pseudo));
        }
        return frame;
    }

    private static ushort InternetChecksum(ReadOnlySpan<byte> data, uint seed)
    {
        ulong sum = seed;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if ((data.Length & 1) != 0)
        {
            sum += (uint)data[^1] << 8;
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
