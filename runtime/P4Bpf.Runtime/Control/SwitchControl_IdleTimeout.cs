using System.Buffers.Binary;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Control;

public sealed partial class SwitchControl
{
    private readonly Dictionary<string, Dictionary<string, long>> _lastHits = new(StringComparer.Ordinal);

    /// <summary>Hit recording for idle timeouts (fed by the switch's map-lookup hook).</summary>
    public TableHitTracker Hits { get; } = new();

    /// <summary>Starts recording hits on the entries of <paramref name="table"/>; false when its entries are not in a map (const tables) or the
    /// target has no hook on its data path (kernel, multi-core).</summary>
    public bool ObserveHits(string table)
    {
        lock (_lock)
        {
            var t = Table(table);
            if (!Hits.Connected || t.Layout.Map is null || t.Layout.Kind == TableKind.Const)
            {
                return false;
            }
            Hits.Watch(t.Layout);
            return true;
        }
    }

    /// <summary>When a packet last hit <paramref name="entry"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or null if none did
    /// since <see cref="ObserveHits"/>. A ternary entry counts as hit only when it decided the lookup (highest priority among the matches).</summary>
    public long? LastHit(TableEntry entry)
    {
        lock (_lock)
        {
            var t = Table(entry.Table);
            Resolve(t);
            var (key, _) = Canonical(t, entry);
            return _lastHits.TryGetValue(t.Layout.Name, out var hits) && hits.TryGetValue(key, out var time) ? time : null;
        }
    }

    /// <summary>Moves the tracker's stamps (by looked-up key) onto entries (by canonical match).</summary>
    private void Resolve(TableState t)
    {
        if (Hits.Take(t.Layout.Name) is not { } stamps)
        {
            return;
        }
        if (!_lastHits.TryGetValue(t.Layout.Name, out var last))
        {
            _lastHits[t.Layout.Name] = last = new Dictionary<string, long>(StringComparer.Ordinal);
        }
        var keyOf = new Dictionary<StoredEntry, string>(ReferenceEqualityComparer.Instance);
        foreach (var (key, e) in t.Entries)
        {
            keyOf[e] = key;
        }
        Dictionary<string, StoredEntry>? byMapKey = null;
        foreach (var (hex, time) in stamps)
        {
            StoredEntry? hit;
            switch (t.Layout.Kind)
            {
                case TableKind.Ternary:
                    hit = t.Owners.TryGetValue(hex, out var owners) && owners.Count > 0 ? owners[0].Entry : null;
                    break;
                case TableKind.Lpm:
                    hit = LongestPrefix(t, Convert.FromHexString(hex));
                    break;
                default:
                    byMapKey ??= t.Entries.Values.SelectMany(e => e.Writes.Where(w => w.Map == t.Layout.Map).Select(w => (Convert.ToHexString(w.Key), e)))
                        .GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.First().e, StringComparer.Ordinal);
                    hit = byMapKey.GetValueOrDefault(hex);
                    break;
            }
            if (hit is not null && keyOf.TryGetValue(hit, out var entryKey) && (!last.TryGetValue(entryKey, out var before) || before < time))
            {
                last[entryKey] = time;
            }
        }
    }

    /// <summary>The entry an LPM trie lookup of <paramref name="lookup"/> (u32 prefix length, then data) returns: the longest stored prefix that matches.</summary>
    private static StoredEntry? LongestPrefix(TableState t, byte[] lookup)
    {
        StoredEntry? best = null;
        var bestLength = -1;
        foreach (var e in t.Entries.Values)
        {
            foreach (var w in e.Writes.Where(w => w.Map == t.Layout.Map))
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(w.Key);
                if (length > bestLength && PrefixEquals(w.Key.AsSpan(4), lookup.AsSpan(4), length))
                {
                    best = e;
                    bestLength = length;
                }
            }
        }
        return best;
    }

    private static bool PrefixEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int bits)
    {
        var whole = Math.Min(bits / 8, Math.Min(a.Length, b.Length));
        if (!a[..whole].SequenceEqual(b[..whole]))
        {
            return false;
        }
        var rest = bits % 8;
        if (rest == 0 || whole >= a.Length || whole >= b.Length)
        {
            return true;
        }
        var mask = (byte)(0xff << (8 - rest));
        return (a[whole] & mask) == (b[whole] & mask);
    }
}
