using System.Numerics;

namespace P4Bpf.Ebpf.Maps;

public abstract partial class BpfMap
{
    /// <summary>The kernel's <c>KMALLOC_MAX_SIZE</c> on x86-64 (4 MiB): the largest single value it accepts.</summary>
    internal const uint KmallocMaxSize = 4u << 20;

    /// <summary>The kernel's <c>PCPU_MIN_UNIT_SIZE</c> (32 KiB): the largest per-CPU value.</summary>
    internal const uint PcpuMinUnitSize = 32u << 10;

    /// <summary>The eBPF stack size, the largest hash key.</summary>
    internal const uint MaxBpfStack = 512;

    /// <summary>Creates a map like <c>BPF_MAP_CREATE</c>: validates the definition as the kernel's <c>map_alloc_check</c> for the type does and returns the map or a typed error.</summary>
    /// <param name="definition">Type, sizes, capacity, flags, name, inner template.</param>
    /// <param name="possibleCpus">CPU slots for per-CPU maps (the switch's worker count); 0 means <see cref="Environment.ProcessorCount"/>.</param>
    public static MapCreateResult Create(MapDefinition definition, int possibleCpus = 0)
    {
        if (possibleCpus <= 0)
        {
            possibleCpus = Environment.ProcessorCount;
        }
        var error = Validate(definition);
        if (error != null)
        {
            return new MapCreateResult(null, error);
        }
        try
        {
            BpfMap map = definition.Type switch
            {
                MapType.Array or MapType.PercpuArray => new ArrayMap(definition, possibleCpus),
                MapType.Hash or MapType.PercpuHash or MapType.LruHash or MapType.LruPercpuHash => new HashMap(definition, possibleCpus),
                MapType.LpmTrie => new LpmTrieMap(definition, possibleCpus),
                MapType.ProgArray => new ProgArrayMap(definition, possibleCpus),
                MapType.ArrayOfMaps or MapType.HashOfMaps => new MapOfMaps(definition, possibleCpus),
                MapType.Queue or MapType.Stack => new QueueStackMap(definition, possibleCpus),
                MapType.Ringbuf => new RingBufMap(definition, possibleCpus),
                MapType.Devmap or MapType.DevmapHash => new DevMap(definition, possibleCpus),
                MapType.PerfEventArray => new PerfEventArrayMap(definition, possibleCpus),
                _ => throw new InvalidOperationException("unreachable: Validate accepted " + definition.Type),
            };
            return new MapCreateResult(map, null);
        }
        catch (OutOfMemoryException)
        {
            return new MapCreateResult(null, Fail(Errno.ENOMEM, definition, "not enough memory for " + definition.MaxEntries + " entries"));
        }
    }

