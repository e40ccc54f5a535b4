using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Trace;

/// <summary>Hooks <c>bpf_map_lookup_elem</c> to report table hits and misses to the current trace (the map names come from the layout manifest).</summary>
/// <remarks>Ternary probes that miss are not reported one by one: a table's default-map lookup shows the miss.</remarks>
internal sealed unsafe class TableLookupRecorder
{
    private const int MapLookupElem = 1;
    private readonly Dictionary<string, (TableLayout Table, bool IsDefault)> _byMap = new(StringComparer.Ordinal);

    public TableLookupRecorder(LayoutManifest layout)
    {
        foreach (var t in layout.Tables)
        {
            if (t.Map is not null)
            {
                _byMap[t.Map] = (t, false);
            }
            if (t.DefaultMap is not null)
            {
                _byMap[t.DefaultMap] = (t, true);
            }
        }
    }

    /// <summary>The trace events go to; null turns recording off.</summary>
    public PacketTrace? Current { get; set; }

    /// <summary>Hit recording for idle timeouts (successful lookups in watched tables), independent of tracing.</summary>
    public Control.TableHitTracker? Hits { get; set; }

    /// <summary>The kernel helper table of <paramref name="type"/> with the lookup helper wrapped.</summary>
    public HelperTable CreateHelpers(ProgramType type)
    {
        var table = KernelHelpers.CreateTable(type);
        if (table[MapLookupElem] is { } lookup)
        {
            var inner = lookup.Function;
            table.Set(MapLookupElem, lookup.Name, (r1, r2, r3, r4, r5, context) =>
            {
                var result = inner(r1, r2, r3, r4, r5, context);
                if (Current is { } trace)
                {
                    Record(trace, r1, r2, result, context);
                }
                if (result != 0 && Hits is { Active: true } hits)
                {
                    hits.Observe(r1, r2, result, context);
                }
                return result;
            });
        }
        return table;
    }

    private void Record(PacketTrace trace, ulong mapHandle, ulong keyAddress, ulong result, VmRunContext context)
    {
        var map = BpfMap.FromHandle((nint)mapHandle);
        if (map is null || !_byMap.TryGetValue(map.Name, out var entry))
        {
            return;
        }
        var (table, isDefault) = entry;
        string? action = null;
        if (result != 0)
        {
            var id = *(uint*)result;
            action = id == 0 ? table.DefaultAction.Action + " (compiled default)" : table.Actions.FirstOrDefault(a => a.Id == id)?.Name ?? $"#{id}";
        }
        if (isDefault)
        {
            trace.Add(new TableEvent(table.Name, "default", "", result != 0, action ?? table.DefaultAction.Action));
            return;
        }
        if (result == 0 && table.Kind == TableKind.Ternary)
        {
            return;
        }
        string keyHex;
        try
        {
            keyHex = Convert.ToHexString(context.GetSpan(keyAddress, map.KeySize, false)).ToLowerInvariant();
        }
        catch (VmException)
        {
            keyHex = "?";
        }
        trace.Add(new TableEvent(table.Name, "entry", keyHex, result != 0, action));
    }
}
