using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>What a helper argument must be (the kernel's <c>enum bpf_arg_type</c>, our subset).</summary>
internal enum ArgKind : byte
{
    /// <summary>Not an argument: the register is not read.</summary>
    None,
    /// <summary>Any initialised value.</summary>
    Anything,
    /// <summary>A map (<c>CONST_PTR_TO_MAP</c>).</summary>
    ConstMapPtr,
    /// <summary>Readable memory of the map's key size.</summary>
    MapKey,
    /// <summary>Readable memory of the map's value size.</summary>
    MapValue,
    /// <summary>Writable memory of the map's value size (may be uninitialised).</summary>
    UninitMapValue,
    /// <summary>Readable memory whose size is the next argument.</summary>
    Mem,
    /// <summary>Readable memory or NULL (0) whose size is the next argument.</summary>
    MemOrNull,
    /// <summary>Writable memory whose size is the next argument (may be uninitialised).</summary>
    UninitMem,
    /// <summary>The size of the previous memory argument, bounded and positive.</summary>
    ConstSize,
    /// <summary>The size of the previous memory argument, bounded, zero allowed.</summary>
    ConstSizeOrZero,
    /// <summary>A known constant size of an allocation.</summary>
    ConstAllocSize,
    /// <summary>The unmodified context pointer.</summary>
    Ctx,
    /// <summary>A ring buffer record being submitted or discarded (releases the reference).</summary>
    RingbufMem,
    /// <summary>A map value pointing at its <c>bpf_spin_lock</c>.</summary>
    SpinLock,
    /// <summary>A subprogram address (callback).</summary>
    Func,
    /// <summary>A stack pointer or NULL (callback context).</summary>
    StackOrNull,
}

/// <summary>What a helper returns in r0.</summary>
internal enum RetKind : byte
{
    Integer,
    Void,
    MapValueOrNull,
    RingbufMemOrNull,
}

/// <summary>One helper's signature and where it may be used (the kernel's <c>bpf_func_proto</c> plus <c>check_map_func_compatibility</c>).</summary>
/// <param name="Id">The kernel helper id.</param>
/// <param name="Name">The name without the <c>bpf_</c> prefix.</param>
/// <param name="Ret">What r0 holds afterwards.</param>
/// <param name="Args">What r1–r5 must hold.</param>
/// <param name="MapTypes">When not null, the map argument must be one of these types.</param>
/// <param name="ProgramTypes">Program types that may call it.</param>
/// <param name="ChangesPacket">Invalidates all packet pointers (<c>bpf_helper_changes_pkt_data</c>).</param>
internal sealed record HelperPrototype(
    int Id,
    string Name,
    RetKind Ret,
    ArgKind[] Args,
    IReadOnlySet<ProgramType> ProgramTypes,
    MapType[]? MapTypes = null,
    bool ChangesPacket = false)
{
    public string KernelName => "bpf_" + Name;
}
