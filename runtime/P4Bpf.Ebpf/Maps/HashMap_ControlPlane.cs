namespace P4Bpf.Ebpf.Maps;

public sealed unsafe partial class HashMap
{
    private protected override int LookupCore(byte* key, byte* value)
    {
        uint hash = HashOf(key);
        var spin = default(SpinWait);
        while (true)
        {
            int i = FindLockFree(key, hash);
            if (i < 0)
            {
                return -Errno.ENOENT;
            }
            byte* e = _pool[i];
            int seq = Volatile.Read(ref Field(e, OffSeq));
            if ((seq & 1) == 0)
            {
                CopyValueOut(e, value);
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref Field(e, OffSeq)) == seq && Field(e, OffLive) == 1
                    && *(uint*)(e + OffHash) == hash && BytesEqual(e + OffKey, key, KeySize))
                {
                    return 0;
                }
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    private protected override int UpdateCore(byte* key, byte* value, ulong flags) =>
        UpdateElement(key, value, flags, cpu: 0, allCpus: true);

    private protected override int DeleteCore(byte* key) => DeleteElement(key, null);

    private protected override int LookupAndDeleteCore(byte* key, byte* value) => DeleteElement(key, value);

    /// <summary>The kernel's <c>htab_map_get_next_key</c>: the next element in the key's chain, else the head of the next non-empty bucket; a missing key restarts at bucket 0.</summary>
    private protected override int GetNextKeyCore(byte* key, byte* nextKey)
    {
        var spin = default(SpinWait);
        while (true)
        {
            int start = 0;
            int next = -1;
            if (key != null)
            {
                uint hash = HashOf(key);
                int i = FindLockFree(key, hash);
                if (i >= 0)
                {
                    next = Volatile.Read(ref Field(_pool[i], OffNext));
                    if (next < 0)
                    {
                        start = (int)(hash & _bucketMask) + 1;
                    }
                }
            }
            if (next < 0)
            {
                for (int b = start; b < _bucketCount; b++)
                {
                    next = Volatile.Read(ref _buckets[b]);
                    if (next >= 0)
                    {
                        break;
                    }
                }
                if (next < 0)
                {
                    return -Errno.ENOENT;
                }
            }
            if (TryCopyKey(next, nextKey))
            {
                return 0;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Copies element <paramref name="index"/>'s key unless it is being rewritten concurrently.</summary>
    private bool TryCopyKey(int index, byte* dst)
    {
        byte* e = _pool[index];
        int seq = Volatile.Read(ref Field(e, OffSeq));
        if ((seq & 1) != 0)
        {
            return false;
        }
        Buffer.MemoryCopy(e + OffKey, dst, KeySize, KeySize);
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref Field(e, OffSeq)) == seq;
    }

    public override void Clear()
    {
        for (int b = 0; b < _bucketCount; b++)
        {
            if (Volatile.Read(ref _buckets[b]) < 0)
            {
                continue;
            }
            LockBucket(b);
            int head = _buckets[b];
            Volatile.Write(ref _buckets[b], ~b);
            int removed = 0;
            for (int i = head; i >= 0; i = Field(_pool[i], OffNext))
            {
                // Next links stay intact for readers standing on these elements.
                Field(_pool[i], OffLive) = 0;
                removed++;
            }
            UnlockBucket(b);
            for (int j = head, n = 0; n < removed; n++)
            {
                int next = Field(_pool[j], OffNext);
                _pool.Free(j);
                j = next;
            }
            Interlocked.Add(ref _count, -removed);
        }
    }
}
