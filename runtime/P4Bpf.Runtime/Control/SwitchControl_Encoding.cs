using System.Globalization;
using System.Numerics;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Runtime.Control;

public sealed partial class SwitchControl
{
    /// <summary>The entry with every match normalised to its key's match kind, and its identity string (matches, plus priority for priority tables).</summary>
    private (string Key, TableEntry Entry) Canonical(TableState t, TableEntry entry)
    {
        var layout = t.Layout;
        if (layout.Kind == TableKind.Const || layout.Map is null)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument, $"table {layout.Name} has only const entries (or no key)");
        }
        if (entry.Keys.Count != layout.Key.Count)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument,
                $"table {layout.Name} has {layout.Key.Count} key fields ({string.Join(", ", layout.Key.Select(k => k.Name + ":" + k.Match))}), got {entry.Keys.Count}");
        }
        var keys = new List<FieldMatch>(entry.Keys.Count);
        for (var i = 0; i < entry.Keys.Count; i++)
        {
            keys.Add(Normalise(layout, layout.Key[i], entry.Keys[i]));
        }
        var needsPriority = layout.Kind == TableKind.Ternary;
        if (needsPriority && entry.Priority < 1)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument, $"table {layout.Name} needs a priority of at least 1 (ternary, range or optional keys)");
        }
        var normalised = entry with { Table = layout.Name, Keys = keys, Priority = needsPriority ? entry.Priority : 0 };
        var id = string.Join(",", keys) + (needsPriority ? "|" + entry.Priority.ToString(CultureInfo.InvariantCulture) : "");
        return (id, normalised);
    }

    private static FieldMatch Normalise(TableLayout table, KeyFieldLayout f, FieldMatch m)
    {
        var all = (BigInteger.One << f.Width) - 1;
        void Fits(BigInteger v)
        {
            if (v.Sign < 0 || v > all)
            {
                throw new ControlException(ControlErrorCode.OutOfRange, $"table {table.Name}: value {v} does not fit key {f.Name} (bit<{f.Width}>)");
            }
        }
        FieldMatch Bad() => throw new ControlException(ControlErrorCode.InvalidArgument, $"table {table.Name}: {m} is not a valid match for {f.Match} key {f.Name}");
        switch (f.Match)
        {
            case "exact":
                switch (m)
                {
                    case FieldMatch.Exact e: Fits(e.Value); return e;
                    case FieldMatch.Ternary t when t.Mask == all: Fits(t.Value); return new FieldMatch.Exact(t.Value);
                    case FieldMatch.Lpm l when l.PrefixLength == f.Width: Fits(l.Value); return new FieldMatch.Exact(l.Value);
                    case FieldMatch.Optional { Value: { } v }: Fits(v); return new FieldMatch.Exact(v);
                    default: return Bad();
                }
            case "lpm":
                switch (m)
                {
                    case FieldMatch.Exact e: Fits(e.Value); return new FieldMatch.Lpm(e.Value, f.Width);
                    case FieldMatch.Lpm l when l.PrefixLength >= 0 && l.PrefixLength <= f.Width:
                        Fits(l.Value);
                        var pm = l.PrefixLength == 0 ? BigInteger.Zero : all ^ ((BigInteger.One << (f.Width - l.PrefixLength)) - 1);
                        return new FieldMatch.Lpm(l.Value & pm, l.PrefixLength);
                    case FieldMatch.DontCare: return new FieldMatch.Lpm(0, 0);
                    case FieldMatch.Ternary t when IsPrefixMask(t.Mask, f.Width, out var len): Fits(t.Value); return new FieldMatch.Lpm(t.Value & t.Mask, len);
                    default: return Bad();
                }
            case "ternary":
                switch (m)
                {
                    case FieldMatch.Exact e: Fits(e.Value); return new FieldMatch.Ternary(e.Value, all);
                    case FieldMatch.Ternary t: Fits(t.Value); Fits(t.Mask); return new FieldMatch.Ternary(t.Value & t.Mask, t.Mask);
                    case FieldMatch.Lpm l when l.PrefixLength <= f.Width:
                        var lm = l.PrefixLength == 0 ? BigInteger.Zero : all ^ ((BigInteger.One << (f.Width - l.PrefixLength)) - 1);
                        return new FieldMatch.Ternary(l.Value & lm, lm);
                    case FieldMatch.DontCare: return new FieldMatch.Ternary(0, 0);
                    default: return Bad();
                }
            case "range":
                switch (m)
                {
                    case FieldMatch.Exact e: Fits(e.Value); return new FieldMatch.Range(e.Value, e.Value);
                    case FieldMatch.Range r when r.Low <= r.High: Fits(r.Low); Fits(r.High); return r;
                    case FieldMatch.DontCare: return new FieldMatch.Range(0, all);
                    case FieldMatch.Ternary { Mask.IsZero: true }: return new FieldMatch.Range(0, all);
                    default: return Bad();
                }
            case "optional":
                switch (m)
                {
                    case FieldMatch.Exact e: Fits(e.Value); return new FieldMatch.Optional(e.Value);
                    case FieldMatch.Optional o: if (o.Value is { } v) { Fits(v); } return o;
                    case FieldMatch.DontCare or FieldMatch.Ternary { Mask.IsZero: true }: return new FieldMatch.Optional(null);
                    case FieldMatch.Ternary t when t.Mask == all: Fits(t.Value); return new FieldMatch.Optional(t.Value);
                    default: return Bad();
                }
            default:
                throw new ControlException(ControlErrorCode.Unimplemented, $"table {table.Name}: match kind {f.Match} of key {f.Name}");
        }
    }

    private static bool IsPrefixMask(BigInteger mask, int width, out int length)
    {
        for (length = 0; length <= width; length++)
        {
            var m = length == 0 ? BigInteger.Zero : ((BigInteger.One << width) - 1) ^ ((BigInteger.One << (width - length)) - 1);
            if (m == mask)
            {
                return true;
            }
        }
        return false;
    }

    private static KeyMatch ToIr(FieldMatch m) => m switch
    {
        FieldMatch.Exact e => new ExactMatch(e.Value),
        FieldMatch.Lpm l => new LpmMatch(l.Value, l.PrefixLength),
        FieldMatch.Ternary t => new TernaryMatch(t.Value, t.Mask),
        FieldMatch.Range r => new RangeMatch(r.Low, r.High),
        FieldMatch.Optional o => new OptionalMatch(o.Value),
        _ => new TernaryMatch(0, 0),
    };

    private void CheckArgs(TableState t, ActionLayout a, IReadOnlyList<BigInteger> args)
    {
        if (args.Count != a.Params.Count)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument,
                $"action {a.Name} takes {a.Params.Count} arguments ({string.Join(", ", a.Params.Select(p => p.Name))}), got {args.Count}");
        }
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].Sign < 0 || args[i] >= BigInteger.One << a.Params[i].Width)
            {
                throw new ControlException(ControlErrorCode.OutOfRange, $"table {t.Layout.Name}: argument {a.Params[i].Name} = {args[i]} does not fit bit<{a.Params[i].Width}>");
            }
        }
    }

    private byte[] EncodeValue(TableState t, TableEntry e)
    {
        if (e.Reference is { } r)
        {
            CheckReference(t, r);
            return TableEntryEncoder.EncodeRef(t.Layout, r.IsGroup, r.Id, e.Priority);
        }
        if (t.Layout.ActionProfile is { } profile)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument, $"table {t.Layout.Name} is implemented by {profile}: its entries reference a member or group, not an action");
        }
        var name = ResolveAction(t.Layout.Name, e.Action);
        var a = t.Layout.Action(name);
        if (a.Scope == "defaultonly")
        {
            throw new ControlException(ControlErrorCode.InvalidArgument, $"action {name} is @defaultonly");
        }
        CheckArgs(t, a, e.Args);
        return TableEntryEncoder.EncodeValue(t.Layout, name, e.Args, e.Priority);
    }

    private StoredEntry Write(TableState t, TableEntry e)
    {
        EncodeValue(t, e);
        var action = e.Reference is null ? ResolveAction(t.Layout.Name, e.Action) : "";
        var e2 = e with { Action = action };
        var keys = e2.Keys.Select(ToIr).ToList();
        IReadOnlyList<MapWrite> writes;
        var trial = new TernaryMaskSet();
        foreach (var m in t.Masks.Masks)
        {
            trial.IndexOf(m, out _);
        }
        try
        {
            writes = e2.Reference is { } r
                ? TableEntryEncoder.EncodeEntryRef(t.Layout, keys, r.IsGroup, r.Id, e2.Priority, trial)
                : TableEntryEncoder.EncodeEntry(t.Layout, keys, action, e2.Args, e2.Priority, trial);
        }
        catch (InvalidOperationException ex)
        {
            throw new ControlException(ControlErrorCode.ResourceExhausted, ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument, ex.Message);
        }
        t.Masks = trial;
        var stored = new StoredEntry(e2, writes, t.Sequence++);
        CountReference(t, e2.Reference, +1);
        foreach (var w in writes)
        {
            if (w.Map == t.Layout.Map && t.Layout.Kind == TableKind.Ternary)
            {
                AddOwner(t, stored, w);
            }
            else
            {
                Check(Map(w.Map).Update(w.Key, w.Value), $"write to table {t.Layout.Name}");
            }
        }
        return stored;
    }

    private void AddOwner(TableState t, StoredEntry stored, MapWrite w)
    {
        var hex = Convert.ToHexString(w.Key);
        if (!t.Owners.TryGetValue(hex, out var owners))
        {
            t.Owners[hex] = owners = [];
        }
        owners.Add((stored, w.Value));
        owners.Sort((a, b) => a.Entry.Entry.Priority != b.Entry.Entry.Priority
            ? b.Entry.Entry.Priority.CompareTo(a.Entry.Entry.Priority)
            : a.Entry.Sequence.CompareTo(b.Entry.Sequence));
        Check(Map(w.Map).Update(w.Key, owners[0].Value), $"write to table {t.Layout.Name}");
    }

    private void ReplaceOwnerValue(TableState t, StoredEntry stored, byte[] key, byte[] value)
    {
        var owners = t.Owners[Convert.ToHexString(key)];
        var i = owners.FindIndex(o => o.Entry.Sequence == stored.Sequence);
        owners[i] = (owners[i].Entry, value);
        Check(Map(t.Layout.Map!).Update(key, owners[0].Value), $"write to table {t.Layout.Name}");
    }

    private void Unwrite(TableState t, StoredEntry stored)
    {
        CountReference(t, stored.Entry.Reference, -1);
        foreach (var w in stored.Writes.Where(w => t.Layout.IsEntryMap(w.Map)))
        {
            var map = Map(w.Map);
            if (t.Layout.Kind == TableKind.Ternary)
            {
                var hex = Convert.ToHexString(w.Key);
                if (t.Owners.TryGetValue(hex, out var owners))
                {
                    owners.RemoveAll(o => o.Entry.Sequence == stored.Sequence);
                    if (owners.Count > 0)
                    {
                        map.Update(w.Key, owners[0].Value);
                        continue;
                    }
                    t.Owners.Remove(hex);
                }
            }
            map.Delete(w.Key);
        }
    }

    private static ulong BitConverterLe(byte[] v, int offset) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(v.AsSpan(offset, 8));

    private static BigInteger ParseHex(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : BigInteger.Parse(text, CultureInfo.InvariantCulture);
}
