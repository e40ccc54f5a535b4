using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>A map living in the kernel, with the control-plane API of the in-process <see cref="BpfMap"/>: lookup, update, delete,
/// next-key, iteration and per-CPU values, each call one <c>bpf()</c> syscall returning 0 or a negated errno.</summary>
/// <remarks>Per-CPU values are <see cref="PossibleCpus"/> slices of <see cref="PerCpuValueStride"/> bytes, as the syscall exchanges them.
/// Disposing closes the descriptor; the map itself lives on while a program, another descriptor or a pin refers to it.</remarks>
public sealed class KernelMap : IDisposable
{
    internal KernelMap(MapSpec spec, BpfFd fd, KernelMapInfo info, int possibleCpus, bool reusedPin)
    {
        Spec = spec;
        Fd = fd;
        Info = info;
        PossibleCpus = possibleCpus;
        ReusedPin = reusedPin;
    }

    /// <summary>The definition the map was created from.</summary>
    public MapSpec Spec { get; }

    public BpfFd Fd { get; }

    /// <summary>What the kernel reported when the map was created (id, kernel name, BTF ids).</summary>
    public KernelMapInfo Info { get; }

    /// <summary>The spec's name (<c>.rodata</c> for global data).</summary>
    public string Name => Spec.Name;

    /// <summary>The name the kernel holds (at most 15 characters, e.g. <c>prog.rodata</c>).</summary>
    public string KernelName => Info.Name;

    public uint Id => Info.Id;

    public MapType Type => Info.Type;

    public int KeySize => (int)Info.KeySize;

    public int ValueSize => (int)Info.ValueSize;

    public int MaxEntries => (int)Info.MaxEntries;

    public MapFlags Flags => (MapFlags)Info.Flags;

    /// <summary>True when an existing pin was opened instead of creating the map (its contents were left as they were).</summary>
    public bool ReusedPin { get; }

    /// <summary>Where this map was pinned by us (<see cref="Pin"/> or the loader), or null.</summary>
    public string? PinPath { get; private set; }

    public int PossibleCpus { get; }

    public bool IsPerCpu => Type is MapType.PercpuArray or MapType.PercpuHash or MapType.LruPercpuHash or MapType.PercpuCgroupStorage;

    /// <summary>Bytes between two CPUs' copies of a value: <c>round_up(ValueSize, 8)</c>.</summary>
    public int PerCpuValueStride => (ValueSize + 7) & ~7;

    /// <summary>The size of the value buffer the syscall exchanges: <see cref="ValueSize"/>, or one stride per possible CPU.</summary>
    public int ControlValueSize => IsPerCpu ? PerCpuValueStride * PossibleCpus : ValueSize;

    /// <summary><c>BPF_MAP_LOOKUP_ELEM</c> (a queue/stack peeks with an empty key): 0, <c>-ENOENT</c>, or <c>-EINVAL</c> for bad sizes.</summary>
    public int LookupElem(ReadOnlySpan<byte> key, Span<byte> value) =>
        key.Length != KeySize || value.Length < ControlValueSize ? -Libc.EINVAL : BpfSyscall.MapLookupElem(Fd, key, value[..ControlValueSize]);

    public bool TryLookup(ReadOnlySpan<byte> key, Span<byte> value) => LookupElem(key, value) == 0;

    /// <summary>The value (syscall layout) for <paramref name="key"/>, or null when missing.</summary>
    public byte[]? Lookup(ReadOnlySpan<byte> key)
    {
        var value = new byte[ControlValueSize];
        return LookupElem(key, value) == 0 ? value : null;
    }

    /// <summary>One <see cref="ValueSize"/>-byte slice per CPU (one slice for ordinary maps), or null when missing.</summary>
    public byte[][]? LookupPerCpu(ReadOnlySpan<byte> key) => Lookup(key) is { } raw ? SplitPerCpu(raw) : null;

    /// <summary>Splits a syscall value buffer into per-CPU slices (one slice for ordinary maps).</summary>
    public byte[][] SplitPerCpu(ReadOnlySpan<byte> controlValue)
    {
        if (!IsPerCpu)
        {
            return [controlValue[..ValueSize].ToArray()];
        }
        var slices = new byte[PossibleCpus][];
        for (var cpu = 0; cpu < PossibleCpus; cpu++)
        {
            slices[cpu] = controlValue.Slice(cpu * PerCpuValueStride, ValueSize).ToArray();
        }
        return slices;
    }

