using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_DEVMAP</c> and <c>BPF_MAP_TYPE_DEVMAP_HASH</c>: redirect targets, a u32 key to <c>struct bpf_devmap_val { u32 ifindex; [u32 bpf_prog_fd]; }</c>.</summary>
/// <remarks>
/// The array flavour keeps one 8-byte value plus a presence word per slot in native memory; updates replace the value
/// with one aligned 8-byte store, so a reader never sees half of it. An update with ifindex 0 empties the slot (the
/// kernel's behaviour; a program fd then is <c>-EINVAL</c>), and delete always succeeds in range. The hash flavour stores
/// entries in an internal <see cref="HashMap"/> (its iteration order is jhash order, not the kernel's <c>key &amp; mask</c>
/// buckets). Interfaces are not checked to exist: there are no net devices in the engine; the switch runtime decides
/// what an ifindex means. <see cref="TryGetTarget"/> is what <c>bpf_redirect_map</c> calls.
/// </remarks>
public sealed unsafe class DevMap : BpfMap
{
    private readonly HashMap? _hash;
    private ulong* _values;
    private int* _present;
    private int _count;

    internal DevMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        if (definition.Type == MapType.DevmapHash)
        {
            _hash = new HashMap(new MapDefinition(MapType.Hash, 4, definition.ValueSize, definition.MaxEntries, MapFlags.None, definition.Name), possibleCpus);
        }
        else
        {
            _values = (ulong*)AllocZeroed((nuint)MaxEntries * 8);
            _present = (int*)AllocZeroed((nuint)MaxEntries * 4);
        }
    }

    public override int Count => _hash?.Count ?? Volatile.Read(ref _count);

    /// <summary>The interface index stored under <paramref name="key"/> (allocation-free; for <c>bpf_redirect_map</c>).</summary>
    public bool TryGetTarget(uint key, out uint ifindex)
    {
        byte* v = Lookup((byte*)&key, 0);
        ifindex = v == null ? 0 : *(uint*)v;
        return v != null;
    }

    /// <summary>Sets the target of <paramref name="key"/> (ifindex 0 empties an array slot).</summary>
    public int SetTarget(uint key, uint ifindex, ulong flags = UpdateFlags.Any)
    {
        ulong value = ifindex;
        return UpdateCore((byte*)&key, (byte*)&value, flags);
    }

    public override byte* Lookup(byte* key, int cpu)
    {
        if (_hash != null)
        {
            return _hash.Lookup(key, 0);
        }
        uint index = *(uint*)key;
        return index < (uint)MaxEntries && Volatile.Read(ref _present[index]) != 0 ? (byte*)&_values[index] : null;
    }

    public override int Update(byte* key, byte* value, ulong flags, int cpu) => -Errno.EINVAL;

    public override int Delete(byte* key, int cpu) => -Errno.EINVAL;

    private protected override int LookupCore(byte* key, byte* value)
    {
        byte* v = Lookup(key, 0);
        if (v == null)
        {
            return -Errno.ENOENT;
        }
        ulong copy = Volatile.Read(ref *(ulong*)v);
        Buffer.MemoryCopy(&copy, value, ValueSize, ValueSize);
        return 0;
    }

    private protected override int UpdateCore(byte* key, byte* value, ulong flags)
    {
        if (flags > UpdateFlags.Exist)
        {
            return -Errno.EINVAL;
        }
        uint ifindex = *(uint*)value;
        uint progFd = ValueSize == 8 ? *(uint*)(value + 4) : 0;
        ulong packed = ifindex | ((ulong)progFd << 32);
        if (_hash != null)
        {
            if (ifindex == 0)
            {
                return -Errno.EINVAL;
            }
            byte* existing = _hash.Lookup(key, 0);
            if (existing != null && flags == UpdateFlags.NoExist)
            {
                return -Errno.EEXIST;
            }
            int rc = _hash.Update(new ReadOnlySpan<byte>(key, 4), new ReadOnlySpan<byte>(&packed, ValueSize), UpdateFlags.Any);
            return rc;
        }
        uint index = *(uint*)key;
        if (index >= (uint)MaxEntries)
        {
            return -Errno.E2BIG;
        }
        if (flags == UpdateFlags.NoExist)
        {
            return -Errno.EEXIST;
        }
        if (ifindex == 0)
        {
            if (progFd != 0)
            {
                return -Errno.EINVAL;
            }
            if (Interlocked.Exchange(ref _present[index], 0) != 0)
            {
                Interlocked.Decrement(ref _count);
            }
            return 0;
        }
        Volatile.Write(ref _values[index], packed);
        if (Interlocked.Exchange(ref _present[index], 1) == 0)
        {
            Interlocked.Increment(ref _count);
        }
        return 0;
    }

    private protected override int DeleteCore(byte* key)
    {
        if (_hash != null)
        {
            return _hash.Delete(new ReadOnlySpan<byte>(key, 4));
        }
        uint index = *(uint*)key;
        if (index >= (uint)MaxEntries)
        {
            return -Errno.EINVAL;
        }
        if (Interlocked.Exchange(ref _present[index], 0) != 0)
        {
            Interlocked.Decrement(ref _count);
        }
        return 0;
    }

    private protected override int GetNextKeyCore(byte* key, byte* nextKey) =>
        _hash != null
            ? _hash.GetNextKey(key == null ? default : new ReadOnlySpan<byte>(key, 4), new Span<byte>(nextKey, 4))
            : ArrayMap.ArrayNextKey(key, nextKey, MaxEntries);

    public override void Clear()
    {
        if (_hash != null)
        {
            _hash.Clear();
            return;
        }
        for (int i = 0; i < MaxEntries; i++)
        {
            if (Interlocked.Exchange(ref _present[i], 0) != 0)
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private protected override void FreeNative()
    {
        _hash?.Dispose();
        if (_values != null)
        {
            NativeMemory.AlignedFree(_values);
            NativeMemory.AlignedFree(_present);
            _values = null;
            _present = null;
        }
    }
}
