using System.Numerics;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Runtime.Control;

public sealed partial class SwitchControl
{
    private readonly Dictionary<string, TableState> _tables = new(StringComparer.Ordinal);

    /// <summary>The control-plane state of one table: its entries (by canonical match) and, for ternary tables, the masks and who owns each map key.</summary>
    private sealed class TableState(TableLayout layout)
    {
        public TableLayout Layout { get; } = layout;

        public Dictionary<string, StoredEntry> Entries { get; } = new(StringComparer.Ordinal);

        public TernaryMaskSet Masks { get; set; } = new();

        /// <summary>Ternary: map key (hex) → the entries that wrote it, highest priority first; the map holds the first one's value.</summary>
        public Dictionary<string, List<(StoredEntry Entry, byte[] Value)>> Owners { get; } = new(StringComparer.Ordinal);

        public long Sequence { get; set; }
    }

    private sealed record StoredEntry(TableEntry Entry, IReadOnlyList<MapWrite> Writes, long Sequence);

    /// <summary>The table names of the program (as in the layout).</summary>
    public IReadOnlyList<string> TableNames => Layout.Tables.Select(t => t.Name).ToList();

    /// <summary>The full table name for <paramref name="name"/> (exact or unique suffix).</summary>
    public string ResolveTable(string name) => NameResolver.Resolve(name, _tables.Keys, "table");

    /// <summary>The table's layout (key fields, actions, sizes).</summary>
    public TableLayout TableLayout(string table) => Table(table).Layout;

    /// <summary>The full action name of <paramref name="action"/> in <paramref name="table"/>.</summary>
    public string ResolveAction(string table, string action) => NameResolver.Resolve(action, Table(table).Layout.Actions.Select(a => a.Name), $"action of table {table}:");

    private TableState Table(string name) => _tables.TryGetValue(name, out var t) ? t : _tables[ResolveTable(name)];

    /// <summary>Inserts an entry; <see cref="ControlErrorCode.AlreadyExists"/> when an entry with the same match (and priority) exists.</summary>
    public void AddEntry(TableEntry entry)
    {
        lock (_lock)
        {
            var t = Table(entry.Table);
            var (key, normalised) = Canonical(t, entry);
            if (t.Entries.ContainsKey(key))
            {
                throw new ControlException(ControlErrorCode.AlreadyExists, $"table {t.Layout.Name}: an entry with match {key} exists");
            }
            if (t.Entries.Count >= t.Layout.Size)
            {
                throw new ControlException(ControlErrorCode.ResourceExhausted, $"table {t.Layout.Name} is full ({t.Layout.Size} entries)");
            }
            var stored = Write(t, normalised);
            t.Entries[key] = stored;
        }
    }

    /// <summary>Changes the action of an existing entry (direct counters keep counting).</summary>
    public void ModifyEntry(TableEntry entry)
    {
        lock (_lock)
        {
            var t = Table(entry.Table);
            var (key, normalised) = Canonical(t, entry);
            if (!t.Entries.TryGetValue(key, out var old))
            {
                throw new ControlException(ControlErrorCode.NotFound, $"table {t.Layout.Name}: no entry with match {key}");
            }
            var value = EncodeValue(t, normalised);
            foreach (var w in old.Writes.Where(w => t.Layout.IsEntryMap(w.Map)))
            {
                var map = Map(w.Map);
                var current = map.Lookup(w.Key);
                var v = (byte[])value.Clone();
                if (current is not null && t.Layout.DirectCounterOffset is { } dc)
                {
                    current.AsSpan(dc, 16).CopyTo(v.AsSpan(dc));
                }
                if (t.Layout.Kind == TableKind.Ternary)
                {
                    ReplaceOwnerValue(t, old, w.Key, v);
                }
                else
                {
                    Check(map.Update(w.Key, v), $"update of table {t.Layout.Name}");
                }
            }
            if (normalised.Reference is null && t.Layout.ActionProfile is null)
            {
                normalised = normalised with { Action = ResolveAction(t.Layout.Name, normalised.Action) };
            }
            CountReference(t, normalised.Reference, +1);
            CountReference(t, old.Entry.Reference, -1);
            t.Entries[key] = old with { Entry = normalised };
        }
    }

    /// <summary>Deletes the entry with this match (action and arguments are ignored).</summary>
    public void DeleteEntry(TableEntry entry)
    {
        lock (_lock)
        {
            var t = Table(entry.Table);
            var (key, _) = Canonical(t, entry);
            if (!t.Entries.Remove(key, out var old))
            {
                throw new ControlException(ControlErrorCode.NotFound, $"table {t.Layout.Name}: no entry with match {key}");
            }
            Unwrite(t, old);
        }
    }