    /// <summary>The kernel's creation checks for <paramref name="d"/>; null when it is acceptable.</summary>
    internal static MapError? Validate(MapDefinition d)
    {
        if (d.Name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.'))
        {
            return Fail(Errno.EINVAL, d, "map name may hold only letters, digits, '_' and '.'");
        }
        if ((d.Flags & MapFlags.Rdonly) != 0 && (d.Flags & MapFlags.Wronly) != 0)
        {
            return Fail(Errno.EINVAL, d, "BPF_F_RDONLY and BPF_F_WRONLY are exclusive");
        }
        if ((d.Flags & MapFlags.RdonlyProg) != 0 && (d.Flags & MapFlags.WronlyProg) != 0)
        {
            return Fail(Errno.EINVAL, d, "BPF_F_RDONLY_PROG and BPF_F_WRONLY_PROG are exclusive");
        }
        return d.Type switch
        {
            MapType.Array or MapType.PercpuArray => ValidateArray(d),
            MapType.Hash or MapType.PercpuHash or MapType.LruHash or MapType.LruPercpuHash => ValidateHash(d),
            MapType.LpmTrie => ValidateLpm(d),
            MapType.ProgArray or MapType.PerfEventArray => ValidateFdArray(d),
            MapType.ArrayOfMaps or MapType.HashOfMaps => ValidateMapInMap(d),
            MapType.Queue or MapType.Stack => ValidateQueueStack(d),
            MapType.Ringbuf => ValidateRingbuf(d),
            MapType.Devmap or MapType.DevmapHash => ValidateDevmap(d),
            _ => Fail(Errno.EINVAL, d, $"not supported yet: map type {d.Type} ({(uint)d.Type})"),
        };
    }

    private static MapError Fail(int errno, MapDefinition d, string message) =>
        new(-errno, $"map '{d.Name}' ({d.Type}): {message}");

    private static MapError? CheckFlags(MapDefinition d, MapFlags allowed) =>
        (d.Flags & ~allowed) != 0 ? Fail(Errno.EINVAL, d, $"flags {d.Flags & ~allowed} are not valid for this map type") : null;

    private static MapError? ValidateArray(MapDefinition d)
    {
        bool percpu = d.Type == MapType.PercpuArray;
        var allowed = MapFlags.NumaNode | MapFlags.AccessMask | MapFlags.PreserveElems | MapFlags.InnerMap | (percpu ? 0 : MapFlags.Mmapable);
        if (d.MaxEntries == 0 || d.KeySize != 4 || d.ValueSize == 0)
        {
            return Fail(Errno.EINVAL, d, $"array maps need key size 4 (got {d.KeySize}), value size > 0 (got {d.ValueSize}) and max_entries > 0 (got {d.MaxEntries})");
        }
        if (CheckFlags(d, allowed) is { } bad)
        {
            return bad;
        }
        if ((d.Flags & MapFlags.NumaNode) != 0 && percpu)
        {
            return Fail(Errno.EINVAL, d, "BPF_F_NUMA_NODE is not valid for per-CPU maps");
        }
        if (percpu ? RoundUp8(d.ValueSize) > PcpuMinUnitSize : d.ValueSize > KmallocMaxSize)
        {
            return Fail(Errno.E2BIG, d, $"value size {d.ValueSize} is too large");
        }
        if ((ulong)RoundUp8(d.ValueSize) * d.MaxEntries > int.MaxValue * 4UL)
        {
            return Fail(Errno.ENOMEM, d, "array too large");
        }
        return null;
    }

    private static MapError? ValidateHash(MapDefinition d)
    {
        bool percpu = d.Type is MapType.PercpuHash or MapType.LruPercpuHash;
        bool lru = d.Type is MapType.LruHash or MapType.LruPercpuHash;
        var allowed = MapFlags.NoPrealloc | MapFlags.NoCommonLru | MapFlags.NumaNode | MapFlags.AccessMask | MapFlags.ZeroSeed;
        if (CheckFlags(d, allowed) is { } bad)
        {
            return bad;
        }
        if (!lru && (d.Flags & MapFlags.NoCommonLru) != 0)
        {
            return Fail(Errno.EINVAL, d, "BPF_F_NO_COMMON_LRU is only for LRU maps");
        }
        if (lru && (d.Flags & MapFlags.NoPrealloc) != 0)
        {
            return Fail(Errno.ENOTSUPP, d, "LRU maps cannot use BPF_F_NO_PREALLOC");
        }
        if ((d.Flags & MapFlags.NumaNode) != 0 && (percpu || (d.Flags & MapFlags.NoCommonLru) != 0))
        {
            return Fail(Errno.EINVAL, d, "BPF_F_NUMA_NODE is not valid for per-CPU maps");
        }
        if (d.MaxEntries == 0 || d.KeySize == 0 || d.ValueSize == 0)
        {
            return Fail(Errno.EINVAL, d, $"hash maps need key size, value size and max_entries > 0 (got {d.KeySize}, {d.ValueSize}, {d.MaxEntries})");
        }
        if (d.KeySize > MaxBpfStack)
        {
            return Fail(Errno.E2BIG, d, $"key size {d.KeySize} exceeds the {MaxBpfStack}-byte eBPF stack");
        }
        if ((ulong)d.KeySize + d.ValueSize >= KmallocMaxSize - 48)
        {
            return Fail(Errno.E2BIG, d, $"key + value size {(ulong)d.KeySize + d.ValueSize} is too large");
        }
        if (percpu && RoundUp8(d.ValueSize) > PcpuMinUnitSize)
        {
            return Fail(Errno.E2BIG, d, $"per-CPU value size {d.ValueSize} exceeds {PcpuMinUnitSize}");
        }
        if (d.MaxEntries > 1u << 30)
        {
            return Fail(Errno.E2BIG, d, $"max_entries {d.MaxEntries} is too large");
        }
        return null;
    }

    private static MapError? ValidateLpm(MapDefinition d)
    {
        const uint keyMin = 4 + 1;
        const uint keyMax = 4 + LpmTrieMap.MaxDataSize;
        if (d.MaxEntries == 0 || (d.Flags & MapFlags.NoPrealloc) == 0)
        {
            return Fail(Errno.EINVAL, d, "LPM tries need max_entries > 0 and BPF_F_NO_PREALLOC");
        }
        if (CheckFlags(d, MapFlags.NoPrealloc | MapFlags.NumaNode | MapFlags.AccessMask) is { } bad)
        {
            return bad;
        }
        if (d.KeySize < keyMin || d.KeySize > keyMax)
        {
            return Fail(Errno.EINVAL, d, $"LPM key size must be 4 (prefixlen) + 1..{LpmTrieMap.MaxDataSize} data bytes (got {d.KeySize})");
        }
        if (d.ValueSize < 1 || d.ValueSize > KmallocMaxSize - LpmTrieMap.MaxDataSize - 48)
        {
            return Fail(Errno.EINVAL, d, $"LPM value size {d.ValueSize} is out of range");
        }
        if (d.MaxEntries > 1u << 29)
        {
            return Fail(Errno.E2BIG, d, $"max_entries {d.MaxEntries} is too large");
        }
        return null;
    }

    private static MapError? ValidateFdArray(MapDefinition d)
    {
        if (d.ValueSize != 4)
        {
            return Fail(Errno.EINVAL, d, $"value size must be 4 (a file descriptor), got {d.ValueSize}");
        }
        if ((d.Flags & (MapFlags.RdonlyProg | MapFlags.WronlyProg)) != 0)
        {
            return Fail(Errno.EINVAL, d, "BPF_F_RDONLY_PROG/BPF_F_WRONLY_PROG are not valid for fd arrays");
        }
        return ValidateArray(d);
    }

    private static MapError? ValidateMapInMap(MapDefinition d)
    {
        if (d.InnerMap is not { } inner)
        {
            return Fail(Errno.EBADF, d, "map-in-map needs an inner map template");
        }
        if (inner.Type is MapType.ArrayOfMaps or MapType.HashOfMaps or MapType.ProgArray or MapType.PerfEventArray)
        {
            return Fail(Errno.EINVAL, d, $"inner map type {inner.Type} cannot be nested");
        }
        if (Validate(inner) is { } innerError)
        {
            return innerError with { Message = "inner map: " + innerError.Message };
        }
        if (d.Type == MapType.ArrayOfMaps)
        {
            return ValidateFdArray(d);
        }
        if (d.ValueSize != 4)
        {
            return Fail(Errno.EINVAL, d, $"value size must be 4 (a map fd), got {d.ValueSize}");
        }
        return ValidateHash(d);
    }

    private static MapError? ValidateQueueStack(MapDefinition d)
    {
        if (d.MaxEntries == 0 || d.KeySize != 0 || d.ValueSize == 0)
        {
            return Fail(Errno.EINVAL, d, $"queue/stack maps need key size 0 (got {d.KeySize}), value size > 0 and max_entries > 0");
        }
        if (CheckFlags(d, MapFlags.NumaNode | MapFlags.AccessMask) is { } bad)
        {
            return bad;
        }
        if (d.ValueSize > KmallocMaxSize)
        {
            return Fail(Errno.E2BIG, d, $"value size {d.ValueSize} is too large");
        }
        if (d.MaxEntries > 1u << 26)
        {
            return Fail(Errno.E2BIG, d, $"max_entries {d.MaxEntries} is too large");
        }
        return null;
    }

    private static MapError? ValidateRingbuf(MapDefinition d)
    {
        if (CheckFlags(d, MapFlags.NumaNode) is { } bad)
        {
            return bad;
        }
        if (d.KeySize != 0 || d.ValueSize != 0 || !BitOperations.IsPow2(d.MaxEntries) || d.MaxEntries % RingBufMap.PageSize != 0)
        {
            return Fail(Errno.EINVAL, d, $"ring buffers need key and value size 0 and max_entries a power-of-2 multiple of {RingBufMap.PageSize} (got {d.MaxEntries})");
        }
        if (d.MaxEntries > 1u << 30)
        {
            return Fail(Errno.E2BIG, d, $"ring buffer size {d.MaxEntries} is too large");
        }
        return null;
    }

    private static MapError? ValidateDevmap(MapDefinition d)
    {
        if (d.MaxEntries == 0 || d.KeySize != 4 || (d.ValueSize != 4 && d.ValueSize != 8))
        {
            return Fail(Errno.EINVAL, d, $"device maps need key size 4, value size 4 (ifindex) or 8 (ifindex + program fd), max_entries > 0");
        }
        if (CheckFlags(d, MapFlags.NumaNode | MapFlags.AccessMask) is { } bad)
        {
            return bad;
        }
        if (d.MaxEntries > 1u << 26)
        {
            return Fail(Errno.E2BIG, d, $"max_entries {d.MaxEntries} is too large");
        }
        return null;
    }

    private static uint RoundUp8(uint size) => (size + 7) & ~7u;
}
