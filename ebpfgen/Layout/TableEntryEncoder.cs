using System.Numerics;
using P4Bpf.Midend.Ir;

namespace P4Bpf.EbpfGen.Layout;

/// <summary>One map update a control plane performs.</summary>
public sealed record MapWrite(string Map, byte[] Key, byte[] Value);

/// <summary>The masks a ternary table uses, in mask-map order (the control plane keeps one per table).</summary>
public sealed class TernaryMaskSet
{
    private readonly List<byte[]> masks = [];

    public IReadOnlyList<byte[]> Masks => masks;

    /// <summary>The index of a mask, adding it when new; <paramref name="added"/> tells the caller to write the masks map.</summary>
    public int IndexOf(byte[] mask, out bool added)
    {
        for (var i = 0; i < masks.Count; i++)
        {
            if (masks[i].AsSpan().SequenceEqual(mask))
            {
                added = false;
                return i;
            }
        }
        masks.Add(mask);
        added = true;
        return masks.Count - 1;
    }
}

/// <summary>Encodes table entries into map keys and values following a <see cref="TableLayout"/> (what a control plane does; no P4 needed).</summary>
public static class TableEntryEncoder
{
    /// <summary>Writes <paramref name="value"/> into <paramref name="buffer"/> as a field of the given layout.</summary>
    public static void WriteField(Span<byte> buffer, int offset, int size, int width, FieldEncoding encoding, BigInteger value)
    {
        var bits = value & ((BigInteger.One << width) - 1);
        switch (encoding)
        {
            case FieldEncoding.LittleEndian or FieldEncoding.Bool:
                for (var i = 0; i < size; i++)
                {
                    buffer[offset + i] = (byte)((bits >> (8 * i)) & 0xff);
                }
                break;
            case FieldEncoding.BigEndian:
                for (var i = 0; i < size; i++)
                {
                    buffer[offset + i] = (byte)((bits >> (8 * (size - 1 - i))) & 0xff);
                }
                break;
            case FieldEncoding.BigEndianLeftAligned:
                var shifted = bits << ((8 * size) - width);
                for (var i = 0; i < size; i++)
                {
                    buffer[offset + i] = (byte)((shifted >> (8 * (size - 1 - i))) & 0xff);
                }
                break;
        }
    }

    /// <summary>Reads a field (inverse of <see cref="WriteField"/>).</summary>
    public static BigInteger ReadField(ReadOnlySpan<byte> buffer, int offset, int size, int width, FieldEncoding encoding)
    {
        var v = BigInteger.Zero;
        switch (encoding)
        {
            case FieldEncoding.LittleEndian or FieldEncoding.Bool:
                for (var i = size - 1; i >= 0; i--)
                {
                    v = (v << 8) | buffer[offset + i];
                }
                break;
            default:
                for (var i = 0; i < size; i++)
                {
                    v = (v << 8) | buffer[offset + i];
                }
                if (encoding == FieldEncoding.BigEndianLeftAligned)
                {
                    v >>= (8 * size) - width;
                }
                break;
        }
        return v & ((BigInteger.One << width) - 1);
    }

    /// <summary>The table value: action id, priority, the action's parameters.</summary>
    public static byte[] EncodeValue(TableLayout table, string action, IReadOnlyList<BigInteger> args, int priority = 0)
    {
        var a = table.Action(action);
        if (args.Count != a.Params.Count)
        {
            throw new ArgumentException($"action {action} takes {a.Params.Count} arguments, got {args.Count}");
        }
        var value = new byte[table.ValueSize];
        WriteField(value, table.ActionIdOffset, 4, 32, FieldEncoding.LittleEndian, a.Id);
        WriteField(value, table.PriorityOffset, 4, 32, FieldEncoding.LittleEndian, priority);
        for (var i = 0; i < args.Count; i++)
        {
            var p = a.Params[i];
            WriteField(value, p.Offset, p.Size, p.Width, p.Encoding, args[i]);
        }
        return value;
    }

    /// <summary>The map writes for one entry: exact/lpm give one write; ternary gives one per (range-expanded) mask combination, plus new masks.</summary>
    public static IReadOnlyList<MapWrite> EncodeEntry(TableLayout table, IReadOnlyList<KeyMatch> keys, string action, IReadOnlyList<BigInteger> args, int priority = 1, TernaryMaskSet? masks = null) =>
        EncodeEntry(table, keys, p => EncodeValue(table, action, args, p), priority, masks);

