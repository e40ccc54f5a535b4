namespace P4Bpf.Ebpf.Maps;

public sealed unsafe partial class HashMap
{
    /// <summary>Takes a free element for an LRU update, evicting the least recently referenced ones while the map is full; -1 when nothing can be evicted.</summary>
    private int AllocateLru()
    {
        for (int attempt = 0; attempt < 64; attempt++)
        {
            if (Volatile.Read(ref _count) < MaxEntries)
            {
                int slot = _pool.Allocate();
                if (slot >= 0)
                {
                    return slot;
                }
            }
            if (!EvictOne())
            {
                return _pool.Allocate();
            }
        }
        return _pool.Allocate();
    }

    /// <summary>One step of the clock: clears reference bits until it finds an unreferenced live element, then deletes it.</summary>
    private bool EvictOne()
    {
        int victim = -1;
        lock (_lruLock)
        {
            int capacity = _pool.Capacity;
            for (int n = 0; n < 2 * capacity + 2; n++)
            {
                int index = _clockHand;
                _clockHand = index + 1 == capacity ? 0 : index + 1;
                byte* e = _pool[index];
                if (Volatile.Read(ref Field(e, OffLive)) == 0)
                {
                    continue;
                }
                if (Field(e, OffRef) != 0)
                {
                    Field(e, OffRef) = 0;
                    continue;
                }
                victim = index;
                break;
            }
        }
        if (victim < 0)
        {
            return false;
        }
        byte* v = _pool[victim];
        int bucket = (int)(*(uint*)(v + OffHash) & _bucketMask);
        LockBucket(bucket);
        bool linked = false;
        for (int i = _buckets[bucket]; i >= 0; i = Field(_pool[i], OffNext))
        {
            if (i == victim)
            {
                linked = true;
                break;
            }
        }
        if (linked)
        {
            UnlinkLocked(bucket, victim);
            Interlocked.Decrement(ref _count);
        }
        UnlockBucket(bucket);
        if (linked)
        {
            _pool.Free(victim);
            Interlocked.Increment(ref _evictions);
        }
        return true;
    }

    private long _evictions;

    /// <summary>How many elements the LRU has evicted so far.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);
}
