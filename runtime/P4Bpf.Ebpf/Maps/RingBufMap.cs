namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_RINGBUF</c>: a multi-producer, single-consumer ring of variable-size records with the kernel's record layout.</summary>
/// <remarks>
/// Programs use <see cref="Reserve"/>/<see cref="Submit"/>/<see cref="Discard"/> (<c>bpf_ringbuf_reserve/submit/discard</c>),
/// <see cref="Output"/> (<c>bpf_ringbuf_output</c>) and <see cref="Query"/>; the runtime drains with <see cref="Drain"/>.
/// <c>BPF_RB_NO_WAKEUP</c> suppresses the consumer signal, <c>BPF_RB_FORCE_WAKEUP</c> (and the default) raise it.
/// Key/value operations fail as in the kernel. See <see cref="RecordRing"/> for the layout and concurrency.
/// </remarks>
public sealed unsafe class RingBufMap : BpfMap
{
    /// <summary>The page size ring buffer sizes are multiples of.</summary>
    public const uint PageSize = 4096;

    private readonly RecordRing _ring;

    internal RingBufMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        _ring = new RecordRing(MaxEntries);
    }

    public override int Count => 0;

    /// <summary>Bytes produced but not yet consumed.</summary>
    public long AvailableData => _ring.ProducerPos - _ring.ConsumerPos;

    /// <summary>How many commits asked to wake the consumer.</summary>
    public long Wakeups => _ring.Wakeups;

    /// <summary><c>bpf_ringbuf_reserve</c>: a sample of <paramref name="size"/> bytes, or null (no room, too big, or non-zero <paramref name="flags"/>).</summary>
    public byte* Reserve(ulong size, ulong flags) => flags != 0 ? null : _ring.Reserve(size);

    /// <summary><c>bpf_ringbuf_submit</c>.</summary>
    public void Submit(byte* sample, ulong flags) => _ring.Commit(sample, discard: false, flags);

    /// <summary><c>bpf_ringbuf_discard</c>.</summary>
    public void Discard(byte* sample, ulong flags) => _ring.Commit(sample, discard: true, flags);

    /// <summary><c>bpf_ringbuf_output</c>: copies <paramref name="size"/> bytes as one record; 0, <c>-EINVAL</c> for unknown flags, <c>-EAGAIN</c> when full.</summary>
    public int Output(byte* data, ulong size, ulong flags)
    {
        if ((flags & ~(RingbufFlags.NoWakeup | RingbufFlags.ForceWakeup)) != 0)
        {
            return -Errno.EINVAL;
        }
        byte* sample = _ring.Reserve(size);
        if (sample == null)
        {
            return -Errno.EAGAIN;
        }
        Buffer.MemoryCopy(data, sample, (long)size, (long)size);
        _ring.Commit(sample, discard: false, flags);
        return 0;
    }

    /// <summary><c>bpf_ringbuf_query</c>: available data, ring size, consumer or producer position; 0 for unknown selectors.</summary>
    public ulong Query(ulong flags) => flags switch
    {
        RingbufFlags.QueryAvailData => (ulong)AvailableData,
        RingbufFlags.QueryRingSize => (ulong)_ring.Size,
        RingbufFlags.QueryConsPos => (ulong)_ring.ConsumerPos,
        RingbufFlags.QueryProdPos => (ulong)_ring.ProducerPos,
        _ => 0,
    };

    /// <summary>Hands committed records to <paramref name="handler"/> in order (discarded ones skipped); returns how many.</summary>
    public int Drain(RingRecordHandler handler, int max = int.MaxValue) => _ring.Drain(handler, max);

    /// <summary>Drains into arrays (convenience for tests and tools).</summary>
    public List<byte[]> DrainAll()
    {
        var records = new List<byte[]>();
        _ring.Drain(r => records.Add(r.ToArray()), int.MaxValue);
        return records;
    }

    /// <summary>Blocks until a producer signals a wakeup or the timeout passes.</summary>
    public bool WaitForData(TimeSpan timeout) => _ring.WaitForData(timeout);

    public override byte* Lookup(byte* key, int cpu) => null;

    public override int Update(byte* key, byte* value, ulong flags, int cpu) => -Errno.EINVAL;

    public override int Delete(byte* key, int cpu) => -Errno.EINVAL;

    /// <summary>Drops every unconsumed record.</summary>
    public override void Clear() => _ring.Drain(static _ => { }, int.MaxValue);

    private protected override int LookupCore(byte* key, byte* value) => -Errno.ENOTSUPP;

    private protected override int UpdateCore(byte* key, byte* value, ulong flags) => -Errno.ENOTSUPP;

    private protected override int DeleteCore(byte* key) => -Errno.ENOTSUPP;

    private protected override int GetNextKeyCore(byte* key, byte* nextKey) => -Errno.ENOTSUPP;

    private protected override void FreeNative() => _ring.Dispose();
}