    /// <summary>The map writes for an entry of a table with an action profile/selector: the value references a member or a group.</summary>
    public static IReadOnlyList<MapWrite> EncodeEntryRef(TableLayout table, IReadOnlyList<KeyMatch> keys, bool group, uint id, int priority = 1, TernaryMaskSet? masks = null) =>
        EncodeEntry(table, keys, p => EncodeRef(table, group, id, p), priority, masks);

    /// <summary>An entry value referencing an action profile member or a selector group.</summary>
    public static byte[] EncodeRef(TableLayout table, bool group, uint id, int priority = 0)
    {
        var offset = table.MemberRefOffset ?? throw new ArgumentException($"table {table.Name} has no action profile");
        var value = new byte[table.ValueSize];
        WriteField(value, table.ActionIdOffset, 4, 32, FieldEncoding.LittleEndian, group ? ActionProfileLayout.RefGroup : ActionProfileLayout.RefMember);
        WriteField(value, table.PriorityOffset, 4, 32, FieldEncoding.LittleEndian, priority);
        WriteField(value, offset, 4, 32, FieldEncoding.LittleEndian, id);
        return value;
    }

    /// <summary>The write of one action profile member: key u32 member id, value the action id and parameters (in <paramref name="table"/>'s layout).</summary>
    public static MapWrite EncodeMember(ActionProfileLayout profile, TableLayout table, uint member, string action, IReadOnlyList<BigInteger> args)
    {
        var a = table.Action(action);
        if (args.Count != a.Params.Count)
        {
            throw new ArgumentException($"action {action} takes {a.Params.Count} arguments, got {args.Count}");
        }
        var value = new byte[profile.MemberValueSize];
        WriteField(value, table.ActionIdOffset, 4, 32, FieldEncoding.LittleEndian, a.Id);
        for (var i = 0; i < args.Count; i++)
        {
            WriteField(value, a.Params[i].Offset, a.Params[i].Size, a.Params[i].Width, a.Params[i].Encoding, args[i]);
        }
        return new MapWrite(profile.MembersMap, BitConverterLe((int)member), value);
    }

    /// <summary>The write of one selector group: key u32 group id, value the member count and ids.</summary>
    public static MapWrite EncodeGroup(ActionProfileLayout profile, uint group, IReadOnlyList<uint> members)
    {
        if (profile.GroupsMap is null)
        {
            throw new ArgumentException($"{profile.Name} is not an action selector");
        }
        if (members.Count > profile.MaxGroupSize)
        {
            throw new ArgumentException($"group {group} of {profile.Name} has {members.Count} members, at most {profile.MaxGroupSize}");
        }
        var value = new byte[profile.GroupValueSize];
        WriteField(value, 0, 4, 32, FieldEncoding.LittleEndian, members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            WriteField(value, 8 + (4 * i), 4, 32, FieldEncoding.LittleEndian, members[i]);
        }
        return new MapWrite(profile.GroupsMap, BitConverterLe((int)group), value);
    }

    private static IReadOnlyList<MapWrite> EncodeEntry(TableLayout table, IReadOnlyList<KeyMatch> keys, Func<int, byte[]> valueFor, int priority, TernaryMaskSet? masks)
    {
        if (keys.Count != table.Key.Count)
        {
            throw new ArgumentException($"table {table.Name} has {table.Key.Count} key fields, got {keys.Count}");
        }
        switch (table.Kind)
        {
            case TableKind.Exact:
            {
                var key = new byte[table.KeySize];
                for (var i = 0; i < keys.Count; i++)
                {
                    var f = table.Key[i];
                    var v = keys[i] is ExactMatch x ? x.Value : throw new ArgumentException($"key {f.Name} needs an exact value");
                    WriteField(key, f.Offset, f.Size, f.Width, f.Encoding, v);
                }
                return [new MapWrite(table.Map!, key, valueFor(0))];
            }
            case TableKind.Lpm or TableKind.LpmHash:
            {
                var key = new byte[table.KeySize];
                var prefix = 0;
                for (var i = 0; i < keys.Count; i++)
                {
                    var f = table.Key[i];
                    switch (keys[i])
                    {
                        case ExactMatch x:
                            WriteField(key, f.Offset, f.Size, f.Width, f.Encoding, x.Value);
                            if (f.Match == "lpm")
                            {
                                prefix = f.Width;
                            }
                            break;
                        case LpmMatch l:
                            WriteField(key, f.Offset, f.Size, f.Width, f.Encoding, l.Value);
                            prefix = l.PrefixLength;
                            break;
                        default:
                            throw new ArgumentException($"key {f.Name}: {keys[i]} does not fit an lpm table");
                    }
                }
                WriteField(key, 0, 4, 32, FieldEncoding.LittleEndian, table.LpmPrefixBase + prefix);
                return table.Kind == TableKind.LpmHash ? [SmartNicLayout.PrefixWrite(table, key, prefix, valueFor(0))] : [new MapWrite(table.Map!, key, valueFor(0))];
            }
            case TableKind.Ternary:
                return EncodeTernary(table, keys, valueFor, priority, masks ?? throw new ArgumentNullException(nameof(masks)));
            default:
                throw new InvalidOperationException($"table {table.Name} has only const entries");
        }
    }

