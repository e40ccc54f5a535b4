using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Maps;

/// <summary>An eBPF map whose keys and values live in native memory, with the kernel's semantics for lookups, updates, deletes and iteration.</summary>
/// <remarks>
/// Two faces: the <b>data path</b> (<see cref="Lookup(byte*, int)"/>, <see cref="Update(byte*, byte*, ulong, int)"/>,
/// <see cref="Delete(byte*, int)"/>, <see cref="Push"/>/<see cref="Pop"/>/<see cref="Peek"/>) takes raw pointers, returns
/// value pointers or negated errnos and never allocates; the <b>control plane</b> (<c>BpfMap_ControlPlane.cs</c>) takes
/// spans and behaves like the <c>bpf()</c> syscall (per-CPU values are <see cref="PossibleCpus"/> slices of
/// <see cref="PerCpuValueStride"/> bytes). Value pointers stay dereferenceable while the map lives, even after the
/// element is deleted (elements come from preallocated pools and are recycled, never freed). Both faces may be used
/// from any number of threads at once; each map type documents how it keeps readers from seeing torn values.
/// <see cref="Handle"/> is the map's address as eBPF code sees it (the value of a map-fd <c>lddw</c>, the result of a
/// map-in-map lookup); <see cref="FromHandle"/> goes back.
/// </remarks>
public abstract unsafe partial class BpfMap : IDisposable, IMapAccess
{
    private const ulong HandleMagic = 0x2150414D_50423450; // "P4BPMAP!"

    private static int s_nextId;

    private byte* _handleBlock;
    private GCHandle _self;
    private int _disposed;

    private protected BpfMap(MapDefinition definition, int possibleCpus)
    {
        Definition = definition;
        PossibleCpus = possibleCpus;
        KeySize = (int)definition.KeySize;
        ValueSize = (int)definition.ValueSize;
        MaxEntries = (int)definition.MaxEntries;
        Id = (uint)Interlocked.Increment(ref s_nextId);
        _self = GCHandle.Alloc(this, GCHandleType.Weak);
        _handleBlock = (byte*)NativeMemory.AlignedAlloc(16, 16);
        *(ulong*)_handleBlock = HandleMagic;
        *(nint*)(_handleBlock + 8) = GCHandle.ToIntPtr(_self);
    }

    ~BpfMap()
    {
        Dispose(disposing: false);
    }

    public MapDefinition Definition { get; }

    /// <summary>A process-wide id, like the kernel's map id (what a map-in-map lookup from the control plane reports).</summary>
    public uint Id { get; }

    public string Name => Definition.Name;

    public MapType Type => Definition.Type;

    public MapFlags Flags => Definition.Flags;

    public int KeySize { get; }

    public int ValueSize { get; }

    /// <summary>Capacity as the kernel reports it (after the kernel's own rounding, e.g. per-CPU LRU).</summary>
    public int MaxEntries { get; private protected init; }

    /// <summary>Number of CPU slots in per-CPU maps (the worker count); data-path calls pass a CPU index below it.</summary>
    public int PossibleCpus { get; }

    /// <summary>True for the per-CPU types (percpu_array, percpu_hash, lru_percpu_hash).</summary>
    public bool IsPerCpu => Type is MapType.PercpuArray or MapType.PercpuHash or MapType.LruPercpuHash;

    /// <summary>Bytes between two CPUs' copies of a value in control-plane buffers: <c>round_up(ValueSize, 8)</c>, as in the syscall.</summary>
    public int PerCpuValueStride => (ValueSize + 7) & ~7;

    /// <summary>Size of the value buffer the control plane exchanges: <see cref="ValueSize"/>, or one stride per possible CPU for per-CPU maps.</summary>
    public int ControlValueSize => IsPerCpu ? PerCpuValueStride * PossibleCpus : ValueSize;

    /// <summary>True for <c>BPF_F_RDONLY_PROG</c>: programs may only read the map (recorded for the verifier; not enforced here).</summary>
    public bool ReadOnlyForPrograms => (Flags & MapFlags.RdonlyProg) != 0;

