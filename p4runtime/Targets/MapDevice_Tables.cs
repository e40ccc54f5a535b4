using System.Numerics;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Targets;

public sealed partial class MapDevice
{
    private List<MapWrite> Encode(TableLayout t, DeviceEntry entry)
    {
        if (t.Kind == TableKind.Const)
        {
            throw new DeviceException(DeviceErrorKind.Invalid, $"table {t.Name} is compiled into the program");
        }
        if (!masks.TryGetValue(t.Name, out var set))
        {
            masks[t.Name] = set = new TernaryMaskSet();
        }
        try
        {
            var priority = t.Kind == TableKind.Ternary ? entry.Priority : 0;
            return (entry.Reference is { } r
                ? TableEntryEncoder.EncodeEntryRef(t, entry.Keys, r.IsGroup, r.Id, priority, set)
                : TableEntryEncoder.EncodeEntry(t, entry.Keys, entry.Action, entry.Arguments, priority, set)).ToList();
        }
        catch (InvalidOperationException ex)
        {
            throw new DeviceException(DeviceErrorKind.Full, ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new DeviceException(DeviceErrorKind.Invalid, ex.Message);
        }
    }

    private static string Hex(byte[] key) => Convert.ToHexString(key);

    public void InsertEntry(DeviceEntry entry)
    {
        var t = Table(entry.Table);
        var writes = Encode(t, entry);
        var map = Map(t.Map, t.Name);
        var done = new List<MapWrite>();
        try
        {
            foreach (var w in writes)
            {
                if (!t.IsEntryMap(w.Map))
                {
                    Check(Map(w.Map, t.Name).Update(w.Key, w.Value), t.Name);
                    continue;
                }
                if (t.Kind != TableKind.Ternary)
                {
                    // Lpm-hash tables (--target smartnic) write each entry into its prefix length's map.
                    Check(Map(w.Map, t.Name).Update(w.Key, w.Value, UpdateFlags.NoExist), t.Name);
                    done.Add(w);
                    continue;
                }
                var k = Hex(w.Key);
                if (!owners.TryGetValue(t.Name + k, out var list))
                {
                    owners[t.Name + k] = list = [];
                }
                list.Add((entry, w.Value));
                done.Add(w);
                RefreshTernary(t, map, w.Key, list);
            }
        }
        catch (DeviceException)
        {
            foreach (var w in done)
            {
                RemoveWrite(t, map, entry, w);
            }
            throw;
        }
    }

    private void RefreshTernary(TableLayout t, IMapAccess map, byte[] key, List<(DeviceEntry Entry, byte[] Value)> list)
    {
        if (list.Count == 0)
        {
            owners.Remove(t.Name + Hex(key));
            map.Delete(key);
            return;
        }
        var best = list.MaxBy(o => o.Entry.Priority).Value;
        Check(map.Update(key, best), t.Name);
    }

    private void RemoveWrite(TableLayout t, IMapAccess map, DeviceEntry entry, MapWrite w)
    {
        if (t.Kind != TableKind.Ternary)
        {
            Map(w.Map, t.Name).Delete(w.Key);
            return;
        }
        if (owners.TryGetValue(t.Name + Hex(w.Key), out var list))
        {
            list.RemoveAll(o => o.Entry.Priority == entry.Priority && o.Entry.Keys.SequenceEqual(entry.Keys));
            RefreshTernary(t, map, w.Key, list);
        }
    }

    public void DeleteEntry(DeviceEntry entry)
    {
        var t = Table(entry.Table);
        var map = Map(t.Map, t.Name);
        foreach (var w in Encode(t, entry).Where(w => t.IsEntryMap(w.Map)))
        {
            RemoveWrite(t, map, entry, w);
        }
    }

    public void ModifyEntry(DeviceEntry entry)
    {
        var t = Table(entry.Table);
        var map = Map(t.Map, t.Name);
        foreach (var w in Encode(t, entry).Where(w => t.IsEntryMap(w.Map)))
        {
            var value = w.Value;
            map = Map(w.Map, t.Name);
            if (t.DirectCounterOffset is { } off && map.Lookup(w.Key) is { } old)
            {
                old.AsSpan(off, 16).CopyTo(value.AsSpan(off));
            }
            if (t.Kind == TableKind.Ternary && owners.TryGetValue(t.Name + Hex(w.Key), out var list))
            {
                var i = list.FindIndex(o => o.Entry.Priority == entry.Priority && o.Entry.Keys.SequenceEqual(entry.Keys));
                if (i >= 0)
                {
                    list[i] = (entry, value);
                }
                RefreshTernary(t, map, w.Key, list);
                continue;
            }
            Check(map.Update(w.Key, value, UpdateFlags.Exist), t.Name);
        }
    }

    public void SetDefaultAction(string table, string? action, IReadOnlyList<BigInteger> arguments)
    {
        var t = Table(table);
        var map = Map(t.DefaultMap, t.Name + " default");
        var value = action is null ? new byte[t.ValueSize] : TableEntryEncoder.EncodeValue(t, action, arguments);
        Check(map.Update(new byte[4], value), t.Name);
    }

    private IEnumerable<(IMapAccess Map, byte[] Key)> EntryKeys(TableLayout t, DeviceEntry entry) =>
        Encode(t, entry).Where(w => t.IsEntryMap(w.Map)).Select(w => (Map(w.Map, t.Name), w.Key)).ToList();

    public CounterValue ReadDirectCounter(DeviceEntry entry)
    {
        var t = Table(entry.Table);
        var off = t.DirectCounterOffset ?? throw new DeviceException(DeviceErrorKind.Invalid, $"table {t.Name} has no direct counter");
        long packets = 0, bytes = 0;
        foreach (var (map, key) in EntryKeys(t, entry))
        {
            if (map.Lookup(key) is { } v)
            {
                packets += BitConverter.ToInt64(v, off);
                bytes += BitConverter.ToInt64(v, off + 8);
            }
        }
        return new CounterValue(packets, bytes);
    }

    public void WriteDirectCounter(DeviceEntry entry, CounterValue value)
    {
        var t = Table(entry.Table);
        var off = t.DirectCounterOffset ?? throw new DeviceException(DeviceErrorKind.Invalid, $"table {t.Name} has no direct counter");
        var first = true;
        foreach (var (map, key) in EntryKeys(t, entry))
        {
            if (map.Lookup(key) is { } v)
            {
                BitConverter.TryWriteBytes(v.AsSpan(off), first ? value.Packets : 0);
                BitConverter.TryWriteBytes(v.AsSpan(off + 8), first ? value.Bytes : 0);
                Check(map.Update(key, v, UpdateFlags.Exist), t.Name);
                first = false;
            }
        }
    }

    public void WriteDirectMeter(DeviceEntry entry, MeterRates? rates)
    {
        if (rates is not null)
        {
            throw new DeviceException(DeviceErrorKind.Unsupported, "not supported yet: direct meters (the layout has no direct meter state)");
        }
    }
}
