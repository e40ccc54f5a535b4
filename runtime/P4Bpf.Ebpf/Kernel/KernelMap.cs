using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>A map living in the kernel, with the control-plane API of the in-process <see cref="BpfMap"/>: lookup, update, delete,
/// next-key, iteration and per-CPU values, each call one <c>bpf()</c> syscall returning 0 or a negated errno.</summary>
/// <remarks>Per-CPU values are <see cref="PossibleCpus"/> slices of <see cref="PerCpuValueStride"/> bytes, as the syscall exchanges them.
/// Disposing closes the descriptor; the map itself lives on while a program, another descriptor or a pin refers to it.</remarks>
public sealed class KernelMap : IDisposable, IMapAccess
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

    /// <summary>All entries read with <c>BPF_MAP_LOOKUP_BATCH</c> (<paramref name="batchSize"/> per syscall instead of two syscalls per entry);
    /// falls back to <see cref="Entries"/> for map types without batch support.</summary>
    /// <remarks>Like the kernel's batch walk of a hash map, entries changed during the walk may be seen or missed.</remarks>
    public IReadOnlyList<MapEntry> EntriesBatched(int batchSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var result = new List<MapEntry>();
        if (KeySize == 0)
        {
            return result;
        }
        var keys = new byte[batchSize * KeySize];
        var values = new byte[batchSize * ControlValueSize];
        // A hash map's position is a bucket number (u32), an array's a key; make room for either.
        var position = Array.Empty<byte>();
        while (true)
        {
            var next = new byte[Math.Max(KeySize, 8)];
            var count = (uint)batchSize;
            var rc = BpfSyscall.MapLookupBatch(Fd, position, next, keys, values, ref count);
            if (rc == -Libc.ENOSPC && batchSize < MaxEntries + 1)
            {
                // A hash bucket holds more entries than one batch: grow the batch and read from the same position again.
                batchSize = Math.Min(batchSize * 2, MaxEntries + 1);
                keys = new byte[batchSize * KeySize];
                values = new byte[batchSize * ControlValueSize];
                continue;
            }
            if (rc != 0 && rc != -Libc.ENOENT)
            {
                if (result.Count == 0 && rc is -Libc.EINVAL or -Libc.ENOTSUPP or -Libc.EOPNOTSUPP)
                {
                    return [.. Entries()];
                }
                throw new KernelBpfException(BpfCommand.MapLookupBatch, -rc, $"reading map '{Name}' in batches");
            }
            for (var i = 0; i < (int)count; i++)
            {
                result.Add(new MapEntry(keys.AsSpan(i * KeySize, KeySize).ToArray(), values.AsSpan(i * ControlValueSize, ControlValueSize).ToArray()));
            }
            if (rc == -Libc.ENOENT)
            {
                return result;
            }
            position = next;
        }
    }

    /// <summary>Puts <paramref name="program"/> in slot <paramref name="index"/> of a program array (what <c>bpf_tail_call</c> jumps to): 0 or a negated errno.</summary>
    public int SetProgram(uint index, KernelProgram program, ulong flags = UpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Type != MapType.ProgArray ? -Libc.EINVAL : UpdateFd(index, program.Fd, flags);
    }

    /// <summary>Puts <paramref name="inner"/> under <paramref name="key"/> of an array/hash of maps: 0 or a negated errno (<c>-EINVAL</c> when it does not match the inner template).</summary>
    public int SetMap(ReadOnlySpan<byte> key, KernelMap inner, ulong flags = UpdateFlags.Any)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (Type is not (MapType.ArrayOfMaps or MapType.HashOfMaps) || key.Length != KeySize)
        {
            return -Libc.EINVAL;
        }
        Span<byte> value = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(value, inner.Fd.Value);
        return BpfSyscall.MapUpdateElem(Fd, key, value, flags);
    }

    private int UpdateFd(uint index, BpfFd target, ulong flags)
    {
        Span<byte> key = stackalloc byte[4];
        Span<byte> value = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(key, index);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(value, target.Value);
        return BpfSyscall.MapUpdateElem(Fd, key, value, flags);
    }

    /// <summary>Maps this ring buffer into the process to consume its records (dispose the reader before the map).</summary>
    public KernelRingBuffer OpenRingBuffer() => Type == MapType.Ringbuf
        ? new KernelRingBuffer(this)
        : throw new InvalidOperationException($"map '{Name}' is a {Type}, not a ring buffer");

    /// <summary>Removes every entry (arrays: writes zeroes to every index), one syscall per key.</summary>
    public void Clear()
    {
        if (Type is MapType.Array or MapType.PercpuArray)
        {
            var zero = new byte[ControlValueSize];
            var key = new byte[4];
            for (var i = 0; i < MaxEntries; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(key, i);
                Update(key, zero);
            }
            return;
        }
        foreach (var key in Keys().ToList())
        {
            Delete(key);
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
