namespace P4Bpf.Ebpf.Maps;

/// <summary>One key/value pair read by <see cref="BpfMap.Entries"/> (the value in control-plane layout, per-CPU slices back to back).</summary>
public sealed record MapEntry(byte[] Key, byte[] Value);

public abstract unsafe partial class BpfMap
{
    /// <summary><c>BPF_MAP_LOOKUP_ELEM</c>: copies the value (all CPUs' slices for a per-CPU map) into <paramref name="value"/>; 0, <c>-ENOENT</c> or <c>-EINVAL</c> for bad sizes.</summary>
    /// <remarks>Never returns a torn value for hash and LPM maps; arrays are read in place, as in the kernel.</remarks>
    public int LookupElem(ReadOnlySpan<byte> key, Span<byte> value)
    {
        if (key.Length != KeySize || value.Length < ControlValueSize)
        {
            return -Errno.EINVAL;
        }
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            return LookupCore(k, v);
        }
    }

    /// <summary>Like <see cref="LookupElem"/>, true when found.</summary>
    public bool TryLookup(ReadOnlySpan<byte> key, Span<byte> value) => LookupElem(key, value) == 0;

    /// <summary>The value (control-plane layout) for <paramref name="key"/>, or null when missing.</summary>
    public byte[]? Lookup(ReadOnlySpan<byte> key)
    {
        var value = new byte[ControlValueSize];
        return LookupElem(key, value) == 0 ? value : null;
    }

    /// <summary>The per-CPU values for <paramref name="key"/> as one <see cref="ValueSize"/>-byte slice per CPU (one slice for ordinary maps), or null.</summary>
    public byte[][]? LookupPerCpu(ReadOnlySpan<byte> key)
    {
        var raw = Lookup(key);
        return raw == null ? null : SplitPerCpu(raw);
    }

    /// <summary>Splits a control-plane value buffer into per-CPU slices (one slice for ordinary maps).</summary>
    public byte[][] SplitPerCpu(ReadOnlySpan<byte> controlValue)
    {
        if (!IsPerCpu)
        {
            return [controlValue[..ValueSize].ToArray()];
        }
        var slices = new byte[PossibleCpus][];
        for (int cpu = 0; cpu < PossibleCpus; cpu++)
        {
            slices[cpu] = controlValue.Slice(cpu * PerCpuValueStride, ValueSize).ToArray();
        }
        return slices;
    }

    /// <summary><c>BPF_MAP_UPDATE_ELEM</c>: 0 or a negated errno (<c>-EEXIST</c>, <c>-ENOENT</c>, <c>-E2BIG</c>, <c>-ENOSPC</c>, <c>-EINVAL</c>, <c>-ENOMEM</c>).</summary>
    /// <remarks>A per-CPU map takes <see cref="ControlValueSize"/> bytes (every CPU's slice); a queue/stack pushes (empty key).</remarks>
    public int Update(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ulong flags = UpdateFlags.Any)
    {
        if (key.Length != KeySize || value.Length < ControlValueSize)
        {
            return -Errno.EINVAL;
        }
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            return UpdateCore(k, v, flags);
        }
    }

    /// <summary>Updates a per-CPU map from one slice per CPU (each at least <see cref="ValueSize"/> bytes).</summary>
    public int UpdatePerCpu(ReadOnlySpan<byte> key, IReadOnlyList<byte[]> values, ulong flags = UpdateFlags.Any)
    {
        if (!IsPerCpu || values.Count != PossibleCpus)
        {
            return -Errno.EINVAL;
        }
        var buffer = new byte[ControlValueSize];
        for (int cpu = 0; cpu < PossibleCpus; cpu++)
        {
            if (values[cpu].Length < ValueSize)
            {
                return -Errno.EINVAL;
            }
            values[cpu].AsSpan(0, ValueSize).CopyTo(buffer.AsSpan(cpu * PerCpuValueStride));
        }
        return Update(key, buffer, flags);
    }

    /// <summary><c>BPF_MAP_DELETE_ELEM</c>: 0, <c>-ENOENT</c>, or <c>-EINVAL</c> (arrays, bad key size).</summary>
    public int Delete(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            return -Errno.EINVAL;
        }
        fixed (byte* k = key)
        {
            return DeleteCore(k);
        }
    }

    /// <summary><c>BPF_MAP_LOOKUP_AND_DELETE_ELEM</c>: pops a queue/stack (empty key) or atomically removes a hash entry, copying its value out.</summary>
    public int LookupAndDelete(ReadOnlySpan<byte> key, Span<byte> value)
    {
        if (key.Length != KeySize || value.Length < ControlValueSize)
        {
            return -Errno.EINVAL;
        }
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            return LookupAndDeleteCore(k, v);
        }
    }

    /// <summary><c>BPF_MAP_GET_NEXT_KEY</c>: writes the key after <paramref name="key"/> in the kernel's order; an empty or missing key gives the first key; <c>-ENOENT</c> after the last.</summary>
    public int GetNextKey(ReadOnlySpan<byte> key, Span<byte> nextKey)
    {
        if ((!key.IsEmpty && key.Length != KeySize) || nextKey.Length < KeySize)
        {
            return -Errno.EINVAL;
        }
        fixed (byte* k = key)
        fixed (byte* n = nextKey)
        {
            return GetNextKeyCore(key.IsEmpty ? null : k, n);
        }
    }

    /// <summary>All keys in <see cref="GetNextKey"/> order (what <c>bpftool map dump</c> walks).</summary>
    public IEnumerable<byte[]> Keys()
    {
        var current = Array.Empty<byte>();
        var next = new byte[KeySize];
        int guard = 0;
        while (GetNextKey(current, next) == 0)
        {
            var key = next.ToArray();
            yield return key;
            current = key;
            // A concurrent delete of the current key restarts the walk, as in the kernel; bound it.
            if (++guard > 4 * (long)MaxEntries + 1024)
            {
                yield break;
            }
        }
    }

    /// <summary>All entries in <see cref="GetNextKey"/> order; keys deleted during the walk are skipped.</summary>
    public IEnumerable<MapEntry> Entries()
    {
        foreach (var key in Keys())
        {
            var value = Lookup(key);
            if (value != null)
            {
                yield return new MapEntry(key, value);
            }
        }
    }

    /// <summary>Removes every entry (arrays: zeroes every value).</summary>
    public abstract void Clear();

    private protected abstract int LookupCore(byte* key, byte* value);

    private protected abstract int UpdateCore(byte* key, byte* value, ulong flags);

    private protected abstract int DeleteCore(byte* key);

    private protected virtual int LookupAndDeleteCore(byte* key, byte* value) => -Errno.ENOTSUPP;

    private protected abstract int GetNextKeyCore(byte* key, byte* nextKey);
}
