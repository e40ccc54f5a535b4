using System.Numerics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using P4.Config.V1;
using P4.V1;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Security;

/// <summary>A role's scope (a <see cref="RoleConfig"/>) applied to the active pipeline: which entities the role may write and read, and its packet I/O.</summary>
/// <remarks>
/// Full access (the default role, or a role without a config) is represented by no scope at all (<c>null</c>).
/// Names resolve against the pipeline at use, so a scope survives a pipeline change; names the pipeline lacks match nothing.
/// A table entry that uses its table's action profile (a member, a group or a one-shot action set) needs that profile in the scope
/// too (the table's P4Info <c>implementation_id</c>): owning the table alone does not let a role point it at another role's members and groups.
/// </remarks>
public sealed partial class RoleScope
{
    /// <summary>The type URL of a <see cref="RoleConfig"/> packed in <c>Role.config</c>.</summary>
    public static readonly string TypeUrl = "type.googleapis.com/" + RoleConfig.Descriptor.FullName;

    private volatile Resolved? cache;

    public RoleScope(string role, RoleConfig config)
    {
        Role = role;
        Config = config;
    }

    public string Role { get; }

    public RoleConfig Config { get; }

    public bool SendsPacketOut => Config.SendsPacketOut;

    public bool CanPushPipeline => Config.CanPushPipeline;

    /// <summary>The scope a controller sent in <c>Role.config</c>: null when absent (full access); INVALID_ARGUMENT when it is not a p4bpf.RoleConfig.</summary>
    public static RoleScope? FromAny(string role, Any? config)
    {
        if (config is null)
        {
            return null;
        }
        if (config.TypeUrl != TypeUrl)
        {
            throw P4RuntimeException.Invalid($"role.config must be a {RoleConfig.Descriptor.FullName} (type URL {TypeUrl}), not '{config.TypeUrl}'");
        }
        RoleConfig parsed;
        try
        {
            parsed = RoleConfig.Parser.ParseFrom(config.Value);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw P4RuntimeException.Invalid($"role.config is not a valid {RoleConfig.Descriptor.FullName}: {ex.Message}");
        }
        foreach (var f in parsed.PacketInFilter)
        {
            if ((f.MetadataId == 0) == (f.MetadataName.Length == 0))
            {
                throw P4RuntimeException.Invalid("role.config packet_in_filter: give exactly one of metadata_id and metadata_name");
            }
        }
        return new RoleScope(role, parsed);
    }

    /// <summary>The config as sent in arbitration replies.</summary>
    public Any ToAny() => Any.Pack(Config);

    /// <summary>Names and ids of the config that the pipeline does not have (an operator's typo), one message each.</summary>
    public IReadOnlyList<string> Problems(PipelineSchema schema)
    {
        var problems = new List<string>();
        var info = schema.Info;
        void Check(ObjectScope? scope, string kind, IEnumerable<Preamble> objects)
        {
            if (scope is null)
            {
                return;
            }
            var list = objects.ToList();
            foreach (var n in scope.Names.Where(n => !list.Any(p => p.Name == n || p.Alias == n)))
            {
                problems.Add($"role '{Role}': no {kind} named '{n}' in the P4Info");
            }
            foreach (var id in scope.Ids.Where(id => !list.Any(p => p.Id == id)))
            {
                problems.Add($"role '{Role}': no {kind} with id {id} in the P4Info");
            }
        }
        Check(Config.Tables, "table", info.Tables.Select(t => t.Preamble));
        Check(Config.Counters, "counter", info.Counters.Select(t => t.Preamble));
        Check(Config.DirectCounters, "direct counter", info.DirectCounters.Select(t => t.Preamble));
        Check(Config.Meters, "meter", info.Meters.Select(t => t.Preamble));
        Check(Config.DirectMeters, "direct meter", info.DirectMeters.Select(t => t.Preamble));
        Check(Config.Registers, "register", info.Registers.Select(t => t.Preamble));
        Check(Config.ActionProfiles, "action profile", info.ActionProfiles.Select(t => t.Preamble));
        Check(Config.ValueSets, "value set", info.ValueSets.Select(t => t.Preamble));
        Check(Config.Digests, "digest", info.Digests.Select(t => t.Preamble));
        foreach (var f in Config.PacketInFilter.Where(f => f.MetadataName.Length > 0 && schema.PacketIn?.Metadata.Any(m => m.Name == f.MetadataName) != true))
        {
            problems.Add($"role '{Role}': packet_in has no metadata named '{f.MetadataName}'");
        }
        return problems;
    }

