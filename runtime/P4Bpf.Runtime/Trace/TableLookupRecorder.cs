using System.Numerics;
using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Trace;

/// <summary>Hooks <c>bpf_map_lookup_elem</c> to report table hits and misses (key and action data decoded with the layout manifest) to the
/// current trace, and reads the pipeline state when a stage ends for its parser outcome and valid headers.</summary>
/// <remarks>Ternary probes that miss are not reported one by one: a table's default-map lookup shows the miss.
/// The state map value a stage looked up at its start is where its parser results and headers are read when it ends.</remarks>
internal sealed unsafe partial class TableLookupRecorder
{
    private const int MapLookupElem = 1;
    private readonly Dictionary<string, (TableLayout Table, bool IsDefault)> _byMap = new(StringComparer.Ordinal);
    private readonly LayoutManifest _layout;
    private PacketTrace? _current;
    private byte* _state;
    private int _stageStart;

    public TableLookupRecorder(LayoutManifest layout)
    {
        _layout = layout;
        Add(layout);
    }

    /// <summary>This switch's own state map, once loaded: a state map of the same name from another object (a program of a service chain
    /// running by tail call) is then not taken for this stage's state.</summary>
    public BpfMap? StateMap { get; set; }

    /// <summary>Also reports the tables of <paramref name="layout"/> (a service chain's later programs run on the first one's helpers).</summary>
    public void Add(LayoutManifest layout)
    {
        foreach (var t in layout.Tables)
        {
            if (t.Map is not null)
            {
                _byMap[t.Map] = (t, false);
            }
            foreach (var p in t.PrefixMaps ?? [])
            {
                _byMap[p.Map] = (t, false);
            }
            if (t.DefaultMap is not null)
            {
                _byMap[t.DefaultMap] = (t, true);
            }
        }
    }

    /// <summary>The trace events go to; null turns recording off.</summary>
    public PacketTrace? Current
    {
        get => _current;
        set
        {
            _current = value;
            _state = null;
            if (value is not null)
            {
                value.StageFinished = OnStageFinished;
            }
        }
    }

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
        if (map is null)
        {
            return;
        }
        if (map.Name == _layout.State.Map)
        {
            if (StateMap is not null && !ReferenceEquals(map, StateMap))
            {
                return;
            }
            if (result != 0 && map.ValueSize >= _layout.State.ValueSize)
            {
                _state = (byte*)result;
                _stageStart = trace.Events.Count;
            }
            return;
        }
        if (!_byMap.TryGetValue(map.Name, out var entry))
        {
            return;
        }
        var (table, isDefault) = entry;
        string? action = null;
        ActionLayout? actionLayout = null;
        var compiledDefault = false;
        if (result != 0)
        {
            var id = *(uint*)(result + (ulong)table.ActionIdOffset);
            compiledDefault = id == 0;
            actionLayout = compiledDefault ? table.Actions.FirstOrDefault(a => a.Name == table.DefaultAction.Action) : table.Actions.FirstOrDefault(a => a.Id == id);
            action = compiledDefault ? table.DefaultAction.Action : actionLayout?.Name ?? $"#{id}";
        }
        if (isDefault)
        {
            trace.Add(new TableEvent(table.Name, "default", "", result != 0, action ?? table.DefaultAction.Action) { CompiledDefault = result == 0 || compiledDefault });
        }
        else
        {
            if (result == 0 && table.Kind is TableKind.Ternary or TableKind.LpmHash)
            {
                return;
            }
            string keyHex;
            IReadOnlyList<TraceField> key = [];
            try
            {
                var bytes = context.GetSpan(keyAddress, map.KeySize, false);
                keyHex = Convert.ToHexString(bytes).ToLowerInvariant();
                key = DecodeKey(table, bytes);
            }
            catch (VmException)
            {
                keyHex = "?";
            }
            trace.Add(new TableEvent(table.Name, "entry", keyHex, result != 0, action) { Key = key, CompiledDefault = compiledDefault });
        }
        if (result != 0 && action is not null)
        {
            IReadOnlyList<TraceField> data = [];
            if (compiledDefault && actionLayout is not null)
            {
                // The compiled default's arguments are in the program, not the map value: the layout gives them as P4 text.
                data = actionLayout.Params.Zip(table.DefaultAction.Arguments, (p, a) => new TraceField(p.Name, a)).ToList();
            }
            else if (actionLayout is not null && table.ActionProfile is null && table.MemberRefOffset is null)
            {
                data = DecodeParams(actionLayout, new ReadOnlySpan<byte>((void*)result, map.ValueSize));
            }
            trace.Add(new ActionEvent(table.Name, action, data));
        }
    }

    private static List<TraceField> DecodeKey(TableLayout table, ReadOnlySpan<byte> key)
    {
        var fields = new List<TraceField>(table.Key.Count);
        foreach (var k in table.Key)
        {
            if (k.Offset + k.Size > key.Length)
            {
                return [];
            }
            fields.Add(new TraceField(k.Name, Hex(TableEntryEncoder.ReadField(key, k.Offset, k.Size, k.Width, k.Encoding))));
        }
        return fields;
    }

    private static List<TraceField> DecodeParams(ActionLayout action, ReadOnlySpan<byte> value)
    {
        var data = new List<TraceField>(action.Params.Count);
        foreach (var p in action.Params)
        {
            if (p.Offset + p.Size > value.Length)
            {
                return [];
            }
            data.Add(new TraceField(p.Name, Hex(TableEntryEncoder.ReadField(value, p.Offset, p.Size, p.Width, p.Encoding))));
        }
        return data;
    }

    /// <summary>Lower-case hex with a <c>0x</c> prefix and no leading zeros.</summary>
    internal static string Hex(BigInteger v)
    {
        var digits = v.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + (digits.Length == 0 ? "0" : digits);
    }
}
