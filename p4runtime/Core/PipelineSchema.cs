using P4.Config.V1;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.P4Runtime.P4InfoGen;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.P4Runtime.Core;

/// <summary>A P4Info table with its fields and actions indexed by id.</summary>
public sealed class TableSchema
{
    public TableSchema(Table table, IReadOnlyDictionary<uint, ActionSchema> actions)
    {
        Info = table;
        Fields = table.MatchFields.ToList();
        FieldIndex = Fields.Select((f, i) => (f.Id, i)).ToDictionary(p => p.Id, p => p.i);
        ActionRefs = table.ActionRefs.ToDictionary(r => r.Id);
        NeedsPriority = Fields.Any(f => f.MatchType is MatchField.Types.MatchType.Ternary or MatchField.Types.MatchType.Range or MatchField.Types.MatchType.Optional);
        foreach (var id in table.DirectResourceIds)
        {
            if ((id >> 24) == (uint)P4Ids.Types.Prefix.DirectCounter)
            {
                DirectCounterId = id;
            }
            else if ((id >> 24) == (uint)P4Ids.Types.Prefix.DirectMeter)
            {
                DirectMeterId = id;
            }
        }
        Actions = actions;
    }

    public Table Info { get; }

    public uint Id => Info.Preamble.Id;

    public string Name => Info.Preamble.Name;

    public IReadOnlyList<MatchField> Fields { get; }

    public IReadOnlyDictionary<uint, int> FieldIndex { get; }

    public IReadOnlyDictionary<uint, ActionRef> ActionRefs { get; }

    public IReadOnlyDictionary<uint, ActionSchema> Actions { get; }

    public bool NeedsPriority { get; }

    public uint DirectCounterId { get; }

    public uint DirectMeterId { get; }

    public bool IsConst => Info.IsConstTable;

    public bool IdleTimeout => Info.IdleTimeoutBehavior == Table.Types.IdleTimeoutBehavior.NotifyControl;
}

/// <summary>A P4Info action with its params indexed by id.</summary>
public sealed class ActionSchema(P4.Config.V1.Action action)
{
    public P4.Config.V1.Action Info { get; } = action;

    public uint Id => Info.Preamble.Id;

    public string Name => Info.Preamble.Name;

    public IReadOnlyList<P4.Config.V1.Action.Types.Param> Params { get; } = action.Params.ToList();

    public IReadOnlyDictionary<uint, int> ParamIndex { get; } = action.Params.Select((p, i) => (p.Id, i)).ToDictionary(p => p.Id, p => p.i);
}

/// <summary>Everything the core looks up in a P4Info, by id, plus the layout it is realised with; validates that the two agree.</summary>
public sealed class PipelineSchema
{
    private PipelineSchema(P4InfoMessage info, LayoutManifest layout)
    {
        Info = info;
        Layout = layout;
        Actions = info.Actions.ToDictionary(a => a.Preamble.Id, a => new ActionSchema(a));
        Tables = info.Tables.ToDictionary(t => t.Preamble.Id, t => new TableSchema(t, Actions));
        Counters = info.Counters.ToDictionary(c => c.Preamble.Id);
        DirectCounters = info.DirectCounters.ToDictionary(c => c.Preamble.Id);
        Meters = info.Meters.ToDictionary(c => c.Preamble.Id);
        DirectMeters = info.DirectMeters.ToDictionary(c => c.Preamble.Id);
        Registers = info.Registers.ToDictionary(c => c.Preamble.Id);
        Digests = info.Digests.ToDictionary(c => c.Preamble.Id);
        DigestStreams = DigestStreamsOf(info, layout);
        ValueSets = info.ValueSets.ToDictionary(c => c.Preamble.Id);
        ActionProfiles = info.ActionProfiles.ToDictionary(a => a.Preamble.Id, a => new ActionProfileSchema(
            a, layout.ActionProfiles.First(l => l.Name == a.Preamble.Name), a.TableIds.Select(id => Tables[id]).ToList()));
        PacketIn = info.ControllerPacketMetadata.FirstOrDefault(c => c.Preamble.Name == "packet_in");
        PacketOut = info.ControllerPacketMetadata.FirstOrDefault(c => c.Preamble.Name == "packet_out");
    }

