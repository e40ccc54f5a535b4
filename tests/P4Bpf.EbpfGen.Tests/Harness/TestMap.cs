using System.Runtime.InteropServices;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.EbpfGen.Tests.Harness;

/// <summary>A minimal in-memory map with values in native memory (so programs get real pointers), for code generator tests.</summary>
internal sealed unsafe class TestMap : IDisposable
{
    private readonly Dictionary<string, nint> entries = new();
    private readonly List<(int PrefixLen, byte[] Data, nint Value)> lpm = [];
    private readonly List<nint> allocations = [];

    public TestMap(MapSpec spec)
    {
        Spec = spec;
        if (spec.Type is MapType.Array or MapType.PercpuArray)
        {
            for (uint i = 0; i < spec.MaxEntries; i++)
            {
                entries[Hex(BitConverter.GetBytes(i))] = Alloc();
            }
        }
    }

    public MapSpec Spec { get; }

    public List<byte[]> Queue { get; } = [];

    public IEnumerable<nint> Values => entries.Values.Concat(lpm.Select(l => l.Value));

    private nint Alloc()
    {
        var p = (nint)NativeMemory.AllocZeroed(Math.Max(1, Spec.ValueSize));
        allocations.Add(p);
        return p;
    }

    private static string Hex(ReadOnlySpan<byte> key) => Convert.ToHexString(key);

    public nint Lookup(ReadOnlySpan<byte> key)
    {
        if (Spec.Type == MapType.LpmTrie)
        {
            var want = BitConverter.ToInt32(key[..4]);
            var data = key[4..];
            nint best = 0;
            var bestLen = -1;
            foreach (var (len, d, v) in lpm)
            {
                if (len <= want && len > bestLen && PrefixEquals(d, data, len))
                {
                    best = v;
                    bestLen = len;
                }
            }
            return best;
        }
        return entries.TryGetValue(Hex(key), out var p) ? p : 0;
    }

    private static bool PrefixEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int bits)
    {
        for (var i = 0; i < bits; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }

    public void Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.Length != Spec.KeySize || value.Length != Spec.ValueSize)
        {
            throw new ArgumentException($"map {Spec.Name}: key {key.Length}/{Spec.KeySize} value {value.Length}/{Spec.ValueSize}");
        }
        nint p;
        if (Spec.Type == MapType.LpmTrie)
        {
            var len = BitConverter.ToInt32(key[..4]);
            var data = key[4..].ToArray();
            var existing = lpm.FindIndex(l => l.PrefixLen == len && PrefixEquals(l.Data, data, len));
            if (existing >= 0)
            {
                p = lpm[existing].Value;
            }
            else
            {
                p = Alloc();
                lpm.Add((len, data, p));
            }
        }
        else if (!entries.TryGetValue(Hex(key), out p))
        {
            if (Spec.Type is MapType.Array or MapType.PercpuArray)
            {
                throw new ArgumentException("array index out of range");
            }
            p = Alloc();
            entries[Hex(key)] = p;
        }
        value.CopyTo(new Span<byte>((void*)p, (int)Spec.ValueSize));
    }

    public byte[] Read(ReadOnlySpan<byte> key)
    {
        var p = Lookup(key);
        return p == 0 ? throw new KeyNotFoundException(Spec.Name) : new Span<byte>((void*)p, (int)Spec.ValueSize).ToArray();
    }

    public void Dispose()
    {
        foreach (var p in allocations)
        {
            NativeMemory.Free((void*)p);
        }
        allocations.Clear();
    }
}
