using System.Buffers.Binary;
using System.Net;

namespace P4Bpf.Cli.Demo;

/// <summary>Small helpers the example controllers use to read and build the frames they exchange with the switch.</summary>
internal static class Frames
{
    public const ushort EtherIpv4 = 0x0800, EtherArp = 0x0806;

    /// <summary>The Internet checksum (RFC 1071).</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (data.Length % 2 == 1)
        {
            sum += (uint)data[^1] << 8;
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    public static ushort EtherType(ReadOnlySpan<byte> frame) => frame.Length >= 14 ? BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) : (ushort)0;

    public static string Mac(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes[..6]).ToLowerInvariant().Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);

    public static byte[] MacBytes(string text) => text.Split(':').Select(b => Convert.ToByte(b, 16)).ToArray();

    public static string Ip(ReadOnlySpan<byte> bytes) => new IPAddress(bytes[..4]).ToString();

    public static byte[] IpBytes(string text) => IPAddress.Parse(text).GetAddressBytes();

    /// <summary>An Ethernet + IPv4 (IHL 5, TTL 64, DF) frame around <paramref name="payload"/>, header checksum filled in.</summary>
    public static byte[] Ipv4Frame(byte[] dstMac, byte[] srcMac, byte[] srcIp, byte[] dstIp, byte protocol, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[14 + 20 + payload.Length];
        dstMac.CopyTo(frame, 0);
        srcMac.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), EtherIpv4);
        var ip = frame.AsSpan(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = 64;
        ip[9] = protocol;
        srcIp.CopyTo(ip[12..]);
        dstIp.CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip));
        payload.CopyTo(frame.AsSpan(34));
        return frame;
    }

    /// <summary>An ICMP message (type, code, 4 bytes of rest-of-header, data) with its checksum.</summary>
    public static byte[] Icmp(byte type, byte code, ReadOnlySpan<byte> rest, ReadOnlySpan<byte> data)
    {
        var icmp = new byte[8 + data.Length];
        icmp[0] = type;
        icmp[1] = code;
        rest[..4].CopyTo(icmp.AsSpan(4));
        data.CopyTo(icmp.AsSpan(8));
        BinaryPrimitives.WriteUInt16BigEndian(icmp.AsSpan(2), Checksum(icmp));
        return icmp;
    }
}
