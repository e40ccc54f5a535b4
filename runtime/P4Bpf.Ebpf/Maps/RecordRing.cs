using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary>Receives one record drained from a ring buffer; the span is valid only during the call.</summary>
public delegate void RingRecordHandler(ReadOnlySpan<byte> record);

/// <summary>The kernel's BPF ring buffer data layout: 8-byte records headers <c>{u32 len; u32 pg_off}</c>, 8-byte aligned records, busy/discard bits in <c>len</c>, free-running producer/consumer positions.</summary>
/// <remarks>
/// Producers reserve under a short lock (as the kernel's spinlock), write the sample in place and commit by clearing the
/// busy bit with a release store; the consumer stops at the first busy record. The kernel maps the data pages twice so a
/// record crossing the end is contiguous; here the data area is followed by an equally large overflow area that a
/// wrapping record is written into, and commit copies the overflowing part back to the start of the ring, so the ring
/// holds exactly the kernel's bytes.
/// </remarks>
internal sealed unsafe class RecordRing : IDisposable
{
    public const uint BusyBit = 1u << 31;
    public const uint DiscardBit = 1u << 30;
    public const int HeaderSize = 8;

    /// <summary>Page offset the kernel's data area starts at inside <c>struct bpf_ringbuf</c> (what <c>pg_off</c> counts from).</summary>
    public const uint DataPageOffset = 3;

    private readonly Lock _produceLock = new();
    private readonly Lock _consumeLock = new();
    private readonly ManualResetEventSlim _dataReady = new(false);
    private byte* _data;
    private long _producerPos;
    private long _consumerPos;
    private long _wakeups;

    public RecordRing(int size)
    {
        Size = size;
        Mask = size - 1;
        _data = BpfMap.AllocZeroed((nuint)size * 2);
    }

    public int Size { get; }

    public int Mask { get; }

    public long ProducerPos => Volatile.Read(ref _producerPos);

    public long ConsumerPos => Volatile.Read(ref _consumerPos);

    public long Wakeups => Interlocked.Read(ref _wakeups);

    /// <summary>Reserves a <paramref name="size"/>-byte sample; its address, or null when it does not fit.</summary>
    public byte* Reserve(ulong size)
    {
        if (size > (uint.MaxValue >> 2))
        {
            return null;
        }
        long length = (long)((size + HeaderSize + 7) & ~7UL);
        if (length > Size)
        {
            return null;
        }
        lock (_produceLock)
        {
            long producer = _producerPos;
            if (producer + length - Volatile.Read(ref _consumerPos) > Size)
            {
                return null;
            }
            int offset = (int)(producer & Mask);
            byte* header = _data + offset;
            *(uint*)(header + 4) = (uint)(offset >> 12) + DataPageOffset;
            Volatile.Write(ref *(uint*)header, (uint)size | BusyBit);
            Volatile.Write(ref _producerPos, producer + length);
            return header + HeaderSize;
        }
    }

    /// <summary>Commits (or discards) a sample returned by <see cref="Reserve"/>.</summary>
    public void Commit(byte* sample, bool discard, ulong flags)
    {
        byte* header = sample - HeaderSize;
        uint length = *(uint*)header & ~(BusyBit | DiscardBit);
        long end = (header - _data) + HeaderSize + length;
        if (end > Size && !discard)
        {
            Buffer.MemoryCopy(_data + Size, _data, end - Size, end - Size);
        }
        Volatile.Write(ref *(uint*)header, length | (discard ? DiscardBit : 0));
        if ((flags & RingbufFlags.NoWakeup) == 0)
        {
            Interlocked.Increment(ref _wakeups);
            _dataReady.Set();
        }
    }

    /// <summary>Consumes committed records in order, skipping discarded ones, until a busy record, the producer, or <paramref name="max"/> records.</summary>
    public int Drain(RingRecordHandler handler, int max)
    {
        lock (_consumeLock)
        {
            int delivered = 0;
            long consumer = _consumerPos;
            while (delivered < max)
            {
                long producer = Volatile.Read(ref _producerPos);
                if (consumer >= producer)
                {
                    break;
                }
                byte* header = _data + (consumer & Mask);
                uint length = Volatile.Read(ref *(uint*)header);
                if ((length & BusyBit) != 0)
                {
                    break;
                }
                uint sampleSize = length & ~DiscardBit;
                if ((length & DiscardBit) == 0)
                {
                    // A wrapping record is still contiguous in the overflow area behind the ring.
                    handler(new ReadOnlySpan<byte>(header + HeaderSize, (int)sampleSize));
                    delivered++;
                }
                consumer += (sampleSize + HeaderSize + 7) & ~7L;
                Volatile.Write(ref _consumerPos, consumer);
            }
            return delivered;
        }
    }

    /// <summary>Waits until a committed record has signalled a wakeup, then re-arms; true when signalled.</summary>
    public bool WaitForData(TimeSpan timeout)
    {
        bool signalled = _dataReady.Wait(timeout);
        _dataReady.Reset();
        return signalled;
    }

    public void Dispose()
    {
        if (_data != null)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
        }
        _dataReady.Dispose();
    }
}
