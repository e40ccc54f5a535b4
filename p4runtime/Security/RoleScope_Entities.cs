using P4.Config.V1;
using P4.V1;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Security;

public sealed partial class RoleScope
{
    /// <summary>A set of P4Info ids (or PRE numbers), or all of them.</summary>
    private sealed class IdSet(bool all, HashSet<uint> ids)
    {
        public static readonly IdSet None = new(false, []);

        public bool Contains(uint id) => all || ids.Contains(id);
    }

    /// <summary>The config's names turned into ids for one pipeline.</summary>
    private sealed record Resolved(PipelineSchema Schema, IdSet Tables, IdSet Counters, IdSet DirectCounters, IdSet Meters, IdSet DirectMeters,
        IdSet Registers, IdSet ActionProfiles, IdSet ValueSets, IdSet Digests, IdSet Multicast, IdSet CloneSessions);

    /// <summary>Whether an entity is in scope; <c>Wildcard</c> when it names no single object (a zero id: a read filter or a malformed write).</summary>
    /// <param name="Kind">The kind of object (for messages).</param>
    /// <param name="Id">Its P4Info id (a table's for direct resources) or PRE number.</param>
    private readonly record struct Decision(bool Allowed, bool Wildcard, string Kind, uint Id = 0);

    private Resolved Resolve(PipelineSchema schema)
    {
        if (cache is { } c && c.Schema == schema)
        {
            return c;
        }
        var info = schema.Info;
        var r = new Resolved(schema,
            Objects(Config.Tables, info.Tables.Select(t => t.Preamble)),
            Objects(Config.Counters, info.Counters.Select(t => t.Preamble)),
            Objects(Config.DirectCounters, info.DirectCounters.Select(t => t.Preamble)),
            Objects(Config.Meters, info.Meters.Select(t => t.Preamble)),
            Objects(Config.DirectMeters, info.DirectMeters.Select(t => t.Preamble)),
            Objects(Config.Registers, info.Registers.Select(t => t.Preamble)),
            Objects(Config.ActionProfiles, info.ActionProfiles.Select(t => t.Preamble)),
            Objects(Config.ValueSets, info.ValueSets.Select(t => t.Preamble)),
            Objects(Config.Digests, info.Digests.Select(t => t.Preamble)),
            Numbers(Config.MulticastGroups),
            Numbers(Config.CloneSessions));
        cache = r;
        return r;
    }

    private static IdSet Objects(ObjectScope? scope, IEnumerable<Preamble> objects)
    {
        if (scope is null)
        {
            return IdSet.None;
        }
        if (scope.All)
        {
            return new IdSet(true, []);
        }
        var ids = scope.Ids.ToHashSet();
        if (scope.Names.Count > 0)
        {
            var names = scope.Names.ToHashSet(StringComparer.Ordinal);
            ids.UnionWith(objects.Where(p => names.Contains(p.Name) || (p.Alias.Length > 0 && names.Contains(p.Alias))).Select(p => p.Id));
        }
        return new IdSet(false, ids);
    }

    private static IdSet Numbers(IdScope? scope) => scope is null ? IdSet.None : new IdSet(scope.All, scope.Ids.ToHashSet());

    private Decision Decide(PipelineSchema schema, Entity entity)
    {
        var r = Resolve(schema);
        Decision Direct(TableEntry? te, IdSet own, Func<TableSchema, uint> resource, string kind)
        {
            if (te is null || te.TableId == 0)
            {
                return new Decision(false, true, kind);
            }
            var allowed = r.Tables.Contains(te.TableId) || (schema.Tables.GetValueOrDefault(te.TableId) is { } t && resource(t) != 0 && own.Contains(resource(t)));
            return new Decision(allowed, false, kind, te.TableId);
        }
        return entity.EntityCase switch
        {
            Entity.EntityOneofCase.TableEntry => One(entity.TableEntry.TableId, r.Tables, "table"),
            Entity.EntityOneofCase.CounterEntry => One(entity.CounterEntry.CounterId, r.Counters, "counter"),
            Entity.EntityOneofCase.DirectCounterEntry => Direct(entity.DirectCounterEntry.TableEntry, r.DirectCounters, t => t.DirectCounterId, "direct counter"),
            Entity.EntityOneofCase.MeterEntry => One(entity.MeterEntry.MeterId, r.Meters, "meter"),
            Entity.EntityOneofCase.DirectMeterEntry => Direct(entity.DirectMeterEntry.TableEntry, r.DirectMeters, t => t.DirectMeterId, "direct meter"),
            Entity.EntityOneofCase.RegisterEntry => One(entity.RegisterEntry.RegisterId, r.Registers, "register"),
            Entity.EntityOneofCase.ActionProfileMember => One(entity.ActionProfileMember.ActionProfileId, r.ActionProfiles, "action profile"),
            Entity.EntityOneofCase.ActionProfileGroup => One(entity.ActionProfileGroup.ActionProfileId, r.ActionProfiles, "action profile"),
            Entity.EntityOneofCase.ValueSetEntry => One(entity.ValueSetEntry.ValueSetId, r.ValueSets, "value set"),
            Entity.EntityOneofCase.DigestEntry => One(entity.DigestEntry.DigestId, r.Digests, "digest"),
            Entity.EntityOneofCase.PacketReplicationEngineEntry => Pre(entity.PacketReplicationEngineEntry, r),
            Entity.EntityOneofCase.ExternEntry => new Decision(false, false, "extern entries"),
            _ => new Decision(false, true, "an entity"),
        };
    }

    private static Decision Pre(PacketReplicationEngineEntry pre, Resolved r) => pre.TypeCase switch
    {
        PacketReplicationEngineEntry.TypeOneofCase.MulticastGroupEntry => One(pre.MulticastGroupEntry.MulticastGroupId, r.Multicast, "multicast group"),
        PacketReplicationEngineEntry.TypeOneofCase.CloneSessionEntry => One(pre.CloneSessionEntry.SessionId, r.CloneSessions, "clone session"),
        _ => new Decision(false, true, "packet replication engine entries"),
    };

    private static Decision One(uint id, IdSet set, string kind) => id == 0 ? new Decision(false, true, kind) : new Decision(set.Contains(id), false, kind, id);

    /// <summary>"table MyIngress.acl", "the direct counter of table MyIngress.acl", "multicast group 5": for PERMISSION_DENIED messages.</summary>
    private static string Describe(PipelineSchema schema, Decision d)
    {
        var info = schema.Info;
        IEnumerable<Preamble> objects = d.Kind switch
        {
            "table" or "direct counter" or "direct meter" => info.Tables.Select(t => t.Preamble),
            "counter" => info.Counters.Select(t => t.Preamble),
            "meter" => info.Meters.Select(t => t.Preamble),
            "register" => info.Registers.Select(t => t.Preamble),
            "action profile" => info.ActionProfiles.Select(t => t.Preamble),
            "value set" => info.ValueSets.Select(t => t.Preamble),
            "digest" => info.Digests.Select(t => t.Preamble),
            _ => [],
        };
        if (d.Id == 0)
        {
            return d.Kind;
        }
        var name = objects.FirstOrDefault(p => p.Id == d.Id)?.Name ?? d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return d.Kind is "direct counter" or "direct meter" ? $"the {d.Kind} of table {name}" : $"{d.Kind} {name}";
    }
}
