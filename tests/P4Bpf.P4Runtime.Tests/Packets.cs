namespace P4Bpf.P4Runtime.Tests;

/// <summary>Ethernet/IPv4 test packets.</summary>
internal static class Packets
{
    public static readonly byte[] DstMac = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55];
    public static readonly byte[] SrcMac = [0x00, 0x66, 0x77, 0x88, 0x99, 0xaa];

    public static uint Ip(int a, int b, int c, int d) => (uint)((a << 24) | (b << 16) | (c << 8) | d);

    public static byte[] Ipv4(uint dst, uint src = 0x0a000001, byte ttl = 64, byte protocol = 17)
    {
        var p = new byte[14 + 20 + 8];
        DstMac.CopyTo(p, 0);
        SrcMac.CopyTo(p, 6);
        p[12] = 0x08;
        p[14] = 0x45;
        p[16] = 0;
        p[17] = 28;
        p[22] = ttl;
        p[23] = protocol;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(26), src);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(30), dst);
        return p;
    }
}
