using System.Collections.Concurrent;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Switch;

/// <summary>Per-table hits and misses of the in-process switch, counted by its <c>bpf_map_lookup_elem</c> hook once <see cref="Enable"/>d
/// (counting costs the data path a dictionary probe per lookup, so it starts when someone asks, e.g. the first p4bpf.SwitchStats call).</summary>
/// <remarks>A miss is a lookup in the table's default-action map, which the generated code makes exactly once per missed apply. A hit is a lookup in an
/// entry map that found a value, for tables probed once per apply (exact, LPM, and LPM as per-prefix hashes, longest first); a ternary table's
/// tuple-space search probes every mask, so its hits are not counted (null).</remarks>
public sealed class TableLookupCounts
{
    private readonly Dictionary<string, (Counter Counter, bool IsDefault)> _byMap = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<nint, (Counter Counter, bool IsDefault)?> _byHandle = new();
    private readonly List<Counter> _tables = [];
    private volatile bool _enabled;

    internal TableLookupCounts(LayoutManifest layout)
    {
        foreach (var t in layout.Tables)
        {
            var counter = new Counter(t.Name, t.Kind != TableKind.Ternary && (t.Map is not null || t.PrefixMaps is { Count: > 0 }));
            _tables.Add(counter);
            if (t.Map is not null)
            {
                _byMap[t.Map] = (counter, false);
            }
            foreach (var p in t.PrefixMaps ?? [])
            {
                _byMap[p.Map] = (counter, false);
            }
            if (t.DefaultMap is not null)
            {
                _byMap[t.DefaultMap] = (counter, true);
            }
        }
    }

    /// <summary>True once counting has started.</summary>
    public bool Enabled => _enabled;

    /// <summary>Starts counting (idempotent); counts before this moment are not known.</summary>
    public void Enable() => _enabled = true;

    /// <summary>Every table of the layout with its counts so far (hits null where they are not counted).</summary>
    public IReadOnlyList<TableLookupStatistics> Snapshot() =>
        _tables.Select(c => new TableLookupStatistics(c.Table, c.CountsHits ? Interlocked.Read(ref c.Hits) : null, Interlocked.Read(ref c.Misses))).ToList();

    /// <summary>Called by the lookup hook after each map lookup.</summary>
    internal void Observe(ulong mapHandle, bool found)
    {
        if (!_enabled)
        {
            return;
        }
        var handle = (nint)mapHandle;
        if (!_byHandle.TryGetValue(handle, out var slot))
        {
            slot = BpfMap.FromHandle(handle) is { } map && _byMap.TryGetValue(map.Name, out var s) ? s : null;
            _byHandle.TryAdd(handle, slot);
        }
        if (slot is not { } x)
        {
            return;
        }
        if (x.IsDefault)
        {
            Interlocked.Increment(ref x.Counter.Misses);
        }
        else if (found && x.Counter.CountsHits)
        {
            Interlocked.Increment(ref x.Counter.Hits);
        }
    }

    private sealed class Counter(string table, bool countsHits)
    {
        public long Hits, Misses;

        public string Table { get; } = table;

        public bool CountsHits { get; } = countsHits;
    }
}

/// <summary>One table's lookups that found an entry (null when not counted, see <see cref="TableLookupCounts"/>) and that missed, since counting began.</summary>
public readonly record struct TableLookupStatistics(string Table, long? Hits, long Misses);
