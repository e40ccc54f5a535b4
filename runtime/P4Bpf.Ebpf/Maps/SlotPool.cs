using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary>A pool of fixed-size, 8-byte-aligned slots in native memory, addressed by index, never moved or freed before the pool is disposed.</summary>
/// <remarks>
/// Slots live in chunks allocated up front (<c>prealloc</c>, the kernel's default) or on first use (<c>BPF_F_NO_PREALLOC</c>).
/// The first 4 bytes of every slot belong to the pool (the free-list link); users lay their header out after them.
/// Freed slots go to the tail of a FIFO free list, so a slot is reused only after every other free slot: a reader that
/// still holds a pointer into a just-deleted element keeps seeing the old bytes for as long as possible (the kernel
/// reuses preallocated elements at once; we delay it). Allocation and freeing take a short lock and never allocate.
/// </remarks>
internal sealed unsafe class SlotPool : IDisposable
{
    /// <summary>Byte offset of the first byte users may use in a slot.</summary>
    public const int UserOffset = 4;

    private const int ChunkShift = 10;
    private const int ChunkSlots = 1 << ChunkShift;
    private const int ChunkMask = ChunkSlots - 1;

    private readonly byte*[] _chunks;
    private readonly Lock _lock = new();
    private int _freeHead = -1;
    private int _freeTail = -1;
    private int _nextFresh;
    private int _allocated;
    private bool _disposed;

    public SlotPool(int slotSize, int capacity, bool prealloc)
    {
        SlotSize = (slotSize + 7) & ~7;
        Capacity = capacity;
        _chunks = new byte*[(capacity + ChunkSlots - 1) >> ChunkShift];
        if (prealloc)
        {
            for (int c = 0; c < _chunks.Length; c++)
            {
                _chunks[c] = AllocChunk(c);
            }
        }
    }

    public int SlotSize { get; }

    public int Capacity { get; }

    /// <summary>Slots currently handed out.</summary>
    public int Allocated => Volatile.Read(ref _allocated);

    /// <summary>The address of slot <paramref name="index"/> (which must have been allocated at least once).</summary>
    public byte* this[int index]
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _chunks[index >> ChunkShift] + (nint)(index & ChunkMask) * SlotSize;
    }

    /// <summary>Takes a slot (its bytes are whatever they were; the caller initialises them), or -1 when the pool is exhausted.</summary>
    public int Allocate()
    {
        lock (_lock)
        {
            int index;
            if (_freeHead >= 0)
            {
                index = _freeHead;
                _freeHead = *(int*)this[index];
                if (_freeHead < 0)
                {
                    _freeTail = -1;
                }
            }
            else if (_nextFresh < Capacity)
            {
                index = _nextFresh;
                if (_chunks[index >> ChunkShift] == null)
                {
                    _chunks[index >> ChunkShift] = AllocChunk(index >> ChunkShift);
                }
                _nextFresh++;
            }
            else
            {
                return -1;
            }
            _allocated++;
            return index;
        }
    }

    /// <summary>Returns a slot to the tail of the free list; only the pool's 4-byte link is written.</summary>
    public void Free(int index)
    {
        lock (_lock)
        {
            *(int*)this[index] = -1;
            if (_freeTail >= 0)
            {
                *(int*)this[_freeTail] = index;
            }
            else
            {
                _freeHead = index;
            }
            _freeTail = index;
            _allocated--;
        }
    }

    private byte* AllocChunk(int chunk)
    {
        int slots = Math.Min(ChunkSlots, Capacity - (chunk << ChunkShift));
        nuint bytes = (nuint)slots * (nuint)SlotSize;
        var p = (byte*)NativeMemory.AlignedAlloc(bytes == 0 ? 8 : bytes, 64);
        NativeMemory.Clear(p, bytes);
        return p;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        for (int c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c] != null)
            {
                NativeMemory.AlignedFree(_chunks[c]);
                _chunks[c] = null;
            }
        }
    }
}
