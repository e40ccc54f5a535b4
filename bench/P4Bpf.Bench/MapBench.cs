using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Bench;

/// <summary>Data-path map costs, comparable with the kernel anchors in shared/reference/ebpf-engine.md (hash read ≈ 37 ns, LPM read at 1K ≈ 128 ns, net of harness).</summary>
/// <remarks>Hash: u32 → 8-byte value, 1000 entries in 10.1.0.0/16. LPM: 1×/8, 49×/16, 450×/24, 500×/32 nested under 10/8; the hit key's longest match is a /32 under a /24, a /16 and the /8.</remarks>
[MemoryDiagnoser]
public unsafe class MapBench
{
    private BpfMap _hash = null!;
    private BpfMap _lpm = null!;
    private BpfMap _array = null!;
    private BpfMap _percpu = null!;
    private byte* _keys;

    private byte* HashHit => _keys;
    private byte* HashMiss => _keys + 8;
    private byte* LpmHit => _keys + 16;
    private byte* LpmMiss => _keys + 32;
    private byte* ArrayKey => _keys + 48;

    [GlobalSetup]
    public void Setup()
    {
        _keys = (byte*)NativeMemory.AlignedAlloc(64, 64);
        _hash = BpfMap.Create(new MapDefinition(MapType.Hash, 4, 8, 1024, Name: "hash"), 2).Unwrap();
        for (uint i = 0; i < 1000; i++)
        {
            uint addr = Ip(10, 1, (byte)(i >> 8), (byte)i);
            ulong mac = 0x0000_0200_0000_0000UL | i;
            _hash.Update(Le(addr), Le64(mac)).Should0();
        }
        *(uint*)HashHit = Ip(10, 1, 1, 7);
        *(uint*)HashMiss = Ip(192, 168, 1, 1);

        _lpm = BpfMap.Create(new MapDefinition(MapType.LpmTrie, 8, 8, 1024, MapFlags.NoPrealloc, "lpm"), 2).Unwrap();
        _lpm.Update(LpmKey(8, Ip(10, 0, 0, 0)), Le64(8)).Should0();
        for (uint i = 0; i < 49; i++)
        {
            _lpm.Update(LpmKey(16, Ip(10, (byte)(1 + i), 0, 0)), Le64(16)).Should0();
        }
        for (uint i = 0; i < 450; i++)
        {
            _lpm.Update(LpmKey(24, Ip(10, (byte)(1 + i % 49), (byte)(i / 49), 0)), Le64(24)).Should0();
        }
        for (uint i = 0; i < 500; i++)
        {
            uint j = i % 450;
            _lpm.Update(LpmKey(32, Ip(10, (byte)(1 + j % 49), (byte)(j / 49), (byte)(1 + i / 450))), Le64(32)).Should0();
        }
        if (_lpm.Count != 1000)
        {
            throw new InvalidOperationException("LPM setup: expected 1000 prefixes, got " + _lpm.Count);
        }
        *(uint*)LpmHit = 32;
        *(uint*)(LpmHit + 4) = Ip(10, 1, 0, 1);
        *(uint*)LpmMiss = 32;
        *(uint*)(LpmMiss + 4) = Ip(192, 168, 1, 1);
        if (*(ulong*)_lpm.Lookup(LpmHit, 0) != 32 || _lpm.Lookup(LpmMiss, 0) != null)
        {
            throw new InvalidOperationException("LPM setup: the hit key must match a /32 and the miss key nothing");
        }

        _array = BpfMap.Create(new MapDefinition(MapType.Array, 4, 8, 1024, Name: "array"), 2).Unwrap();
        _percpu = BpfMap.Create(new MapDefinition(MapType.PercpuArray, 4, 16, 1024, Name: "pcpu"), 2).Unwrap();
        *(uint*)ArrayKey = 513;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hash.Dispose();
        _lpm.Dispose();
        _array.Dispose();
        _percpu.Dispose();
        NativeMemory.AlignedFree(_keys);
    }

    [Benchmark]
    public nint HashLookupHit() => (nint)_hash.Lookup(HashHit, 0);

    [Benchmark]
    public nint HashLookupMiss() => (nint)_hash.Lookup(HashMiss, 0);

    [Benchmark]
    public int HashUpdateExisting() => _hash.Update(HashHit, _keys + 56, UpdateFlags.Any, 0);

    [Benchmark]
    public nint LpmLookupHit32() => (nint)_lpm.Lookup(LpmHit, 0);

    [Benchmark]
    public nint LpmLookupMiss() => (nint)_lpm.Lookup(LpmMiss, 0);

    [Benchmark]
    public nint ArrayLookup() => (nint)_array.Lookup(ArrayKey, 0);

    [Benchmark]
    public nint PercpuArrayLookup() => (nint)_percpu.Lookup(ArrayKey, 1);

    /// <summary>An IPv4 address in network byte order, as a packet holds it, read as a host u32.</summary>
    private static uint Ip(byte a, byte b, byte c, byte d) => BinaryPrimitives.ReadUInt32LittleEndian([a, b, c, d]);

    private static byte[] Le(uint v)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, v);
        return bytes;
    }

    private static byte[] Le64(ulong v)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, v);
        return bytes;
    }

    private static byte[] LpmKey(uint prefixLen, uint addr) => [.. Le(prefixLen), .. Le(addr)];
}

internal static class MapBenchChecks
{
    public static void Should0(this int rc)
    {
        if (rc != 0)
        {
            throw new InvalidOperationException("map setup failed: " + Errno.Name(rc));
        }
    }
}
