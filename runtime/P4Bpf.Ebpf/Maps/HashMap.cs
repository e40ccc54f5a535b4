using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary><c>BPF_MAP_TYPE_HASH</c>, <c>PERCPU_HASH</c>, <c>LRU_HASH</c> and <c>LRU_PERCPU_HASH</c> (and the storage behind <c>HASH_OF_MAPS</c> and <c>DEVMAP_HASH</c>).</summary>
/// <remarks>
/// Layout follows the kernel's htab: <c>roundup_pow_of_two(max_entries)</c> buckets, each a singly linked chain of
/// elements from a preallocated <see cref="SlotPool"/>, the bucket chosen by the kernel's <c>jhash</c> (seed 0 with
/// <c>BPF_F_ZERO_SEED</c>, random otherwise), new elements linked at the head — so <see cref="BpfMap.GetNextKey"/>
/// walks in the kernel's order. Chains end in a "nulls" marker naming their bucket (<c>~bucket</c>), as
/// <c>hlist_nulls</c> does, so a lock-free reader that followed a recycled element into another chain notices and restarts.
/// <para>Concurrency: lookups take no lock. Writers take a per-bucket spin lock. An update never writes a live value
/// in place (except per-CPU maps, which the kernel also updates in place): it fills a fresh element, links it at the
/// head with a release store, then unlinks the old one — a reader sees either the whole old or the whole new value.
/// Freed elements go to the tail of a FIFO free list (reused last, unlike the kernel's immediate reuse), and each
/// element carries a sequence count that control-plane reads validate, so they never return a torn value.</para>
/// <para>LRU maps evict with a clock (second-chance) sweep over the pool: a lookup sets the element's reference bit,
/// the sweep clears it and evicts the first unreferenced element — an approximation of the kernel's active/inactive
/// lists, evicting only when the map is full. As in the kernel, the victim is chosen before the bucket lock is
/// taken, so even a failing update may evict.</para>
/// </remarks>
public sealed unsafe partial class HashMap : BpfMap
{
    private const int OffNext = SlotPool.UserOffset; // int: next element index, or ~bucket at the end of a chain
    private const int OffHash = 8;                      // uint: jhash of the key
    private const int OffSeq = 12;                      // int: odd while the element is being (re)written
    private const int OffRef = 16;                      // int: LRU reference bit
    private const int OffLive = 20;                     // int: 1 while linked into a bucket
    private const int OffKey = 24;

    private readonly SlotPool _pool;
    private readonly int _valueOffset;
    private readonly int _valueStride;
    private readonly uint _bucketMask;
    private readonly int _bucketCount;
    private readonly int[] _locks;
    private readonly int _lockMask;
    private readonly uint _seed;
    private readonly bool _lru;
    private readonly bool _percpu;
    private readonly Lock _lruLock = new();
    private int* _buckets;
    private int _count;
    private int _clockHand;

