namespace P4Bpf.Ebpf.Maps;

/// <summary>The control-plane face of an eBPF map, the same for an in-process <see cref="BpfMap"/> and a kernel map (<c>Kernel.KernelMap</c>):
/// lookup, update, delete, next-key, iteration and per-CPU values, each returning 0 or a negated Linux errno as the <c>bpf()</c> syscall does.</summary>
/// <remarks>Values are exchanged in syscall layout: <see cref="ValueSize"/> bytes, or for per-CPU maps <see cref="PossibleCpus"/> slices of
/// <see cref="PerCpuValueStride"/> bytes (<see cref="ControlValueSize"/> in all). Implementations are safe to call from any thread.</remarks>
public interface IMapAccess
{
    /// <summary>The map's name in the object (the layout manifest's map name).</summary>
    string Name { get; }

    MapType Type { get; }

    int KeySize { get; }

    int ValueSize { get; }

    int MaxEntries { get; }

    /// <summary>Number of CPU slots of a per-CPU map's value.</summary>
    int PossibleCpus { get; }

    bool IsPerCpu { get; }

    /// <summary>Bytes between two CPUs' copies of a value: <c>round_up(ValueSize, 8)</c>.</summary>
    int PerCpuValueStride { get; }

    /// <summary><see cref="ValueSize"/>, or one stride per possible CPU for per-CPU maps.</summary>
    int ControlValueSize { get; }

    /// <summary><c>BPF_MAP_LOOKUP_ELEM</c>: 0, <c>-ENOENT</c>, or <c>-EINVAL</c> for bad sizes.</summary>
    int LookupElem(ReadOnlySpan<byte> key, Span<byte> value);

    /// <summary>The value (syscall layout) for <paramref name="key"/>, or null when missing.</summary>
    byte[]? Lookup(ReadOnlySpan<byte> key);

    /// <summary>One <see cref="ValueSize"/>-byte slice per CPU (one slice for ordinary maps), or null when missing.</summary>
    byte[][]? LookupPerCpu(ReadOnlySpan<byte> key);

    /// <summary><c>BPF_MAP_UPDATE_ELEM</c>: 0 or a negated errno.</summary>
    int Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ulong flags = UpdateFlags.Any);

    /// <summary>Updates a per-CPU map from one slice per CPU.</summary>
    int UpdatePerCpu(ReadOnlySpan<byte> key, IReadOnlyList<byte[]> values, ulong flags = UpdateFlags.Any);

    /// <summary><c>BPF_MAP_DELETE_ELEM</c>: 0, <c>-ENOENT</c>, or <c>-EINVAL</c> (arrays).</summary>
    int Delete(ReadOnlySpan<byte> key);

    /// <summary><c>BPF_MAP_LOOKUP_AND_DELETE_ELEM</c>: pops a queue/stack (empty key) or removes a hash entry, copying its value out.</summary>
    int LookupAndDelete(ReadOnlySpan<byte> key, Span<byte> value);

    /// <summary><c>BPF_MAP_GET_NEXT_KEY</c>: an empty or missing key gives the first key; <c>-ENOENT</c> after the last.</summary>
    int GetNextKey(ReadOnlySpan<byte> key, Span<byte> nextKey);

    /// <summary>All keys in <see cref="GetNextKey"/> order.</summary>
    IEnumerable<byte[]> Keys();

    /// <summary>All entries in <see cref="GetNextKey"/> order; keys deleted during the walk are skipped.</summary>
    IEnumerable<MapEntry> Entries();

    /// <summary>Removes every entry (arrays: zeroes every value).</summary>
    void Clear();
}