    /// <summary><c>BPF_MAP_UPDATE_ELEM</c> (a queue/stack pushes with an empty key): 0 or a negated errno.</summary>
    public int Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ulong flags = UpdateFlags.Any) =>
        key.Length != KeySize || value.Length < ControlValueSize ? -Libc.EINVAL : BpfSyscall.MapUpdateElem(Fd, key, value[..ControlValueSize], flags);

    /// <summary>Updates a per-CPU map from one slice per CPU.</summary>
    public int UpdatePerCpu(ReadOnlySpan<byte> key, IReadOnlyList<byte[]> values, ulong flags = UpdateFlags.Any)
    {
        if (!IsPerCpu || values.Count != PossibleCpus)
        {
            return -Libc.EINVAL;
        }
        var buffer = new byte[ControlValueSize];
        for (var cpu = 0; cpu < PossibleCpus; cpu++)
        {
            if (values[cpu].Length < ValueSize)
            {
                return -Libc.EINVAL;
            }
            values[cpu].AsSpan(0, ValueSize).CopyTo(buffer.AsSpan(cpu * PerCpuValueStride));
        }
        return Update(key, buffer, flags);
    }

    /// <summary><c>BPF_MAP_DELETE_ELEM</c>: 0, <c>-ENOENT</c>, or <c>-EINVAL</c> (arrays).</summary>
    public int Delete(ReadOnlySpan<byte> key) => key.Length != KeySize ? -Libc.EINVAL : BpfSyscall.MapDeleteElem(Fd, key);

    /// <summary><c>BPF_MAP_LOOKUP_AND_DELETE_ELEM</c>: pops a queue/stack (empty key) or removes a hash entry, copying its value out.</summary>
    public int LookupAndDelete(ReadOnlySpan<byte> key, Span<byte> value) =>
        key.Length != KeySize || value.Length < ControlValueSize ? -Libc.EINVAL : BpfSyscall.MapLookupAndDeleteElem(Fd, key, value[..ControlValueSize]);

    /// <summary><c>BPF_MAP_GET_NEXT_KEY</c>: an empty or missing key gives the first key; <c>-ENOENT</c> after the last.</summary>
    public int GetNextKey(ReadOnlySpan<byte> key, Span<byte> nextKey) =>
        (!key.IsEmpty && key.Length != KeySize) || nextKey.Length < KeySize ? -Libc.EINVAL : BpfSyscall.MapGetNextKey(Fd, key, nextKey[..KeySize]);

    /// <summary>All keys in the kernel's iteration order (at most twice <see cref="MaxEntries"/>, in case entries churn meanwhile).</summary>
    public IEnumerable<byte[]> Keys()
    {
        if (KeySize == 0)
        {
            yield break;
        }
        var key = Array.Empty<byte>();
        for (var n = 0L; n < 2L * Math.Max(1, MaxEntries); n++)
        {
            var next = new byte[KeySize];
            if (GetNextKey(key, next) != 0)
            {
                yield break;
            }
            yield return next;
            key = next;
        }
    }

    /// <summary>All entries (values in syscall layout), skipping keys deleted while iterating.</summary>
    public IEnumerable<MapEntry> Entries()
    {
        foreach (var key in Keys())
        {
            if (Lookup(key) is { } value)
            {
                yield return new MapEntry(key, value);
            }
        }
    }

    /// <summary><c>BPF_MAP_FREEZE</c>: user space can no longer write the map.</summary>
    public void Freeze() => BpfSyscall.MapFreeze(Fd);

    /// <summary>Pins the map at <paramref name="path"/>; the owning object removes the pin on dispose when its options say so.</summary>
    public void Pin(string path)
    {
        BpfSyscall.ObjPin(Fd, path);
        PinPath = path;
    }

    /// <summary>Removes the pin made by <see cref="Pin"/>, if any.</summary>
    public void Unpin()
    {
        if (PinPath is { } path)
        {
            File.Delete(path);
            PinPath = null;
        }
    }

    /// <summary>What the kernel reports now (the info is a snapshot).</summary>
    public KernelMapInfo QueryInfo() => BpfSyscall.GetMapInfo(Fd);

    public void Dispose() => Fd.Dispose();

    public override string ToString() => $"{Name} ({Type}, id {Id})";
}
