using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_ARRAY_OF_MAPS</c> and <c>BPF_MAP_TYPE_HASH_OF_MAPS</c>: values are references to maps compatible with the inner template.</summary>
/// <remarks>
/// The stored value is the inner map's <see cref="BpfMap.Handle"/> (8 bytes in native memory: a native array for the
/// array flavour, an internal <see cref="HashMap"/> for the hash flavour, with its semantics and concurrency), and a data-path
/// <see cref="Lookup(byte*, int)"/> returns that handle itself — the inner map pointer a program passes on to
/// <c>bpf_map_lookup_elem</c>, as in the kernel — not a pointer to a value. The map keeps the inner maps it references
/// alive. Compatibility is the kernel's <c>bpf_map_meta_equal</c>: same type, key size, value size and flags, and the same
/// <c>max_entries</c> unless the template has <c>BPF_F_INNER_MAP</c>. Programs cannot update these maps.
/// </remarks>
public sealed unsafe class MapOfMaps : BpfMap
{
    private readonly bool _isHash;
    private readonly HashMap? _hash;
    private readonly Dictionary<BpfMap, int> _references = [];
    private readonly Lock _lock = new();
    private nint* _array;
    private int _count;

    internal MapOfMaps(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        InnerTemplate = definition.InnerMap!;
        _isHash = definition.Type == MapType.HashOfMaps;
        if (_isHash)
        {
            var storage = new MapDefinition(MapType.Hash, definition.KeySize, 8, definition.MaxEntries, definition.Flags & (MapFlags.NoPrealloc | MapFlags.ZeroSeed), definition.Name);
            _hash = new HashMap(storage, possibleCpus);
        }
        else
        {
            _array = (nint*)AllocZeroed((nuint)MaxEntries * 8);
        }
    }

    /// <summary>The template inner maps must match.</summary>
    public MapDefinition InnerTemplate { get; }

    public override int Count => _isHash ? _hash!.Count : Volatile.Read(ref _count);

    /// <summary>True when <paramref name="inner"/> may be stored here (the kernel's <c>bpf_map_meta_equal</c>).</summary>
    public bool IsCompatible(BpfMap inner) =>
        inner.Type == InnerTemplate.Type
        && inner.KeySize == InnerTemplate.KeySize
        && inner.ValueSize == InnerTemplate.ValueSize
        && inner.Flags == InnerTemplate.Flags
        && ((InnerTemplate.Flags & MapFlags.InnerMap) != 0 || inner.Definition.MaxEntries == InnerTemplate.MaxEntries);

    /// <summary>Stores <paramref name="inner"/> under <paramref name="key"/>: 0, <c>-EINVAL</c> if incompatible (or flags other than <c>BPF_ANY</c> for the array flavour), or the hash/array errnos.</summary>
    public int SetMap(ReadOnlySpan<byte> key, BpfMap inner, ulong flags = UpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (key.Length != KeySize)
        {
            return -Errno.EINVAL;
        }
        if (!IsCompatible(inner) || inner is MapOfMaps)
        {
            return -Errno.EINVAL;
        }
        nint handle = inner.Handle;
        lock (_lock)
        {
            BpfMap? previous;
            fixed (byte* k = key)
            {
                if (_isHash)
                {
                    previous = FromHandle(LookupHandle(k));
                    int rc = _hash!.Update(key, new ReadOnlySpan<byte>(&handle, 8), flags);
                    if (rc != 0)
                    {
                        return rc;
                    }
                }
                else
                {
                    if (flags != UpdateFlags.Any)
                    {
                        return -Errno.EINVAL;
                    }
                    uint index = *(uint*)k;
                    if (index >= (uint)MaxEntries)
                    {
                        return -Errno.E2BIG;
                    }
                    previous = FromHandle(Interlocked.Exchange(ref _array[index], handle));
                    if (previous == null)
                    {
                        _count++;
                    }
                }
            }
            AddReference(inner);
            if (previous != null)
            {
                RemoveReference(previous);
            }
            return 0;
        }
    }

    /// <summary>The map stored under <paramref name="key"/>, or null.</summary>
    public BpfMap? GetMap(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            return null;
        }
        fixed (byte* k = key)
        {
            return FromHandle(LookupHandle(k));
        }
    }

    private nint LookupHandle(byte* key)
    {
        if (_isHash)
        {
            byte* v = _hash!.Lookup(key, 0);
            return v == null ? 0 : Volatile.Read(ref *(nint*)v);
        }
        uint index = *(uint*)key;
        return index < (uint)MaxEntries ? Volatile.Read(ref _array[index]) : 0;
    }

    private void AddReference(BpfMap map) => _references[map] = _references.GetValueOrDefault(map) + 1;

    private void RemoveReference(BpfMap map)
    {
        if (_references.TryGetValue(map, out int n))
        {
            if (n <= 1)
            {
                _references.Remove(map);
            }
            else
            {
                _references[map] = n - 1;
            }
        }
    }

    /// <summary>Returns the inner map's handle (the pointer a program uses as a map), or null.</summary>
    public override byte* Lookup(byte* key, int cpu) => (byte*)LookupHandle(key);

    public override int Update(byte* key, byte* value, ulong flags, int cpu) => -Errno.EINVAL;

    public override int Delete(byte* key, int cpu) => -Errno.EINVAL;

    private protected override int LookupCore(byte* key, byte* value)
    {
        var inner = FromHandle(LookupHandle(key));
        if (inner == null)
        {
            return -Errno.ENOENT;
        }
        *(uint*)value = inner.Id;
        return 0;
    }

    private protected override int UpdateCore(byte* key, byte* value, ulong flags) => -Errno.EOPNOTSUPP;

    private protected override int DeleteCore(byte* key)
    {
        lock (_lock)
        {
            BpfMap? previous;
            if (_isHash)
            {
                previous = FromHandle(LookupHandle(key));
                int rc = _hash!.Delete(new ReadOnlySpan<byte>(key, KeySize));
                if (rc != 0)
                {
                    return rc;
                }
            }
            else
            {
                uint index = *(uint*)key;
                if (index >= (uint)MaxEntries)
                {
                    return -Errno.E2BIG;
                }
                previous = FromHandle(Interlocked.Exchange(ref _array[index], 0));
                if (previous == null)
                {
                    return -Errno.ENOENT;
                }
                _count--;
            }
            if (previous != null)
            {
                RemoveReference(previous);
            }
            return 0;
        }
    }

    private protected override int GetNextKeyCore(byte* key, byte* nextKey) =>
        _isHash
            ? _hash!.GetNextKey(key == null ? default : new ReadOnlySpan<byte>(key, KeySize), new Span<byte>(nextKey, KeySize))
            : ArrayMap.ArrayNextKey(key, nextKey, MaxEntries);

    public override void Clear()
    {
        lock (_lock)
        {
            if (_isHash)
            {
                _hash!.Clear();
            }
            else
            {
                NativeMemory.Clear(_array, (nuint)MaxEntries * 8);
                _count = 0;
            }
            _references.Clear();
        }
    }

    private protected override void FreeNative()
    {
        _hash?.Dispose();
        if (_array != null)
        {
            NativeMemory.AlignedFree(_array);
            _array = null;
        }
    }
}