    public P4InfoMessage Info { get; }

    public LayoutManifest Layout { get; }

    public IReadOnlyDictionary<uint, TableSchema> Tables { get; }

    public IReadOnlyDictionary<uint, ActionSchema> Actions { get; }

    public IReadOnlyDictionary<uint, Counter> Counters { get; }

    public IReadOnlyDictionary<uint, DirectCounter> DirectCounters { get; }

    public IReadOnlyDictionary<uint, Meter> Meters { get; }

    public IReadOnlyDictionary<uint, DirectMeter> DirectMeters { get; }

    public IReadOnlyDictionary<uint, Register> Registers { get; }

    public IReadOnlyDictionary<uint, Digest> Digests { get; }

    /// <summary>The P4Info digest of each digest stream in the layout (by the layout's name), for the streams the P4Info declares.</summary>
    public IReadOnlyDictionary<string, (Digest Digest, DigestLayout Layout)> DigestStreams { get; }

    public IReadOnlyDictionary<uint, ValueSet> ValueSets { get; }

    public IReadOnlyDictionary<uint, ActionProfileSchema> ActionProfiles { get; }

    public ControllerPacketMetadata? PacketIn { get; }

    public ControllerPacketMetadata? PacketOut { get; }

    /// <summary>Checks the P4Info (unique ids with the right prefixes) and that every object has a place in the layout; INVALID_ARGUMENT otherwise.</summary>
    public static PipelineSchema Create(P4InfoMessage info, LayoutManifest layout)
    {
        var seen = new HashSet<uint>();
        void Check(Preamble? p, P4Ids.Types.Prefix prefix, string kind)
        {
            if (p is null || p.Id == 0 || p.Name.Length == 0)
            {
                throw P4RuntimeException.Invalid($"P4Info: a {kind} has no id or name");
            }
            if ((p.Id >> 24) != (uint)prefix)
            {
                throw P4RuntimeException.Invalid($"P4Info: {kind} {p.Name} has id 0x{p.Id:x8} without the prefix 0x{(uint)prefix:x2}");
            }
            if (!seen.Add(p.Id))
            {
                throw P4RuntimeException.Invalid($"P4Info: id 0x{p.Id:x8} is used twice");
            }
        }
        foreach (var a in info.Actions)
        {
            Check(a.Preamble, P4Ids.Types.Prefix.Action, "action");
        }
        foreach (var t in info.Tables)
        {
            Check(t.Preamble, P4Ids.Types.Prefix.Table, "table");
            var lt = layout.Tables.FirstOrDefault(l => l.Name == t.Preamble.Name)
                ?? throw P4RuntimeException.Invalid($"P4Info table {t.Preamble.Name} is not in the device config's layout");
            if (t.ActionRefs.Any(r => !info.Actions.Any(a => a.Preamble.Id == r.Id)))
            {
                throw P4RuntimeException.Invalid($"P4Info table {t.Preamble.Name} refers to an action that is not in the P4Info");
            }
            if (t.MatchFields.Count != lt.Key.Count || t.MatchFields.Select(f => f.Bitwidth).Zip(lt.Key, (w, k) => w != k.Width).Any(x => x))
            {
                throw P4RuntimeException.Invalid($"P4Info table {t.Preamble.Name}: match fields differ from the layout's key");
            }
            if (t.MatchFields.Select(f => f.Id).Distinct().Count() != t.MatchFields.Count)
            {
                throw P4RuntimeException.Invalid($"P4Info table {t.Preamble.Name}: duplicate match field ids");
            }
        }
        foreach (var c in info.Counters)
        {
            Check(c.Preamble, P4Ids.Types.Prefix.Counter, "counter");
            _ = layout.Counters.FirstOrDefault(l => l.Name == c.Preamble.Name) ?? throw P4RuntimeException.Invalid($"P4Info counter {c.Preamble.Name} is not in the layout");
        }
        foreach (var c in info.DirectCounters)
        {
            Check(c.Preamble, P4Ids.Types.Prefix.DirectCounter, "direct counter");
        }
        foreach (var m in info.Meters)
        {
            Check(m.Preamble, P4Ids.Types.Prefix.Meter, "meter");
        }
        foreach (var m in info.DirectMeters)
        {
            Check(m.Preamble, P4Ids.Types.Prefix.DirectMeter, "direct meter");
        }
        foreach (var r in info.Registers)
        {
            Check(r.Preamble, P4Ids.Types.Prefix.Register, "register");
            _ = layout.Registers.FirstOrDefault(l => l.Name == r.Preamble.Name) ?? throw P4RuntimeException.Invalid($"P4Info register {r.Preamble.Name} is not in the layout");
        }
        var streams = DigestStreamsOf(info, layout);
        foreach (var d in info.Digests)
        {
            Check(d.Preamble, P4Ids.Types.Prefix.Digest, "digest");
            if (!streams.Values.Any(s => s.Digest == d))
            {
                throw P4RuntimeException.Invalid($"P4Info digest {d.Preamble.Name} is not in the device config's layout");
            }
        }
        foreach (var v in info.ValueSets)
        {
            Check(v.Preamble, P4Ids.Types.Prefix.ValueSet, "value set");
        }
        foreach (var c in info.ControllerPacketMetadata)
        {
            Check(c.Preamble, P4Ids.Types.Prefix.ControllerHeader, "controller header");
        }
        foreach (var a in info.ActionProfiles)
        {
            Check(a.Preamble, P4Ids.Types.Prefix.ActionProfile, "action profile");
            var l = layout.ActionProfiles.FirstOrDefault(x => x.Name == a.Preamble.Name)
                ?? throw P4RuntimeException.Invalid($"P4Info action profile {a.Preamble.Name} is not in the device config's layout");
            if (a.TableIds.Any(id => !info.Tables.Any(t => t.Preamble.Id == id && t.ImplementationId == a.Preamble.Id)))
            {
                throw P4RuntimeException.Invalid($"P4Info action profile {a.Preamble.Name} lists a table that it does not implement");
            }
            if (a.WithSelector != (l.GroupsMap is not null))
            {
                throw P4RuntimeException.Invalid($"P4Info action profile {a.Preamble.Name}: with_selector differs from the layout");
            }
            if (a.WithSelector && a.MaxGroupSize > l.MaxGroupSize)
            {
                throw P4RuntimeException.Invalid($"P4Info action selector {a.Preamble.Name}: max_group_size {a.MaxGroupSize} exceeds what the compiled data plane holds ({l.MaxGroupSize} slots per group)");
            }
        }
        foreach (var t in info.Tables.Where(t => t.ImplementationId != 0))
        {
            if (!info.ActionProfiles.Any(a => a.Preamble.Id == t.ImplementationId && a.TableIds.Contains(t.Preamble.Id)))
            {
                throw P4RuntimeException.Invalid($"P4Info table {t.Preamble.Name}: implementation_id 0x{t.ImplementationId:x8} is not an action profile that lists it");
            }
        }
        return new PipelineSchema(info, layout);
    }

    /// <summary>Pairs each layout digest stream with the P4Info digest named after it (p4c's name, see <see cref="DigestNames"/>, or the stream's own name).</summary>
    private static Dictionary<string, (Digest Digest, DigestLayout Layout)> DigestStreamsOf(P4InfoMessage info, LayoutManifest layout)
    {
        var names = DigestNames.ControlPlaneNames(layout.Digests.Select(d => d.Name));
        var result = new Dictionary<string, (Digest, DigestLayout)>(StringComparer.Ordinal);
        foreach (var l in layout.Digests)
        {
            var digest = info.Digests.FirstOrDefault(d => d.Preamble.Name == names[l.Name]) ?? info.Digests.FirstOrDefault(d => d.Preamble.Name == l.Name);
            if (digest is not null)
            {
                result.TryAdd(l.Name, (digest, l));
            }
        }
        return result;
    }

    public TableSchema Table(uint id) => Tables.TryGetValue(id, out var t) ? t : throw P4RuntimeException.NotFound($"no table with id {id}");
}
