using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>The user-space consumer of a kernel <c>BPF_MAP_TYPE_RINGBUF</c> map: the map's pages mapped into this process,
/// records read in commit order without a syscall (digests and packet-in of the kernel target).</summary>
/// <remarks>
/// Layout (as libbpf maps it): one read-write page holding the consumer position, then, read-only, one page holding the producer
/// position followed by the data area mapped twice so a record never wraps. Each record has an 8-byte header: the length with
/// bit 31 = still being written and bit 30 = discarded, then the page offset; records are 8-byte aligned.
/// One consumer at a time: the methods are not thread-safe. Creating the reader throws <see cref="IOException"/> when mmap fails.
/// </remarks>
public sealed unsafe class KernelRingBuffer : IDisposable
{
    private const uint BusyBit = 1u << 31;
    private const uint DiscardBit = 1u << 30;
    private const int HeaderSize = 8;

    private readonly KernelMap _map;
    private readonly nuint _pageSize;
    private readonly nuint _dataLength;
    private readonly ulong _mask;
    private byte* _consumerPage;
    private byte* _producerPages;

    internal KernelRingBuffer(KernelMap map)
    {
        _map = map;
        _pageSize = (nuint)Environment.SystemPageSize;
        _dataLength = (nuint)map.MaxEntries;
        _mask = (ulong)map.MaxEntries - 1;
        var fd = map.Fd.Value;
        var consumer = Libc.Mmap(null, _pageSize, Libc.ProtRead | Libc.ProtWrite, Libc.MapShared, fd, 0);
        if (consumer == (void*)-1)
        {
            throw new IOException($"mapping the consumer page of ring buffer '{map.Name}' failed with {Libc.ErrnoName(Marshal.GetLastPInvokeError())}");
        }
        var producer = Libc.Mmap(null, _pageSize + 2 * _dataLength, Libc.ProtRead, Libc.MapShared, fd, (nint)_pageSize);
        if (producer == (void*)-1)
        {
            var errno = Marshal.GetLastPInvokeError();
            Libc.Munmap(consumer, _pageSize);
            throw new IOException($"mapping the producer pages of ring buffer '{map.Name}' failed with {Libc.ErrnoName(errno)}");
        }
        _consumerPage = (byte*)consumer;
        _producerPages = (byte*)producer;
    }

    public KernelMap Map => _map;

    /// <summary>Bytes committed or reserved but not yet consumed (headers and padding included).</summary>
    public long AvailableData
    {
        get
        {
            ObjectDisposedException.ThrowIf(_consumerPage == null, this);
            return (long)(Volatile.Read(ref *(ulong*)_producerPages) - Volatile.Read(ref *(ulong*)_consumerPage));
        }
    }

    /// <summary>Hands up to <paramref name="max"/> committed records to <paramref name="handler"/> in order, skipping discarded ones; returns how many.</summary>
    /// <remarks>Stops at a record still being written. The span is valid only during the call.</remarks>
    public int Drain(Action<ReadOnlySpan<byte>> handler, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(_consumerPage == null, this);
        var data = _producerPages + _pageSize;
        var consumed = 0;
        var cons = Volatile.Read(ref *(ulong*)_consumerPage);
        while (consumed < max)
        {
            var prod = Volatile.Read(ref *(ulong*)_producerPages);
            if (cons >= prod)
            {
                break;
            }
            var header = data + (cons & _mask);
            var length = Volatile.Read(ref *(uint*)header);
            if ((length & BusyBit) != 0)
            {
                break;
            }
            var size = length & ~(BusyBit | DiscardBit);
            if ((length & DiscardBit) == 0)
            {
                handler(new ReadOnlySpan<byte>(header + HeaderSize, (int)size));
                consumed++;
            }
            cons += (size + HeaderSize + 7) & ~7UL;
            Volatile.Write(ref *(ulong*)_consumerPage, cons);
        }
        return consumed;
    }

    /// <summary>Every committed record, in order.</summary>
    public List<byte[]> DrainAll()
    {
        var records = new List<byte[]>();
        Drain(record => records.Add(record.ToArray()));
        return records;
    }

    /// <summary>Waits until the kernel signals data (a submit without <c>BPF_RB_NO_WAKEUP</c>) or <paramref name="timeout"/> passes; true when data is there.</summary>
    public bool WaitForData(TimeSpan timeout)
    {
        if (AvailableData > 0)
        {
            return true;
        }
        Span<byte> pollfd = stackalloc byte[8];
        pollfd.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(pollfd, _map.Fd.Value);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pollfd[4..], Libc.PollIn);
        fixed (byte* p = pollfd)
        {
            Libc.Poll(p, 1, (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue));
        }
        return AvailableData > 0;
    }

    public void Dispose()
    {
        if (_consumerPage != null)
        {
            Libc.Munmap(_consumerPage, _pageSize);
            Libc.Munmap(_producerPages, _pageSize + 2 * _dataLength);
            _consumerPage = null;
            _producerPages = null;
        }
    }
}