    /// <summary>The entries the control plane added, in insertion order.</summary>
    public IReadOnlyList<TableEntry> ReadEntries(string table)
    {
        lock (_lock)
        {
            return Table(table).Entries.Values.OrderBy(e => e.Sequence).Select(e => e.Entry).ToList();
        }
    }

    /// <summary>Deletes every control-plane entry of <paramref name="table"/>.</summary>
    public void ClearEntries(string table)
    {
        lock (_lock)
        {
            ClearTable(Table(table));
        }
    }

    /// <summary>Deletes every control-plane entry of every table (STF <c>remove all</c>).</summary>
    public void ClearAllEntries()
    {
        lock (_lock)
        {
            foreach (var t in _tables.Values)
            {
                ClearTable(t);
            }
        }
    }

    private void ClearTable(TableState t)
    {
        foreach (var e in t.Entries.Values.ToList())
        {
            Unwrite(t, e);
        }
        t.Entries.Clear();
        t.Owners.Clear();
        if (t.Layout.MasksMap is not null)
        {
            Map(t.Layout.MasksMap).Clear();
            t.Masks = new TernaryMaskSet();
        }
    }

    /// <summary>The direct counter of an entry (tables with a direct counter only).</summary>
    public CounterValue ReadDirectCounter(TableEntry entry)
    {
        lock (_lock)
        {
            var t = Table(entry.Table);
            var offset = t.Layout.DirectCounterOffset ?? throw new ControlException(ControlErrorCode.InvalidArgument, $"table {t.Layout.Name} has no direct counter");
            var stored = Stored(t, entry);
            ulong packets = 0, bytes = 0;
            foreach (var w in stored.Writes.Where(w => t.Layout.IsEntryMap(w.Map)))
            {
                if (Map(w.Map).Lookup(w.Key) is { } v)
                {
                    packets += BitConverterLe(v, offset);
                    bytes += BitConverterLe(v, offset + 8);
                }
            }
            return new CounterValue(packets, bytes);
        }
    }

    /// <summary>Sets the default action (the table's miss action); const defaults cannot change.</summary>
    public void SetDefaultAction(string table, string action, IReadOnlyList<BigInteger> args)
    {
        lock (_lock)
        {
            var t = Table(table);
            if (t.Layout.DefaultAction.Const || t.Layout.DefaultMap is null)
            {
                throw new ControlException(ControlErrorCode.InvalidArgument, $"table {t.Layout.Name} has a const default action");
            }
            var name = ResolveAction(t.Layout.Name, action);
            var a = t.Layout.Action(name);
            if (a.Scope == "tableonly")
            {
                throw new ControlException(ControlErrorCode.InvalidArgument, $"action {name} cannot be a default action (@tableonly)");
            }
            CheckArgs(t, a, args);
            Check(Map(t.Layout.DefaultMap).Update(new byte[4], TableEntryEncoder.EncodeValue(t.Layout, name, args)), $"default action of {t.Layout.Name}");
        }
    }

    /// <summary>Restores the compiled default action.</summary>
    public void ResetDefaultAction(string table)
    {
        lock (_lock)
        {
            var t = Table(table);
            if (t.Layout.DefaultMap is not null)
            {
                Check(Map(t.Layout.DefaultMap).Update(new byte[4], new byte[t.Layout.ValueSize]), $"default action of {t.Layout.Name}");
            }
        }
    }

    /// <summary>The current default action.</summary>
    public DefaultActionEntry ReadDefaultAction(string table)
    {
        var t = Table(table);
        var compiled = new DefaultActionEntry(t.Layout.Name, t.Layout.DefaultAction.Action,
            t.Layout.DefaultAction.Arguments.Select(ParseHex).ToList(), true);
        if (t.Layout.DefaultMap is null || Map(t.Layout.DefaultMap).Lookup(new byte[4]) is not { } v)
        {
            return compiled;
        }
        var id = (int)BitConverterLe(v, t.Layout.ActionIdOffset) & int.MaxValue;
        var a = t.Layout.Actions.FirstOrDefault(x => x.Id == id);
        if (id == 0 || a is null)
        {
            return compiled;
        }
        return new DefaultActionEntry(t.Layout.Name, a.Name, a.Params.Select(p => TableEntryEncoder.ReadField(v, p.Offset, p.Size, p.Width, p.Encoding)).ToList(), false);
    }
}
