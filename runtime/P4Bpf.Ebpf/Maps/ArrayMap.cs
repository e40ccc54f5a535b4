using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_ARRAY</c> and <c>BPF_MAP_TYPE_PERCPU_ARRAY</c>: <c>max_entries</c> zero-initialised values indexed by a u32 key.</summary>
/// <remarks>
/// Values are 8-byte aligned slots of <c>round_up(value_size, 8)</c> bytes in one native block; per-CPU arrays keep one
/// block region per CPU (CPU-major, so a worker's counters share cache lines only with its own). Every element always
/// exists: updates write in place (a concurrent reader may see a partly written value, exactly as in the kernel),
/// deletes fail with <c>-EINVAL</c>, and <see cref="Clear"/> zeroes the values.
/// </remarks>
public sealed unsafe class ArrayMap : BpfMap
{
    private readonly int _elemSize;
    private readonly nint _cpuStride;
    private byte* _data;

    internal ArrayMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        _elemSize = (ValueSize + 7) & ~7;
        _cpuStride = (nint)_elemSize * MaxEntries;
        int copies = IsPerCpu ? PossibleCpus : 1;
        _data = AllocZeroed((nuint)_cpuStride * (nuint)copies);
    }

    public override int Count => MaxEntries;

    /// <summary>The value address of <paramref name="index"/> on <paramref name="cpu"/> (ignored for plain arrays), or null when out of range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte* ElementAddress(uint index, int cpu)
    {
        if (index >= (uint)MaxEntries)
        {
            return null;
        }
        if (IsPerCpu)
        {
            if ((uint)cpu >= (uint)PossibleCpus)
            {
                return null;
            }
            return _data + cpu * _cpuStride + (nint)index * _elemSize;
        }
        return _data + (nint)index * _elemSize;
    }

    public override byte* Lookup(byte* key, int cpu) => ElementAddress(*(uint*)key, cpu);

    public override int Update(byte* key, byte* value, ulong flags, int cpu)
    {
        int check = CheckUpdate(*(uint*)key, flags);
        if (check != 0)
        {
            return check;
        }
        byte* dst = ElementAddress(*(uint*)key, cpu);
        if (dst == null)
        {
            return -Errno.EINVAL;
        }
        Buffer.MemoryCopy(value, dst, ValueSize, ValueSize);
        return 0;
    }

    public override int Delete(byte* key, int cpu) => -Errno.EINVAL;

    public override void Clear() => NativeMemory.Clear(_data, (nuint)_cpuStride * (nuint)(IsPerCpu ? PossibleCpus : 1));

    private int CheckUpdate(uint index, ulong flags)
    {
        if ((flags & ~UpdateFlags.Lock) > UpdateFlags.Exist || (flags & UpdateFlags.Lock) != 0)
        {
            return -Errno.EINVAL;
        }
        if (index >= (uint)MaxEntries)
        {
            return -Errno.E2BIG;
        }
        if (flags == UpdateFlags.NoExist)
        {
            return -Errno.EEXIST;
        }
        return 0;
    }

    private protected override int LookupCore(byte* key, byte* value)
    {
        uint index = *(uint*)key;
        if (index >= (uint)MaxEntries)
        {
            return -Errno.ENOENT;
        }
        if (!IsPerCpu)
        {
            Buffer.MemoryCopy(ElementAddress(index, 0), value, ValueSize, ValueSize);
            return 0;
        }
        int stride = PerCpuValueStride;
        for (int cpu = 0; cpu < PossibleCpus; cpu++)
        {
            NativeMemory.Clear(value + cpu * stride, (nuint)stride);
            Buffer.MemoryCopy(ElementAddress(index, cpu), value + cpu * stride, ValueSize, ValueSize);
        }
        return 0;
    }

    private protected override int UpdateCore(byte* key, byte* value, ulong flags)
    {
        uint index = *(uint*)key;
        int check = CheckUpdate(index, flags);
        if (check != 0)
        {
            return check;
        }
        if (!IsPerCpu)
        {
            Buffer.MemoryCopy(value, ElementAddress(index, 0), ValueSize, ValueSize);
            return 0;
        }
        for (int cpu = 0; cpu < PossibleCpus; cpu++)
        {
            Buffer.MemoryCopy(value + cpu * PerCpuValueStride, ElementAddress(index, cpu), ValueSize, ValueSize);
        }
        return 0;
    }

    private protected override int DeleteCore(byte* key) => -Errno.EINVAL;

    private protected override int GetNextKeyCore(byte* key, byte* nextKey) => ArrayNextKey(key, nextKey, MaxEntries);

    /// <summary>The kernel's <c>array_map_get_next_key</c>: a null or out-of-range key gives 0, the last index gives <c>-ENOENT</c>.</summary>
    internal static int ArrayNextKey(byte* key, byte* nextKey, int maxEntries)
    {
        uint index = key == null ? uint.MaxValue : *(uint*)key;
        if (index >= (uint)maxEntries)
        {
            *(uint*)nextKey = 0;
            return 0;
        }
        if (index == (uint)maxEntries - 1)
        {
            return -Errno.ENOENT;
        }
        *(uint*)nextKey = index + 1;
        return 0;
    }

    private protected override void FreeNative()
    {
        if (_data != null)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
        }
    }
}
