using System.Buffers.Binary;
using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Tests.Maps;

internal static class MapTestUtil
{
    public static BpfMap Create(MapType type, uint key, uint value, uint max, MapFlags flags = MapFlags.None, int cpus = 2, MapDefinition? inner = null) =>
        BpfMap.Create(new MapDefinition(type, key, value, max, flags, "t", inner), cpus).Unwrap();

    public static byte[] U32(uint x)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, x);
        return b;
    }

    public static byte[] U64(ulong x)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, x);
        return b;
    }

    public static uint ReadU32(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt32LittleEndian(b);

    public static ulong ReadU64(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt64LittleEndian(b);

    /// <summary>An LPM key for IPv4: host-order prefixlen then the address in network order.</summary>
    public static byte[] Lpm4(uint prefixLen, byte a, byte b, byte c, byte d) => [.. U32(prefixLen), a, b, c, d];

    public static string LpmText(byte[] key) => $"{key[4]}.{key[5]}.{key[6]}.{key[7]}/{ReadU32(key)}";

    public static unsafe ulong? LookupU64(BpfMap map, byte[] key, int cpu = 0)
    {
        fixed (byte* k = key)
        {
            byte* v = map.Lookup(k, cpu);
            return v == null ? null : *(ulong*)v;
        }
    }

    public static unsafe int UpdateDataPath(BpfMap map, byte[] key, byte[] value, ulong flags = UpdateFlags.Any, int cpu = 0)
    {
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            return map.Update(k, v, flags, cpu);
        }
    }

    public static unsafe int DeleteDataPath(BpfMap map, byte[] key)
    {
        fixed (byte* k = key)
        {
            return map.Delete(k, 0);
        }
    }
}
