using Google.Rpc;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

/// <summary>The outcome of a Read: the entities found and, per filter, null or why it failed.</summary>
public sealed record ReadResult(IReadOnlyList<Entity> Entities, IReadOnlyList<P4RuntimeException?> Errors)
{
    public bool AllOk => Errors.All(e => e is null);
}

public sealed partial class DeviceState
{
    /// <summary>Read (§13): each filter's matching entities under one read lock; wildcards as §9.1.8 describes.</summary>
    /// <param name="scope">The reading role's scope: only its entities are returned (null: all).</param>
    /// <exception cref="P4RuntimeException">FAILED_PRECONDITION when no pipeline is set.</exception>
    public ReadResult Read(IReadOnlyList<Entity> filters, Security.RoleScope? scope = null)
    {
        rw.EnterReadLock();
        try
        {
            var state = active ?? throw new P4RuntimeException(Code.FailedPrecondition, "no forwarding pipeline config has been set");
            var result = new List<Entity>();
            var errors = new P4RuntimeException?[filters.Count];
            for (var i = 0; i < filters.Count; i++)
            {
                var mark = result.Count;
                try
                {
                    ReadInScope(state, filters[i], result, scope);
                }
                catch (P4RuntimeException ex)
                {
                    errors[i] = ex;
                    result.RemoveRange(mark, result.Count - mark);
                }
                catch (DeviceException ex)
                {
                    errors[i] = new P4RuntimeException(Code.Internal, ex.Message);
                    result.RemoveRange(mark, result.Count - mark);
                }
            }
            return new ReadResult(result, errors);
        }
        finally
        {
            rw.ExitReadLock();
        }
    }

    private static void ReadOne(PipelineState state, Entity filter, List<Entity> output)
    {
        switch (filter.EntityCase)
        {
            case Entity.EntityOneofCase.TableEntry:
                ReadTableEntries(state, filter.TableEntry, output);
                break;
            case Entity.EntityOneofCase.CounterEntry:
                ReadCounters(state, filter.CounterEntry, output);
                break;
            case Entity.EntityOneofCase.DirectCounterEntry:
                ReadDirectCounters(state, filter.DirectCounterEntry, output);
                break;
            case Entity.EntityOneofCase.MeterEntry:
                ReadMeters(state, filter.MeterEntry, output);
                break;
            case Entity.EntityOneofCase.RegisterEntry:
                ReadRegisters(state, filter.RegisterEntry, output);
                break;
            case Entity.EntityOneofCase.PacketReplicationEngineEntry:
                ReadPre(state, filter.PacketReplicationEngineEntry, output);
                break;
            case Entity.EntityOneofCase.ValueSetEntry:
                foreach (var vs in state.Schema.ValueSets.Values.Where(v => filter.ValueSetEntry.ValueSetId == 0 || v.Preamble.Id == filter.ValueSetEntry.ValueSetId))
                {
                    output.Add(new Entity { ValueSetEntry = state.ValueSets.TryGetValue(vs.Preamble.Id, out var e) ? e.Clone() : new ValueSetEntry { ValueSetId = vs.Preamble.Id } });
                }
                if (filter.ValueSetEntry.ValueSetId != 0 && !state.Schema.ValueSets.ContainsKey(filter.ValueSetEntry.ValueSetId))
                {
                    throw P4RuntimeException.NotFound($"no value set with id {filter.ValueSetEntry.ValueSetId}");
                }
                break;
            case Entity.EntityOneofCase.DigestEntry:
                if (filter.DigestEntry.DigestId != 0 && !state.Schema.Digests.ContainsKey(filter.DigestEntry.DigestId))
                {
                    throw P4RuntimeException.NotFound($"no digest with id {filter.DigestEntry.DigestId}");
                }
                foreach (var (id, config) in state.Digests.Where(d => filter.DigestEntry.DigestId == 0 || d.Key == filter.DigestEntry.DigestId))
                {
                    output.Add(new Entity { DigestEntry = new DigestEntry { DigestId = id, Config = config.Clone() } });
                }
                break;
            case Entity.EntityOneofCase.DirectMeterEntry:
                ReadDirectMeters(state, filter.DirectMeterEntry, output);
                break;
            case Entity.EntityOneofCase.ActionProfileMember:
                ReadActionProfileMembers(state, filter.ActionProfileMember, output);
                break;
            case Entity.EntityOneofCase.ActionProfileGroup:
                ReadActionProfileGroups(state, filter.ActionProfileGroup, output);
                break;
            case Entity.EntityOneofCase.ExternEntry:
                throw P4RuntimeException.Unimplemented("extern entries");
            default:
                throw P4RuntimeException.Invalid("entity has no type set");
        }
    }

