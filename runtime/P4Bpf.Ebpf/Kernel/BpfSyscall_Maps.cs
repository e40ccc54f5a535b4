namespace P4Bpf.Ebpf.Kernel;

public static unsafe partial class BpfSyscall
{
    /// <summary><c>BPF_MAP_CREATE</c>.</summary>
    public static BpfFd MapCreate(MapCreateAttributes map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var inner = new FdLease(map.InnerMap);
        using var btf = new FdLease(map.Btf);
        WriteU32(attr, BpfAttrLayout.MapType, (uint)map.Type);
        WriteU32(attr, BpfAttrLayout.KeySize, map.KeySize);
        WriteU32(attr, BpfAttrLayout.ValueSize, map.ValueSize);
        WriteU32(attr, BpfAttrLayout.MaxEntries, map.MaxEntries);
        WriteU32(attr, BpfAttrLayout.MapFlags, map.Flags);
        if (map.InnerMap is not null)
        {
            WriteU32(attr, BpfAttrLayout.InnerMapFd, (uint)inner.Fd);
        }
        WriteName(attr, BpfAttrLayout.MapName, map.Name);
        if (map.Btf is not null)
        {
            WriteU32(attr, BpfAttrLayout.BtfFd, (uint)btf.Fd);
            WriteU32(attr, BpfAttrLayout.BtfKeyTypeId, map.BtfKeyTypeId);
            WriteU32(attr, BpfAttrLayout.BtfValueTypeId, map.BtfValueTypeId);
        }
        WriteU64(attr, BpfAttrLayout.MapExtra, map.MapExtra);
        return NewFd(BpfCommand.MapCreate, Libc.Bpf(BpfCommand.MapCreate, attr),
            $"creating map '{map.Name}' ({map.Type}, key {map.KeySize}, value {map.ValueSize}, max_entries {map.MaxEntries}, flags 0x{map.Flags:x})");
    }

    /// <summary><c>BPF_MAP_LOOKUP_ELEM</c>: 0 or a negated errno (<c>-ENOENT</c> when missing). An empty key passes NULL (queue/stack peek).</summary>
    /// <remarks><paramref name="value"/> must hold the whole value: for per-CPU maps <c>round_up(value_size, 8)</c> × possible CPUs.</remarks>
    public static int MapLookupElem(BpfFd map, ReadOnlySpan<byte> key, Span<byte> value, ulong flags = 0) =>
        ElemOp(BpfCommand.MapLookupElem, map, key, value, flags);

    /// <summary><c>BPF_MAP_UPDATE_ELEM</c>: 0 or a negated errno. An empty key passes NULL (queue/stack push).</summary>
    public static int MapUpdateElem(BpfFd map, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ulong flags = 0)
    {
        fixed (byte* v = value)
        {
            return ElemOp(BpfCommand.MapUpdateElem, map, key, new Span<byte>(v, value.Length), flags);
        }
    }

    /// <summary><c>BPF_MAP_DELETE_ELEM</c>: 0 or a negated errno.</summary>
    public static int MapDeleteElem(BpfFd map, ReadOnlySpan<byte> key) => ElemOp(BpfCommand.MapDeleteElem, map, key, [], 0);

    /// <summary><c>BPF_MAP_LOOKUP_AND_DELETE_ELEM</c>: pops a queue/stack (empty key) or removes a hash entry, copying its value out.</summary>
    public static int MapLookupAndDeleteElem(BpfFd map, ReadOnlySpan<byte> key, Span<byte> value) =>
        ElemOp(BpfCommand.MapLookupAndDeleteElem, map, key, value, 0);

    /// <summary><c>BPF_MAP_GET_NEXT_KEY</c>: the key after <paramref name="key"/> (an empty key asks for the first); <c>-ENOENT</c> after the last.</summary>
    public static int MapGetNextKey(BpfFd map, ReadOnlySpan<byte> key, Span<byte> nextKey)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(map);
        fixed (byte* k = key)
        fixed (byte* n = nextKey)
        {
            WriteU32(attr, BpfAttrLayout.ElemMapFd, (uint)lease.Fd);
            WriteU64(attr, BpfAttrLayout.ElemKey, key.IsEmpty ? 0 : (ulong)k);
            WriteU64(attr, BpfAttrLayout.ElemNextKey, (ulong)n);
            return (int)Math.Min(0, Libc.Bpf(BpfCommand.MapGetNextKey, attr));
        }
    }

    /// <summary><c>BPF_MAP_FREEZE</c>: no more writes from user space (what libbpf does to <c>.rodata</c> after writing it).</summary>
    public static void MapFreeze(BpfFd map)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(map);
        WriteU32(attr, BpfAttrLayout.ElemMapFd, (uint)lease.Fd);
        Check(BpfCommand.MapFreeze, Libc.Bpf(BpfCommand.MapFreeze, attr), $"freezing map {map}");
    }

    /// <summary><c>BPF_MAP_LOOKUP_BATCH</c>: copies up to <paramref name="count"/> entries after the position <paramref name="inBatch"/>
    /// (empty: from the start) into <paramref name="keys"/>/<paramref name="values"/> and the next position into <paramref name="outBatch"/>.</summary>
    /// <returns>0 (more may follow), <c>-ENOENT</c> (the walk is complete; <paramref name="count"/> entries were still copied), or another
    /// negated errno (<c>-EINVAL</c> for map types without batch support, e.g. LPM tries).</returns>
    public static int MapLookupBatch(BpfFd map, ReadOnlySpan<byte> inBatch, Span<byte> outBatch, Span<byte> keys, Span<byte> values, ref uint count)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(map);
        fixed (byte* i = inBatch)
        fixed (byte* o = outBatch)
        fixed (byte* k = keys)
        fixed (byte* v = values)
        {
            WriteU64(attr, BpfAttrLayout.BatchIn, inBatch.IsEmpty ? 0 : (ulong)i);
            WriteU64(attr, BpfAttrLayout.BatchOut, (ulong)o);
            WriteU64(attr, BpfAttrLayout.BatchKeys, (ulong)k);
            WriteU64(attr, BpfAttrLayout.BatchValues, (ulong)v);
            WriteU32(attr, BpfAttrLayout.BatchCount, count);
            WriteU32(attr, BpfAttrLayout.BatchMapFd, (uint)lease.Fd);
            var rc = Libc.Bpf(BpfCommand.MapLookupBatch, attr);
            count = ReadU32(attr, BpfAttrLayout.BatchCount);
            return (int)Math.Min(0, rc);
        }
    }

    private static int ElemOp(BpfCommand command, BpfFd map, ReadOnlySpan<byte> key, Span<byte> value, ulong flags)
    {
        Span<byte> attr = stackalloc byte[BpfAttrLayout.Size];
        attr.Clear();
        using var lease = new FdLease(map);
        fixed (byte* k = key)
        fixed (byte* v = value)
        {
            WriteU32(attr, BpfAttrLayout.ElemMapFd, (uint)lease.Fd);
            WriteU64(attr, BpfAttrLayout.ElemKey, key.IsEmpty ? 0 : (ulong)k);
            WriteU64(attr, BpfAttrLayout.ElemValue, value.IsEmpty ? 0 : (ulong)v);
            WriteU64(attr, BpfAttrLayout.ElemFlags, flags);
            return (int)Math.Min(0, Libc.Bpf(command, attr));
        }
    }
}