    /// <summary>PERMISSION_DENIED when a Write update's entity is outside the scope (a zero id is left to the entity's own validation).</summary>
    public void CheckWrite(PipelineSchema schema, Entity? entity)
    {
        if (entity is not null && Decide(schema, entity) is { Allowed: false, Wildcard: false } d)
        {
            throw new P4RuntimeException(Code.PermissionDenied, $"role '{Role}' may not write {Describe(schema, d)}");
        }
    }

    /// <summary>PERMISSION_DENIED when a Read filter names one object outside the scope; wildcard filters pass (their results are filtered with <see cref="Allows"/>).</summary>
    public void CheckRead(PipelineSchema schema, Entity filter)
    {
        if (Decide(schema, filter) is { Allowed: false, Wildcard: false } d)
        {
            throw new P4RuntimeException(Code.PermissionDenied, $"role '{Role}' may not read {Describe(schema, d)}");
        }
    }

    /// <summary>True when a concrete entity (a Read result) belongs to the scope.</summary>
    public bool Allows(PipelineSchema schema, Entity entity) => Decide(schema, entity).Allowed;

    /// <summary>True when the scope covers the digest (its configuration, lists and acks).</summary>
    public bool AllowsDigest(PipelineSchema schema, uint digestId) => Resolve(schema).Digests.Contains(digestId);

    /// <summary>True when the role receives this PacketIn: it receives packet-ins and every filter matches.</summary>
    public bool ReceivesPacketIn(PipelineSchema? schema, PacketIn packet)
    {
        if (!Config.ReceivesPacketIn)
        {
            return false;
        }
        foreach (var f in Config.PacketInFilter)
        {
            var id = f.MetadataId != 0 ? f.MetadataId : schema?.PacketIn?.Metadata.FirstOrDefault(m => m.Name == f.MetadataName)?.Id ?? 0;
            var value = packet.Metadata.FirstOrDefault(m => m.MetadataId == id);
            if (id == 0 || value is null || Unsigned(value.Value) != Unsigned(f.Value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>What a stream message broadcast to the primaries becomes for a role: itself, a copy limited to the role's entities, or null (not delivered).</summary>
    public static StreamMessageResponse? ForRole(RoleScope? scope, PipelineSchema? schema, StreamMessageResponse message)
    {
        if (scope is null)
        {
            return message;
        }
        switch (message.UpdateCase)
        {
            case StreamMessageResponse.UpdateOneofCase.Packet:
                return scope.ReceivesPacketIn(schema, message.Packet) ? message : null;
            case StreamMessageResponse.UpdateOneofCase.Digest:
                return schema is not null && scope.AllowsDigest(schema, message.Digest.DigestId) ? message : null;
            case StreamMessageResponse.UpdateOneofCase.IdleTimeoutNotification:
                if (schema is null)
                {
                    return null;
                }
                var tables = scope.Resolve(schema).Tables;
                var entries = message.IdleTimeoutNotification.TableEntry.Where(e => tables.Contains(e.TableId)).ToList();
                if (entries.Count == message.IdleTimeoutNotification.TableEntry.Count)
                {
                    return message;
                }
                if (entries.Count == 0)
                {
                    return null;
                }
                var n = new IdleTimeoutNotification { Timestamp = message.IdleTimeoutNotification.Timestamp };
                n.TableEntry.AddRange(entries);
                return new StreamMessageResponse { IdleTimeoutNotification = n };
            default:
                return message;
        }
    }

    private static BigInteger Unsigned(ByteString b) => new(b.Span, isUnsigned: true, isBigEndian: true);
}