    private static IReadOnlyList<MapWrite> EncodeTernary(TableLayout table, IReadOnlyList<KeyMatch> keys, Func<int, byte[]> valueFor, int priority, TernaryMaskSet masks)
    {
        if (priority < 1)
        {
            throw new ArgumentException("ternary, range and optional entries need a priority of at least 1");
        }
        var alternatives = new List<List<(BigInteger Value, BigInteger Mask)>>();
        for (var i = 0; i < keys.Count; i++)
        {
            var f = table.Key[i];
            var all = (BigInteger.One << f.Width) - 1;
            alternatives.Add(keys[i] switch
            {
                ExactMatch x => [(x.Value & all, all)],
                TernaryMatch t => [(t.Value & t.Mask & all, t.Mask & all)],
                LpmMatch l => [(l.Value & Prefix(f.Width, l.PrefixLength), Prefix(f.Width, l.PrefixLength))],
                OptionalMatch { Value: { } v } => [(v & all, all)],
                RangeMatch r => RangeToPrefixes(r.Low, r.High, f.Width),
                _ => [(BigInteger.Zero, BigInteger.Zero)],
            });
        }
        var writes = new List<MapWrite>();
        var value = valueFor(priority);
        foreach (var combo in Cartesian(alternatives))
        {
            var dataSize = table.KeySize - 8;
            var mask = new byte[dataSize];
            var key = new byte[table.KeySize];
            for (var i = 0; i < combo.Count; i++)
            {
                var f = table.Key[i];
                WriteField(mask, f.Offset - 8, f.Size, f.Width, f.Encoding, combo[i].Mask);
                WriteField(key, f.Offset, f.Size, f.Width, f.Encoding, combo[i].Value & combo[i].Mask);
            }
            var index = masks.IndexOf(mask, out var added);
            if (index >= table.MaxMasks)
            {
                throw new InvalidOperationException($"table {table.Name}: more than {table.MaxMasks} distinct masks");
            }
            if (added)
            {
                var maskValue = new byte[table.KeySize];
                WriteField(maskValue, 0, 4, 32, FieldEncoding.LittleEndian, 1);
                mask.CopyTo(maskValue, 8);
                writes.Add(new MapWrite(table.MasksMap!, BitConverterLe(index), maskValue));
            }
            WriteField(key, 0, 4, 32, FieldEncoding.LittleEndian, index);
            writes.Add(new MapWrite(table.Map!, key, value));
        }
        return writes;
    }

    private static byte[] BitConverterLe(int v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];

    private static BigInteger Prefix(int width, int prefix) =>
        prefix <= 0 ? BigInteger.Zero : (((BigInteger.One << prefix) - 1) << (width - prefix));

    /// <summary>The minimal set of value/mask prefixes covering [low, high] (at most 2w − 2).</summary>
    public static List<(BigInteger Value, BigInteger Mask)> RangeToPrefixes(BigInteger low, BigInteger high, int width)
    {
        var all = (BigInteger.One << width) - 1;
        var result = new List<(BigInteger, BigInteger)>();
        var lo = BigInteger.Max(low, 0);
        var hi = BigInteger.Min(high, all);
        while (lo <= hi)
        {
            var size = 0;
            while (size < width && (lo & ((BigInteger.One << (size + 1)) - 1)).IsZero && lo + (BigInteger.One << (size + 1)) - 1 <= hi)
            {
                size++;
            }
            result.Add((lo, all & ~((BigInteger.One << size) - 1)));
            lo += BigInteger.One << size;
        }
        return result;
    }

    private static IEnumerable<List<(BigInteger Value, BigInteger Mask)>> Cartesian(List<List<(BigInteger Value, BigInteger Mask)>> lists)
    {
        IEnumerable<List<(BigInteger, BigInteger)>> acc = [[]];
        foreach (var list in lists)
        {
            acc = acc.SelectMany(prefix => list.Select(item => new List<(BigInteger, BigInteger)>(prefix) { item })).ToList();
        }
        return acc;
    }
}