    private static void ReadTableEntries(PipelineState state, TableEntry filter, List<Entity> output)
    {
        if (filter.TableId == 0 && (filter.Match.Count > 0 || filter.Priority != 0 || filter.Action is not null || filter.IsDefaultAction))
        {
            throw P4RuntimeException.Invalid("a read of all tables (table_id 0) takes no other filter");
        }
        if (filter.TableId != 0 && !state.Tables.ContainsKey(filter.TableId))
        {
            throw P4RuntimeException.NotFound($"no table with id {filter.TableId}");
        }
        IEnumerable<TableState> tables = filter.TableId == 0 ? state.Tables.Values : [state.Tables[filter.TableId]];
        var withCounters = filter.CounterData is not null;
        var withMeters = filter.MeterConfig is not null;
        foreach (var table in tables)
        {
            if (filter.IsDefaultAction)
            {
                var d = DefaultEntry(state, table);
                output.Add(new Entity { TableEntry = d });
                continue;
            }
            IEnumerable<StoredEntry> entries;
            if (filter.Match.Count > 0)
            {
                var key = EntryCodec.DecodeMatch(table.Schema, filter.Match, filter.Priority).Key;
                entries = table.Entries.TryGetValue(key, out var e) ? [e] : [];
            }
            else
            {
                entries = table.Entries.Values;
            }
            foreach (var e in entries)
            {
                if (filter.Priority != 0 && e.Proto.Priority != filter.Priority)
                {
                    continue;
                }
                if (filter.Action?.Action is { } fa && e.Proto.Action?.Action?.ActionId != fa.ActionId)
                {
                    continue;
                }
                if (!filter.Metadata.IsEmpty && filter.Metadata != e.Proto.Metadata)
                {
                    continue;
                }
                if (filter.ControllerMetadata != 0 && filter.ControllerMetadata != e.Proto.ControllerMetadata)
                {
                    continue;
                }
                var copy = e.Proto.Clone();
                if (withCounters && table.Schema.DirectCounterId != 0 && state.Device is { } device && !e.Proto.IsConst)
                {
                    var c = device.ReadDirectCounter(e.Device);
                    copy.CounterData = new CounterData { PacketCount = c.Packets, ByteCount = c.Bytes };
                }
                if (withMeters && e.Meter is { } m)
                {
                    copy.MeterConfig = m.Clone();
                }
                if (filter.TimeSinceLastHit is not null)
                {
                    copy.TimeSinceLastHit = TimeSinceLastHit(state, table, e);
                }
                output.Add(new Entity { TableEntry = copy });
            }
        }
    }

    private static void ReadCounters(PipelineState state, CounterEntry filter, List<Entity> output)
    {
        if (filter.CounterId != 0 && !state.Schema.Counters.ContainsKey(filter.CounterId))
        {
            throw P4RuntimeException.NotFound($"no counter with id {filter.CounterId}");
        }
        foreach (var counter in state.Schema.Counters.Values.Where(c => filter.CounterId == 0 || c.Preamble.Id == filter.CounterId))
        {
            foreach (var i in Cells(filter.Index, counter.Size, counter.Preamble.Name))
            {
                var v = state.Device?.ReadCounter(counter.Preamble.Name, i) ?? default;
                output.Add(new Entity { CounterEntry = new CounterEntry { CounterId = counter.Preamble.Id, Index = new P4.V1.Index { Index_ = i }, Data = new CounterData { PacketCount = v.Packets, ByteCount = v.Bytes } } });
            }
        }
    }

    private static IEnumerable<(TableState Table, StoredEntry Entry)> DirectTargets(PipelineState state, TableEntry? te, Func<TableSchema, uint> resource)
    {
        if (te is null || te.TableId == 0)
        {
            return state.Tables.Values.Where(t => resource(t.Schema) != 0).SelectMany(t => t.Entries.Values.Where(e => !e.Proto.IsConst).Select(e => (t, e)));
        }
        var table = state.Tables.TryGetValue(te.TableId, out var tt) ? tt : throw P4RuntimeException.NotFound($"no table with id {te.TableId}");
        if (resource(table.Schema) == 0)
        {
            throw P4RuntimeException.Invalid($"table {table.Schema.Name} has no such direct resource");
        }
        if (te.Match.Count == 0)
        {
            return table.Entries.Values.Select(e => (table, e));
        }
        var key = EntryCodec.DecodeMatch(table.Schema, te.Match, te.Priority).Key;
        return table.Entries.TryGetValue(key, out var found) ? [(table, found)] : throw P4RuntimeException.NotFound($"table {table.Schema.Name}: no such entry");
    }