    internal HashMap(MapDefinition definition, int possibleCpus)
        : base(definition, possibleCpus)
    {
        _lru = Type is MapType.LruHash or MapType.LruPercpuHash;
        _percpu = IsPerCpu;
        if (_lru && (Flags & MapFlags.NoCommonLru) != 0)
        {
            // The kernel gives each CPU's LRU list the same number of elements.
            long rounded = (MaxEntries + (long)possibleCpus - 1) / possibleCpus * possibleCpus;
            MaxEntries = rounded > uint.MaxValue ? MaxEntries / possibleCpus * possibleCpus : (int)Math.Min(rounded, int.MaxValue);
        }
        _valueStride = PerCpuValueStride;
        _valueOffset = OffKey + ((KeySize + 7) & ~7);
        int valueBytes = _percpu ? _valueStride * possibleCpus : _valueStride;
        _bucketCount = (int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)MaxEntries), 1u << 30);
        _bucketMask = (uint)_bucketCount - 1;
        _lockMask = Math.Min(_bucketCount, 4096) - 1;
        _locks = new int[_lockMask + 1];
        _seed = (Flags & MapFlags.ZeroSeed) != 0 ? 0u : (uint)Random.Shared.Next() ^ ((uint)Random.Shared.Next() << 1);
        long extra = possibleCpus + Math.Max(64, MaxEntries / 16);
        int capacity = (int)Math.Min((long)MaxEntries + extra, int.MaxValue - 1024);
        _pool = new SlotPool(_valueOffset + valueBytes, capacity, prealloc: (Flags & MapFlags.NoPrealloc) == 0);
        _buckets = (int*)NativeMemory.AlignedAlloc((nuint)_bucketCount * sizeof(int), 64);
        for (int b = 0; b < _bucketCount; b++)
        {
            _buckets[b] = ~b;
        }
    }

    public override int Count => Volatile.Read(ref _count);

    /// <summary>Number of buckets (a power of two, as the kernel's).</summary>
    public int BucketCount => _bucketCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint HashOf(byte* key) => Jhash.HtabHash(key, KeySize, _seed);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref int Field(byte* element, int offset) => ref *(int*)(element + offset);

    /// <summary>Finds the element for <paramref name="key"/> without locking; -1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindLockFree(byte* key, uint hash)
    {
        int bucket = (int)(hash & _bucketMask);
        while (true)
        {
            int i = Volatile.Read(ref _buckets[bucket]);
            while (i >= 0)
            {
                byte* e = _pool[i];
                if (*(uint*)(e + OffHash) == hash && BytesEqual(e + OffKey, key, KeySize))
                {
                    return i;
                }
                i = Volatile.Read(ref Field(e, OffNext));
            }
            if (i == ~bucket)
            {
                return -1;
            }
            // We followed a recycled element into another chain: start over (hlist_nulls).
        }
    }

    /// <summary>Finds <paramref name="key"/> in its bucket while holding the bucket lock; -1 when absent.</summary>
    private int FindLocked(byte* key, uint hash, int bucket)
    {
        int i = _buckets[bucket];
        while (i >= 0)
        {
            byte* e = _pool[i];
            if (*(uint*)(e + OffHash) == hash && BytesEqual(e + OffKey, key, KeySize))
            {
                return i;
            }
            i = Field(e, OffNext);
        }
        return -1;
    }

    public override byte* Lookup(byte* key, int cpu)
    {
        int i = FindLockFree(key, HashOf(key));
        if (i < 0)
        {
            return null;
        }
        byte* e = _pool[i];
        if (_lru && Field(e, OffRef) == 0)
        {
            Field(e, OffRef) = 1;
        }
        if (_percpu)
        {
            return (uint)cpu < (uint)PossibleCpus ? e + _valueOffset + cpu * _valueStride : null;
        }
        return e + _valueOffset;
    }

    /// <summary>The write sequence of the element whose (non-per-CPU) value is at <paramref name="value"/> (a pointer <see cref="Lookup"/>
    /// returned): odd while the element is being written; a change means the element was rewritten (recycled for another update).</summary>
    /// <remarks>Data-path lookups return raw pointers, as the kernel's do: a reader delayed across more updates than the free list holds
    /// (a preempted thread) can find its element recycled. Readers that must detect that compare this before and after reading.</remarks>
    internal int SequenceOf(byte* value) => Volatile.Read(ref Field(value - _valueOffset, OffSeq));

    public override int Update(byte* key, byte* value, ulong flags, int cpu)
    {
        if (_percpu && (uint)cpu >= (uint)PossibleCpus)
        {
            return -Errno.EINVAL;
        }
        return UpdateElement(key, value, flags, cpu, allCpus: false);
    }

    public override int Delete(byte* key, int cpu) => DeleteElement(key, null);

    /// <summary>The shared update path: <paramref name="allCpus"/> means <paramref name="value"/> holds every CPU's slice (syscall layout).</summary>
    private int UpdateElement(byte* key, byte* value, ulong flags, int cpu, bool allCpus)
    {
        if (flags > UpdateFlags.Exist)
        {
            return -Errno.EINVAL; // unknown flags, or BPF_F_LOCK without a bpf_spin_lock in the value
        }
        uint hash = HashOf(key);
        int bucket = (int)(hash & _bucketMask);
        int fresh = -1;
        if (_lru)
        {
            fresh = AllocateLru();
            if (fresh < 0)
            {
                return -Errno.ENOMEM;
            }
        }
        bool reserved = false;
        LockBucket(bucket);
        int old = FindLocked(key, hash, bucket);
        int error = old >= 0 && flags == UpdateFlags.NoExist ? -Errno.EEXIST
            : old < 0 && flags == UpdateFlags.Exist ? -Errno.ENOENT
            : 0;
        if (error == 0 && _percpu && old >= 0)
        {
            // Per-CPU maps update in place, as the kernel's pcpu_copy_value does.
            byte* e = _pool[old];
            BeginWrite(e);
            WriteValue(e, value, cpu, allCpus, fresh: false);
            EndWrite(e);
            if (_lru)
            {
                Field(e, OffRef) = 1;
            }
            UnlockBucket(bucket);
            if (fresh >= 0)
            {
                _pool.Free(fresh);
            }
            return 0;
        }
        if (error == 0 && fresh < 0)
        {
            if (old < 0)
            {
                if (Interlocked.Increment(ref _count) > MaxEntries)
                {
                    Interlocked.Decrement(ref _count);
                    error = -Errno.E2BIG;
                }
                else
                {
                    reserved = true;
                }
            }
            if (error == 0)
            {
                fresh = _pool.Allocate();
                if (fresh < 0)
                {
                    error = -Errno.ENOMEM;
                    if (reserved)
                    {
                        Interlocked.Decrement(ref _count);
                    }
                }
            }
        }
        if (error != 0)
        {
            UnlockBucket(bucket);
            if (fresh >= 0)
            {
                _pool.Free(fresh);
            }
            return error;
        }

        byte* n = _pool[fresh];
        BeginWrite(n);
        *(uint*)(n + OffHash) = hash;
        Buffer.MemoryCopy(key, n + OffKey, KeySize, KeySize);
        WriteValue(n, value, cpu, allCpus, fresh: true);
        Field(n, OffRef) = old >= 0 ? 1 : 0; // a new key starts unreferenced (the kernel's inactive list)
        Field(n, OffLive) = 1;
        Field(n, OffNext) = _buckets[bucket];
        EndWrite(n);
        Volatile.Write(ref _buckets[bucket], fresh);
        if (old >= 0)
        {
            UnlinkLocked(bucket, old);
        }
        else if (_lru)
        {
            Interlocked.Increment(ref _count);
        }
        UnlockBucket(bucket);
        if (old >= 0)
        {
            _pool.Free(old);
        }
        return 0;
    }

    private void WriteValue(byte* e, byte* value, int cpu, bool allCpus, bool fresh)
    {
        byte* dst = e + _valueOffset;
        if (!_percpu)
        {
            Buffer.MemoryCopy(value, dst, ValueSize, ValueSize);
            return;
        }
        if (allCpus)
        {
            for (int c = 0; c < PossibleCpus; c++)
            {
                Buffer.MemoryCopy(value + c * _valueStride, dst + c * _valueStride, ValueSize, ValueSize);
            }
            return;
        }
        if (fresh)
        {
            // A new per-CPU element from a program: this CPU gets the value, the others zeros (pcpu_init_value).
            NativeMemory.Clear(dst, (nuint)(_valueStride * PossibleCpus));
        }
        Buffer.MemoryCopy(value, dst + cpu * _valueStride, ValueSize, ValueSize);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BeginWrite(byte* e) => Volatile.Write(ref Field(e, OffSeq), Field(e, OffSeq) + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndWrite(byte* e) => Volatile.Write(ref Field(e, OffSeq), Field(e, OffSeq) + 1);

    /// <summary>Removes element <paramref name="index"/> from <paramref name="bucket"/>'s chain (bucket lock held); its own next link stays intact for readers standing on it.</summary>
    private void UnlinkLocked(int bucket, int index)
    {
        int* link = &_buckets[bucket];
        while (*link != index)
        {
            if (*link < 0)
            {
                return;
            }
            link = (int*)(_pool[*link] + OffNext);
        }
        byte* e = _pool[index];
        Volatile.Write(ref *link, Field(e, OffNext));
        Field(e, OffLive) = 0;
    }

    /// <summary>Deletes <paramref name="key"/>, copying its value (control-plane layout) into <paramref name="valueOut"/> when given.</summary>
    private int DeleteElement(byte* key, byte* valueOut)
    {
        uint hash = HashOf(key);
        int bucket = (int)(hash & _bucketMask);
        LockBucket(bucket);
        int i = FindLocked(key, hash, bucket);
        if (i < 0)
        {
            UnlockBucket(bucket);
            return -Errno.ENOENT;
        }
        if (valueOut != null)
        {
            CopyValueOut(_pool[i], valueOut);
        }
        UnlinkLocked(bucket, i);
        Interlocked.Decrement(ref _count);
        UnlockBucket(bucket);
        _pool.Free(i);
        return 0;
    }

    private void CopyValueOut(byte* e, byte* value)
    {
        byte* src = e + _valueOffset;
        if (!_percpu)
        {
            Buffer.MemoryCopy(src, value, ValueSize, ValueSize);
            return;
        }
        for (int c = 0; c < PossibleCpus; c++)
        {
            NativeMemory.Clear(value + c * _valueStride, (nuint)_valueStride);
            Buffer.MemoryCopy(src + c * _valueStride, value + c * _valueStride, ValueSize, ValueSize);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LockBucket(int bucket)
    {
        ref int l = ref _locks[bucket & _lockMask];
        if (Interlocked.CompareExchange(ref l, 1, 0) != 0)
        {
            SpinLock(ref l);
        }
    }

    private static void SpinLock(ref int l)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref l) != 0 || Interlocked.CompareExchange(ref l, 1, 0) != 0)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UnlockBucket(int bucket) => Volatile.Write(ref _locks[bucket & _lockMask], 0);

    private protected override void FreeNative()
    {
        _pool.Dispose();
        if (_buckets != null)
        {
            NativeMemory.AlignedFree(_buckets);
            _buckets = null;
        }
    }
}
