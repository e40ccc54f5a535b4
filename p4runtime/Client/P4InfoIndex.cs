using P4.Config.V1;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.P4Runtime.Client;

/// <summary>Looks P4Info objects up by name (full name or alias), the way controllers refer to them.</summary>
public sealed class P4InfoIndex(P4InfoMessage info)
{
    public P4InfoMessage Info { get; } = info;

    private static T Find<T>(IEnumerable<T> items, Func<T, Preamble> preamble, string name, string kind) =>
        items.FirstOrDefault(i => preamble(i).Name == name)
        ?? items.FirstOrDefault(i => preamble(i).Alias == name)
        ?? throw new KeyNotFoundException($"no {kind} named {name} in the P4Info (known: {string.Join(", ", items.Select(i => preamble(i).Name))})");

    public Table Table(string name) => Find(Info.Tables, t => t.Preamble, name, "table");

    public P4.Config.V1.Action Action(string name) => Find(Info.Actions, a => a.Preamble, name, "action");

    public Counter Counter(string name) => Find(Info.Counters, c => c.Preamble, name, "counter");

    public DirectCounter DirectCounter(string name) => Find(Info.DirectCounters, c => c.Preamble, name, "direct counter");

    public Meter Meter(string name) => Find(Info.Meters, c => c.Preamble, name, "meter");

    public Register Register(string name) => Find(Info.Registers, c => c.Preamble, name, "register");

    public Digest Digest(string name) => Find(Info.Digests, c => c.Preamble, name, "digest");

    public ActionProfile ActionProfile(string name) => Find(Info.ActionProfiles, c => c.Preamble, name, "action profile");

    public ValueSet ValueSet(string name) => Find(Info.ValueSets, c => c.Preamble, name, "value set");

    public ControllerPacketMetadata? PacketOut => Info.ControllerPacketMetadata.FirstOrDefault(c => c.Preamble.Name == "packet_out");

    public ControllerPacketMetadata? PacketIn => Info.ControllerPacketMetadata.FirstOrDefault(c => c.Preamble.Name == "packet_in");

    public string TableName(uint id) => Info.Tables.FirstOrDefault(t => t.Preamble.Id == id)?.Preamble.Name ?? $"<table {id}>";

    public string ActionName(uint id) => Info.Actions.FirstOrDefault(t => t.Preamble.Id == id)?.Preamble.Name ?? $"<action {id}>";

    public string ActionProfileName(uint id) => Info.ActionProfiles.FirstOrDefault(t => t.Preamble.Id == id)?.Preamble.Name ?? $"<action profile {id}>";

    public MatchField Field(Table table, string name) =>
        table.MatchFields.FirstOrDefault(f => f.Name == name) ?? table.MatchFields.FirstOrDefault(f => f.Name.EndsWith("." + name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"table {table.Preamble.Name} has no match field {name} (fields: {string.Join(", ", table.MatchFields.Select(f => f.Name))})");

    public P4.Config.V1.Action.Types.Param Param(P4.Config.V1.Action action, string name) =>
        action.Params.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"action {action.Preamble.Name} has no param {name}");
}