    private static TableEntry KeyOnly(StoredEntry e)
    {
        var key = new TableEntry { TableId = e.Proto.TableId, Priority = e.Proto.Priority };
        key.Match.AddRange(e.Proto.Match);
        return key;
    }

    private static void ReadDirectCounters(PipelineState state, DirectCounterEntry filter, List<Entity> output)
    {
        foreach (var (_, e) in DirectTargets(state, filter.TableEntry, t => t.DirectCounterId).ToList())
        {
            var v = state.Device?.ReadDirectCounter(e.Device) ?? default;
            output.Add(new Entity { DirectCounterEntry = new DirectCounterEntry { TableEntry = KeyOnly(e), Data = new CounterData { PacketCount = v.Packets, ByteCount = v.Bytes } } });
        }
    }

    private static void ReadDirectMeters(PipelineState state, DirectMeterEntry filter, List<Entity> output)
    {
        foreach (var (_, e) in DirectTargets(state, filter.TableEntry, t => t.DirectMeterId).ToList())
        {
            output.Add(new Entity { DirectMeterEntry = new DirectMeterEntry { TableEntry = KeyOnly(e), Config = e.Meter?.Clone() } });
        }
    }

    private static void ReadMeters(PipelineState state, MeterEntry filter, List<Entity> output)
    {
        if (filter.MeterId != 0 && !state.Schema.Meters.ContainsKey(filter.MeterId))
        {
            throw P4RuntimeException.NotFound($"no meter with id {filter.MeterId}");
        }
        foreach (var meter in state.Schema.Meters.Values.Where(c => filter.MeterId == 0 || c.Preamble.Id == filter.MeterId))
        {
            foreach (var i in Cells(filter.Index, meter.Size, meter.Preamble.Name))
            {
                output.Add(new Entity { MeterEntry = new MeterEntry { MeterId = meter.Preamble.Id, Index = new P4.V1.Index { Index_ = i }, Config = state.Meters.GetValueOrDefault((meter.Preamble.Id, i))?.Clone() } });
            }
        }
    }

    private static void ReadRegisters(PipelineState state, RegisterEntry filter, List<Entity> output)
    {
        if (filter.RegisterId != 0 && !state.Schema.Registers.ContainsKey(filter.RegisterId))
        {
            throw P4RuntimeException.NotFound($"no register with id {filter.RegisterId}");
        }
        foreach (var register in state.Schema.Registers.Values.Where(c => filter.RegisterId == 0 || c.Preamble.Id == filter.RegisterId))
        {
            var width = RegisterWidth(register);
            foreach (var i in Cells(filter.Index, register.Size, register.Preamble.Name))
            {
                var v = state.Device?.ReadRegister(register.Preamble.Name, i) ?? 0;
                output.Add(new Entity { RegisterEntry = new RegisterEntry { RegisterId = register.Preamble.Id, Index = new P4.V1.Index { Index_ = i }, Data = new P4Data { Bitstring = ByteStrings.Canonical(v & ((System.Numerics.BigInteger.One << width) - 1)) } } });
            }
        }
    }

    private static void ReadPre(PipelineState state, PacketReplicationEngineEntry filter, List<Entity> output)
    {
        switch (filter.TypeCase)
        {
            case PacketReplicationEngineEntry.TypeOneofCase.MulticastGroupEntry:
                var gid = filter.MulticastGroupEntry.MulticastGroupId;
                foreach (var g in state.MulticastGroups.Values.Where(g => gid == 0 || g.MulticastGroupId == gid))
                {
                    output.Add(new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = g.Clone() } });
                }
                break;
            case PacketReplicationEngineEntry.TypeOneofCase.CloneSessionEntry:
                var sid = filter.CloneSessionEntry.SessionId;
                foreach (var s in state.CloneSessions.Values.Where(s => sid == 0 || s.SessionId == sid))
                {
                    output.Add(new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = s.Clone() } });
                }
                break;
            default:
                throw P4RuntimeException.Invalid("packet replication engine filter has no type");
        }
    }
}
