using System.Numerics;
using P4.V1;
using P4Bpf.Midend.Ir;

namespace P4Bpf.P4Runtime.Core;

/// <summary>A table entry as the control plane wrote it (canonical) and its P4 form.</summary>
internal sealed class StoredEntry(P4.V1.TableEntry proto, DeviceEntry device)
{
    public P4.V1.TableEntry Proto { get; set; } = proto;

    public DeviceEntry Device { get; set; } = device;

    public MeterConfig? Meter { get; set; }

    /// <summary>Start of the current idle period (<see cref="System.Diagnostics.Stopwatch"/> timestamp): the write, or the last notification.</summary>
    public long Armed { get; set; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>When the entry was written (<see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long Written { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The last hit the device reported (0: none).</summary>
    public long LastHit { get; set; }

    /// <summary>The hidden group and members of a one-shot entry.</summary>
    public OneShotGroup? OneShot { get; set; }
}

/// <summary>One table's control-plane state.</summary>
internal sealed class TableState(TableSchema schema)
{
    public TableSchema Schema { get; } = schema;

    public Dictionary<string, StoredEntry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The default action written by the controller (null: the program's initial default).</summary>
    public P4.V1.Action? DefaultAction { get; set; }

    public (string Action, BigInteger[] Args)? DefaultDevice { get; set; }

    /// <summary>The device records hits on this table's entries (idle timeouts).</summary>
    public bool ObservingHits { get; set; }
}

/// <summary>Everything written to one realised (or saved) pipeline: the schema, the device (null while only saved) and the control-plane stores.</summary>
internal sealed class PipelineState
{
    public PipelineState(ForwardingPipelineConfig config, PipelineSchema schema, IP4Device? device)
    {
        Config = config;
        Schema = schema;
        Device = device;
        Tables = schema.Tables.Values.ToDictionary(t => t.Id, t => new TableState(t));
        Profiles = schema.ActionProfiles.Values.ToDictionary(p => p.Id, p => new ActionProfileState(p));
    }

    public ForwardingPipelineConfig Config { get; }

    public PipelineSchema Schema { get; }

    public IP4Device? Device { get; set; }

    public Dictionary<uint, TableState> Tables { get; }

    public Dictionary<uint, ActionProfileState> Profiles { get; }

    public Dictionary<(uint Id, long Index), MeterConfig> Meters { get; } = [];

    public SortedDictionary<uint, MulticastGroupEntry> MulticastGroups { get; } = [];

    public SortedDictionary<uint, CloneSessionEntry> CloneSessions { get; } = [];

    public Dictionary<uint, ValueSetEntry> ValueSets { get; } = [];

    public Dictionary<uint, DigestEntry.Types.Config> Digests { get; } = [];

    /// <summary>Replays the control-plane state into a freshly created device (COMMIT after a save, RECONCILE_AND_COMMIT).</summary>
    public void ReplayInto(IP4Device device)
    {
        DeviceState.ReplayProfiles(this, device);
        foreach (var table in Tables.Values)
        {
            foreach (var e in table.Entries.Values.Where(e => !e.Proto.IsConst))
            {
                if (e.OneShot is { } oneShot)
                {
                    DeviceState.ProgramOneShot(device, Profiles[table.Schema.Info.ImplementationId].Schema, oneShot);
                }
                device.InsertEntry(e.Device);
                if (e.Meter is { } m)
                {
                    device.WriteDirectMeter(e.Device, DeviceState.Rates(m));
                }
            }
            if (table.DefaultDevice is { } d)
            {
                device.SetDefaultAction(table.Schema.Name, d.Action, d.Args);
            }
        }
        foreach (var ((id, index), config) in Meters)
        {
            device.WriteMeter(Schema.Meters[id].Preamble.Name, index, DeviceState.Rates(config));
        }
        foreach (var g in MulticastGroups.Values)
        {
            device.SetMulticastGroup(g.MulticastGroupId, DeviceState.Replicas(g.Replicas));
        }
        foreach (var s in CloneSessions.Values)
        {
            device.SetCloneSession(s.SessionId, new CloneSession(DeviceState.Replicas(s.Replicas), s.ClassOfService, s.PacketLengthBytes));
        }
        foreach (var v in ValueSets.Values)
        {
            device.SetValueSet(Schema.ValueSets[v.ValueSetId].Preamble.Name, DeviceState.ValueSetMembers(Schema.ValueSets[v.ValueSetId], v));
        }
    }

    /// <summary>Adds the program's own entries (from the layout) so they can be read back, const ones with <c>is_const</c>.</summary>
    public void LoadInitialEntries()
    {
        foreach (var table in Tables.Values)
        {
            var layout = Schema.Layout.Tables.First(t => t.Name == table.Schema.Name);
            foreach (var entry in layout.Entries)
            {
                var keys = entry.Keys.Select((k, i) => InitialEntryText.ParseKey(k, layout.Key[i].Width)).ToList();
                var proto = new P4.V1.TableEntry
                {
                    TableId = table.Schema.Id,
                    Priority = table.Schema.NeedsPriority ? Math.Max(1, entry.Priority) : 0,
                    IsConst = layout.EntriesConst,
                };
                for (var i = 0; i < keys.Count; i++)
                {
                    if (EntryCodec.ToFieldMatch(table.Schema.Fields[i], keys[i]) is { } fm)
                    {
                        proto.Match.Add(fm);
                    }
                }
                var action = table.Schema.Actions.Values.FirstOrDefault(a => a.Name == entry.Action);
                var args = entry.Arguments.Select(a => InitialEntryText.ParseNumber(a)).ToArray();
                if (action is not null)
                {
                    var pa = new P4.V1.Action { ActionId = action.Id };
                    for (var i = 0; i < args.Length && i < action.Params.Count; i++)
                    {
                        pa.Params.Add(new P4.V1.Action.Types.Param { ParamId = action.Params[i].Id, Value = ByteStrings.Canonical(args[i]) });
                    }
                    proto.Action = new TableAction { Action = pa };
                }
                var decoded = EntryCodec.DecodeMatch(table.Schema, proto.Match, proto.Priority);
                table.Entries[decoded.Key] = new StoredEntry(proto, new DeviceEntry(table.Schema.Name, decoded.Keys, proto.Priority, entry.Action, args));
            }
        }
    }
}

/// <summary>Parses the P4 text of initial entries in the layout manifest (<c>0x0a000000/8</c>, <c>0x10 &amp;&amp;&amp; 0xf0</c>, <c>1..5</c>, <c>_</c>).</summary>
internal static class InitialEntryText
{
    public static KeyMatch ParseKey(string text, int width)
    {
        text = text.Trim();
        if (text is "_" or "default")
        {
            return WildcardMatch.Instance;
        }
        if (text.Contains("&&&", StringComparison.Ordinal))
        {
            var parts = text.Split("&&&");
            return new TernaryMatch(ParseNumber(parts[0]), ParseNumber(parts[1]));
        }
        if (text.Contains("..", StringComparison.Ordinal))
        {
            var parts = text.Split("..");
            return new RangeMatch(ParseNumber(parts[0]), ParseNumber(parts[1]));
        }
        if (text.Contains('/'))
        {
            var parts = text.Split('/');
            return new LpmMatch(ParseNumber(parts[0]), (int)ParseNumber(parts[1]));
        }
        var v = ParseNumber(text);
        return new ExactMatch(v.Sign < 0 ? v & ((BigInteger.One << width) - 1) : v);
    }

    public static BigInteger ParseNumber(string text)
    {
        text = text.Trim();
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }
        var v = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? BigInteger.Parse("0" + text[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)
            : BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return negative ? -v : v;
    }
}
