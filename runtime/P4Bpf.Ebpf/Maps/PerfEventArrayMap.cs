namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_PERF_EVENT_ARRAY</c>: per-slot (usually per-CPU) record queues that <c>bpf_perf_event_output</c> writes and the runtime drains.</summary>
/// <remarks>
/// A slot stands for an opened perf event; here <see cref="Open"/> gives a slot its own native record ring (the layout of
/// <see cref="RecordRing"/>), which stands in for the perf mmap buffer. Output to a closed slot is <c>-ENOENT</c>, out of
/// range <c>-E2BIG</c>, a full ring <c>-ENOSPC</c> (counted in <see cref="Lost"/>), as the kernel reports lost samples.
/// </remarks>
public sealed unsafe class PerfEventArrayMap : BpfMap
{
    /// <summary><c>BPF_F_INDEX_MASK</c>: the low 32 bits of the flags select the slot.</summary>
    public const ulong IndexMask = 0xffffffffUL;

    /// <summary><c>BPF_F_CURRENT_CPU</c>: use the calling CPU's slot.</summary>
    public const ulong CurrentCpu = IndexMask;

    private readonly RecordRing?[] _rings;
    private readonly long[] _lost;
    private readonly List<RecordRing> _retired = [];

    internal PerfEventArrayMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        _rings = new RecordRing?[MaxEntries];
        _lost = new long[MaxEntries];
    }

    public override int Count
    {
        get
        {
            int n = 0;
            foreach (var ring in _rings)
            {
                n += ring != null ? 1 : 0;
            }
            return n;
        }
    }

    /// <summary>Opens slot <paramref name="index"/> with a ring of <paramref name="pages"/> 4 KiB pages (a power of two); 0, <c>-E2BIG</c> or <c>-EINVAL</c>.</summary>
    public int Open(uint index, int pages = 8)
    {
        if (index >= (uint)_rings.Length)
        {
            return -Errno.E2BIG;
        }
        if (pages <= 0 || (pages & (pages - 1)) != 0)
        {
            return -Errno.EINVAL;
        }
        var previous = Interlocked.Exchange(ref _rings[index], new RecordRing(pages * (int)RingBufMap.PageSize));
        if (previous != null)
        {
            lock (_retired)
            {
                _retired.Add(previous);
            }
        }
        return 0;
    }

    /// <summary>Closes slot <paramref name="index"/>; 0, <c>-ENOENT</c> when not open, <c>-E2BIG</c>.</summary>
    public int Close(uint index)
    {
        if (index >= (uint)_rings.Length)
        {
            return -Errno.E2BIG;
        }
        var ring = Interlocked.Exchange(ref _rings[index], null);
        if (ring == null)
        {
            return -Errno.ENOENT;
        }
        // A producer may still be writing into it: its memory is released with the map.
        lock (_retired)
        {
            _retired.Add(ring);
        }
        return 0;
    }

    /// <summary><c>bpf_perf_event_output</c>: copies <paramref name="size"/> bytes as one record into the slot chosen by <paramref name="flags"/>.</summary>
    public int Output(ulong flags, byte* data, ulong size, int cpu)
    {
        if ((flags & ~IndexMask) != 0)
        {
            return -Errno.EINVAL;
        }
        ulong index = flags == CurrentCpu ? (ulong)cpu : flags;
        if (index >= (ulong)_rings.Length)
        {
            return -Errno.E2BIG;
        }
        var ring = Volatile.Read(ref _rings[index]);
        if (ring == null)
        {
            return -Errno.ENOENT;
        }
        byte* sample = ring.Reserve(size);
        if (sample == null)
        {
            Interlocked.Increment(ref _lost[index]);
            return -Errno.ENOSPC;
        }
        Buffer.MemoryCopy(data, sample, (long)size, (long)size);
        ring.Commit(sample, discard: false, 0);
        return 0;
    }

    /// <summary>Samples dropped on slot <paramref name="index"/> because its ring was full.</summary>
    public long Lost(uint index) => index < (uint)_lost.Length ? Interlocked.Read(ref _lost[index]) : 0;

    /// <summary>Hands slot <paramref name="index"/>'s records to <paramref name="handler"/>; returns how many.</summary>
    public int Drain(uint index, RingRecordHandler handler, int max = int.MaxValue)
    {
        var ring = index < (uint)_rings.Length ? Volatile.Read(ref _rings[index]) : null;
        return ring?.Drain(handler, max) ?? 0;
    }

    /// <summary>Drains every open slot into arrays, slot by slot.</summary>
    public List<(uint Index, byte[] Record)> DrainAll()
    {
        var records = new List<(uint, byte[])>();
        for (uint i = 0; i < _rings.Length; i++)
        {
            uint slot = i;
            Drain(i, r => records.Add((slot, r.ToArray())));
        }
        return records;
    }

    public override byte* Lookup(byte* key, int cpu) => null;

    public override int Update(byte* key, byte* value, ulong flags, int cpu) => -Errno.EINVAL;

    public override int Delete(byte* key, int cpu) => -Errno.EINVAL;

    public override void Clear()
    {
        for (uint i = 0; i < _rings.Length; i++)
        {
            Close(i);
        }
    }

    private protected override int LookupCore(byte* key, byte* value) => -Errno.EOPNOTSUPP;

    private protected override int UpdateCore(byte* key, byte* value, ulong flags) => -Errno.EOPNOTSUPP;

    private protected override int DeleteCore(byte* key) => Close(*(uint*)key);

    private protected override int GetNextKeyCore(byte* key, byte* nextKey) => ArrayMap.ArrayNextKey(key, nextKey, MaxEntries);

    private protected override void FreeNative()
    {
        foreach (var ring in _rings)
        {
            ring?.Dispose();
        }
        foreach (var ring in _retired)
        {
            ring.Dispose();
        }
    }
}