    /// <summary>True for <c>BPF_F_WRONLY_PROG</c>: programs may only write the map (recorded for the verifier; not enforced here).</summary>
    public bool WriteOnlyForPrograms => (Flags & MapFlags.WronlyProg) != 0;

    /// <summary>Number of live entries (for arrays, <see cref="MaxEntries"/>).</summary>
    public abstract int Count { get; }

    /// <summary>The map's address as eBPF code holds it: a native block that leads back to this object.</summary>
    public nint Handle => (nint)_handleBlock;

    /// <summary>The map behind a <see cref="Handle"/> value, or null when the address is not a live map handle.</summary>
    public static BpfMap? FromHandle(nint handle)
    {
        if (handle == 0 || *(ulong*)handle != HandleMagic)
        {
            return null;
        }
        return GCHandle.FromIntPtr(*(nint*)(handle + 8)).Target as BpfMap;
    }

    // ---- data path -------------------------------------------------------------------------------------------

    /// <summary><c>bpf_map_lookup_elem</c>: the address of the value for <paramref name="key"/> (this CPU's slot in a per-CPU map), or null.</summary>
    /// <remarks>For <c>bpf_map_lookup_percpu_elem</c> pass the requested CPU; an out-of-range CPU gives null.</remarks>
    public abstract byte* Lookup(byte* key, int cpu);

    /// <summary><c>bpf_map_update_elem</c> from a program: 0 or a negated errno. A per-CPU map updates only <paramref name="cpu"/>'s slot (new elements get zeros elsewhere).</summary>
    public abstract int Update(byte* key, byte* value, ulong flags, int cpu);

    /// <summary><c>bpf_map_delete_elem</c>: 0, <c>-ENOENT</c>, or <c>-EINVAL</c> for arrays.</summary>
    public abstract int Delete(byte* key, int cpu);

    /// <summary><c>bpf_map_push_elem</c> (queue/stack): 0, <c>-E2BIG</c> when full without <c>BPF_EXIST</c>, <c>-EINVAL</c> on other maps.</summary>
    public virtual int Push(byte* value, ulong flags, int cpu) => -Errno.EINVAL;

    /// <summary><c>bpf_map_pop_elem</c> (queue/stack): copies the value out; <c>-ENOENT</c> when empty.</summary>
    public virtual int Pop(byte* value, int cpu) => -Errno.EINVAL;

    /// <summary><c>bpf_map_peek_elem</c> (queue/stack): copies the next value out without removing it; <c>-ENOENT</c> when empty.</summary>
    public virtual int Peek(byte* value, int cpu) => -Errno.EINVAL;

    // ---- lifetime --------------------------------------------------------------------------------------------

    /// <summary>Frees the native memory; value pointers handed out earlier become invalid.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        FreeNative();
        if (_handleBlock != null)
        {
            *(ulong*)_handleBlock = 0;
            NativeMemory.AlignedFree(_handleBlock);
            _handleBlock = null;
        }
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    /// <summary>Releases the map's native memory (called once).</summary>
    private protected abstract void FreeNative();

    private protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Compares <paramref name="length"/> bytes, with fast paths for the common 4- and 8-byte keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool BytesEqual(byte* a, byte* b, int length) => length switch
    {
        4 => *(uint*)a == *(uint*)b,
        8 => *(ulong*)a == *(ulong*)b,
        _ => new ReadOnlySpan<byte>(a, length).SequenceEqual(new ReadOnlySpan<byte>(b, length)),
    };

    /// <summary>Allocates zeroed, 64-byte-aligned native memory.</summary>
    internal static byte* AllocZeroed(nuint bytes)
    {
        var p = (byte*)NativeMemory.AlignedAlloc(bytes == 0 ? 8 : bytes, 64);
        NativeMemory.Clear(p, bytes);
        return p;
    }
}
