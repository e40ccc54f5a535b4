using System.Numerics;
using Google.Rpc;
using P4.Config.V1;
using P4.V1;
using UpdateType = P4.V1.Update.Types.Type;

using Undo = System.Action;

namespace P4Bpf.P4Runtime.Core;

public sealed partial class DeviceState
{
    private static void RequireModify(UpdateType type, string what)
    {
        if (type != UpdateType.Modify)
        {
            throw P4RuntimeException.Invalid($"{what} can only be modified (got {type})");
        }
    }

    /// <summary>The cells an <c>Index</c> selects: one (range-checked) or all when unset.</summary>
    private static IEnumerable<long> Cells(P4.V1.Index? index, long size, string what)
    {
        if (index is null)
        {
            for (long i = 0; i < size; i++)
            {
                yield return i;
            }
            yield break;
        }
        if (index.Index_ < 0)
        {
            throw P4RuntimeException.Invalid($"{what}: negative index {index.Index_}");
        }
        if (index.Index_ >= size)
        {
            throw new P4RuntimeException(Code.OutOfRange, $"{what}: index {index.Index_} is past the size {size}");
        }
        yield return index.Index_;
    }

    private static void WriteCounter(PipelineState state, UpdateType type, CounterEntry entry, Action<Undo>? undo)
    {
        var counter = state.Schema.Counters.TryGetValue(entry.CounterId, out var c) ? c : throw P4RuntimeException.NotFound($"no counter with id {entry.CounterId}");
        RequireModify(type, "counter entries");
        if (entry.Data is null)
        {
            return;
        }
        var cells = Cells(entry.Index, counter.Size, counter.Preamble.Name).ToList();
        var device = state.Device;
        if (device is null)
        {
            return;
        }
        var name = counter.Preamble.Name;
        var old = undo is null ? null : cells.Select(i => device.ReadCounter(name, i)).ToList();
        foreach (var i in cells)
        {
            device.WriteCounter(name, i, new CounterValue(entry.Data.PacketCount, entry.Data.ByteCount));
        }
        undo?.Invoke(() =>
        {
            for (var k = 0; k < cells.Count; k++)
            {
                device.WriteCounter(name, cells[k], old![k]);
            }
        });
    }

    private static StoredEntry FindDirect(PipelineState state, TableEntry? te, uint resourceId, string what)
    {
        if (te is null)
        {
            throw P4RuntimeException.Invalid($"{what}: table_entry is required");
        }
        var table = state.Tables.TryGetValue(te.TableId, out var t) ? t : throw P4RuntimeException.NotFound($"no table with id {te.TableId}");
        if (resourceId == 0)
        {
            throw P4RuntimeException.Invalid($"table {table.Schema.Name} has no {what}");
        }
        var key = EntryCodec.DecodeMatch(table.Schema, te.Match, te.Priority).Key;
        return table.Entries.TryGetValue(key, out var e) ? e : throw P4RuntimeException.NotFound($"table {table.Schema.Name}: no such entry");
    }

    private static void WriteDirectCounter(PipelineState state, UpdateType type, DirectCounterEntry entry, Action<Undo>? undo)
    {
        RequireModify(type, "direct counter entries");
        var id = entry.TableEntry is { } te && state.Tables.TryGetValue(te.TableId, out var t) ? t.Schema.DirectCounterId : 0;
        var stored = FindDirect(state, entry.TableEntry, id, "direct counter");
        if (entry.Data is null || state.Device is not { } device)
        {
            return;
        }
        var old = device.ReadDirectCounter(stored.Device);
        device.WriteDirectCounter(stored.Device, new CounterValue(entry.Data.PacketCount, entry.Data.ByteCount));
        undo?.Invoke(() => device.WriteDirectCounter(stored.Device, old));
    }

    internal static MeterRates? Rates(MeterConfig? m) => m is null ? null : new MeterRates(m.Cir, m.Cburst, m.Pir, m.Pburst);

    private static void ValidateMeter(MeterConfig m, MeterSpec spec)
    {
        if (m.Cir < 0 || m.Cburst < 0 || m.Pir < 0 || m.Pburst < 0 || m.Eburst < 0)
        {
            throw P4RuntimeException.Invalid("meter rates and bursts must not be negative");
        }
        switch (spec.Type)
        {
            case MeterSpec.Types.Type.TwoRateThreeColor when m.Eburst != 0:
                throw P4RuntimeException.Invalid("a two-rate three-colour meter has no eburst");
            case MeterSpec.Types.Type.TwoRateThreeColor when m.Cir > m.Pir:
                throw P4RuntimeException.Invalid("meter cir must not exceed pir");
            case MeterSpec.Types.Type.SingleRateThreeColor when m.Cir != m.Pir || m.Cburst != m.Pburst:
            case MeterSpec.Types.Type.SingleRateTwoColor when m.Cir != m.Pir || m.Cburst != m.Pburst || m.Eburst != 0:
                throw P4RuntimeException.Invalid("a single-rate meter needs cir == pir and cburst == pburst");
        }
    }

    private static void WriteMeter(PipelineState state, UpdateType type, MeterEntry entry, Action<Undo>? undo)
    {
        var meter = state.Schema.Meters.TryGetValue(entry.MeterId, out var m) ? m : throw P4RuntimeException.NotFound($"no meter with id {entry.MeterId}");
        RequireModify(type, "meter entries");
        if (entry.CounterData is not null)
        {
            throw P4RuntimeException.Unimplemented("per-colour meter counters");
        }
        if (entry.Config is not null)
        {
            ValidateMeter(entry.Config, meter.Spec);
        }
        var cells = Cells(entry.Index, meter.Size, meter.Preamble.Name).ToList();
        var old = cells.Select(i => state.Meters.GetValueOrDefault((meter.Preamble.Id, i))).ToList();
        foreach (var i in cells)
        {
            state.Device?.WriteMeter(meter.Preamble.Name, i, Rates(entry.Config));
            if (entry.Config is null)
            {
                state.Meters.Remove((meter.Preamble.Id, i));
            }
            else
            {
                state.Meters[(meter.Preamble.Id, i)] = entry.Config;
            }
        }
        undo?.Invoke(() =>
        {
            for (var k = 0; k < cells.Count; k++)
            {
                state.Device?.WriteMeter(meter.Preamble.Name, cells[k], Rates(old[k]));
                if (old[k] is null)
                {
                    state.Meters.Remove((meter.Preamble.Id, cells[k]));
                }
                else
                {
                    state.Meters[(meter.Preamble.Id, cells[k])] = old[k]!;
                }
            }
        });
    }

    private static void WriteDirectMeter(PipelineState state, UpdateType type, DirectMeterEntry entry, Action<Undo>? undo)
    {
        RequireModify(type, "direct meter entries");
        var id = entry.TableEntry is { } te && state.Tables.TryGetValue(te.TableId, out var t) ? t.Schema.DirectMeterId : 0;
        var stored = FindDirect(state, entry.TableEntry, id, "direct meter");
        if (entry.CounterData is not null)
        {
            throw P4RuntimeException.Unimplemented("per-colour meter counters");
        }
        if (entry.Config is not null)
        {
            ValidateMeter(entry.Config, state.Schema.DirectMeters[id].Spec);
        }
        var old = stored.Meter;
        state.Device?.WriteDirectMeter(stored.Device, Rates(entry.Config));
        stored.Meter = entry.Config;
        undo?.Invoke(() =>
        {
            state.Device?.WriteDirectMeter(stored.Device, Rates(old));
            stored.Meter = old;
        });
    }

    private static int RegisterWidth(Register register) =>
        register.TypeSpec?.Bitstring is { } b && b.TypeSpecCase == P4BitstringLikeTypeSpec.TypeSpecOneofCase.Bit ? b.Bit.Bitwidth
        : register.TypeSpec?.Bitstring is { Int: { } i } ? i.Bitwidth
        : register.TypeSpec?.TypeSpecCase == P4DataTypeSpec.TypeSpecOneofCase.Bool ? 1
        : throw P4RuntimeException.Unimplemented($"register {register.Preamble.Name}: cells that are not bit<W>/int<W>/bool");

    private static void WriteRegister(PipelineState state, UpdateType type, RegisterEntry entry, Action<Undo>? undo)
    {
        var register = state.Schema.Registers.TryGetValue(entry.RegisterId, out var r) ? r : throw P4RuntimeException.NotFound($"no register with id {entry.RegisterId}");
        if (type == UpdateType.Delete)
        {
            throw P4RuntimeException.Invalid("register entries cannot be deleted");
        }
        var width = RegisterWidth(register);
        var data = entry.Data ?? throw P4RuntimeException.Invalid($"register {register.Preamble.Name}: data is required");
        var value = data.DataCase switch
        {
            P4Data.DataOneofCase.Bitstring => ByteStrings.Parse(data.Bitstring, width, $"register {register.Preamble.Name}", Code.InvalidArgument),
            P4Data.DataOneofCase.Bool when width == 1 => data.Bool ? BigInteger.One : BigInteger.Zero,
            _ => throw P4RuntimeException.Invalid($"register {register.Preamble.Name}: data must be a bitstring of {width} bits"),
        };
        var cells = Cells(entry.Index, register.Size, register.Preamble.Name).ToList();
        if (state.Device is not { } device)
        {
            return;
        }
        var name = register.Preamble.Name;
        var old = undo is null ? null : cells.Select(i => device.ReadRegister(name, i)).ToList();
        foreach (var i in cells)
        {
            device.WriteRegister(name, i, value);
        }
        undo?.Invoke(() =>
        {
            for (var k = 0; k < cells.Count; k++)
            {
                device.WriteRegister(name, cells[k], old![k]);
            }
        });
    }

    internal static IReadOnlyList<ReplicaTarget> Replicas(IEnumerable<Replica> replicas)
    {
        var result = new List<ReplicaTarget>();
        foreach (var r in replicas)
        {
            if (r.BackupReplicas.Count > 0)
            {
                throw P4RuntimeException.Unimplemented("backup replicas");
            }
            var port = r.PortKindCase switch
            {
                Replica.PortKindOneofCase.Port => (uint)ByteStrings.Parse(r.Port, 32, "replica port"),
                Replica.PortKindOneofCase.EgressPort => r.EgressPort,
                _ => throw P4RuntimeException.Invalid("replica has no port"),
            };
            var target = new ReplicaTarget(port, r.Instance);
            if (result.Contains(target))
            {
                throw P4RuntimeException.Invalid($"replica (port {port}, instance {r.Instance}) is listed twice");
            }
            result.Add(target);
        }
        return result;
    }

    private static Replica CanonicalReplica(Replica r)
    {
        var port = r.PortKindCase == Replica.PortKindOneofCase.Port ? ByteStrings.Parse(r.Port, 32, "replica port") : r.EgressPort;
        return new Replica { Port = ByteStrings.Canonical(port), Instance = r.Instance };
    }

    private static void WritePre(PipelineState state, UpdateType type, PacketReplicationEngineEntry entry, Action<Undo>? undo)
    {
        var device = state.Device;
        switch (entry.TypeCase)
        {
            case PacketReplicationEngineEntry.TypeOneofCase.MulticastGroupEntry:
            {
                var g = entry.MulticastGroupEntry;
                if (g.MulticastGroupId == 0)
                {
                    throw P4RuntimeException.Invalid("multicast_group_id must be > 0");
                }
                var replicas = type == UpdateType.Delete ? null : Replicas(g.Replicas);
                var canonical = new MulticastGroupEntry { MulticastGroupId = g.MulticastGroupId, Metadata = g.Metadata };
                canonical.Replicas.AddRange(g.Replicas.Select(CanonicalReplica));
                Upsert(state.MulticastGroups, g.MulticastGroupId, type, canonical, $"multicast group {g.MulticastGroupId}",
                    v => device?.SetMulticastGroup(g.MulticastGroupId, v is null ? null : Replicas(v.Replicas)), undo);
                _ = replicas;
                break;
            }
            case PacketReplicationEngineEntry.TypeOneofCase.CloneSessionEntry:
            {
                var s = entry.CloneSessionEntry;
                if (s.SessionId == 0)
                {
                    throw P4RuntimeException.Invalid("session_id must be > 0");
                }
                if (s.PacketLengthBytes < 0)
                {
                    throw P4RuntimeException.Invalid("packet_length_bytes must not be negative");
                }
                if (type != UpdateType.Delete)
                {
                    _ = Replicas(s.Replicas);
                }
                var canonical = new CloneSessionEntry { SessionId = s.SessionId, ClassOfService = s.ClassOfService, PacketLengthBytes = s.PacketLengthBytes };
                canonical.Replicas.AddRange(s.Replicas.Select(CanonicalReplica));
                Upsert(state.CloneSessions, s.SessionId, type, canonical, $"clone session {s.SessionId}",
                    v => device?.SetCloneSession(s.SessionId, v is null ? null : new CloneSession(Replicas(v.Replicas), v.ClassOfService, v.PacketLengthBytes)), undo);
                break;
            }
            default:
                throw P4RuntimeException.Invalid("packet replication engine entry has no type");
        }
    }

    /// <summary>INSERT/MODIFY/DELETE of a keyed store with the spec's ALREADY_EXISTS/NOT_FOUND, applying to the device first.</summary>
    private static void Upsert<T>(IDictionary<uint, T> store, uint id, UpdateType type, T value, string what, Action<T?> apply, Action<Undo>? undo) where T : class
    {
        store.TryGetValue(id, out var old);
        switch (type)
        {
            case UpdateType.Insert when old is not null:
                throw new P4RuntimeException(Code.AlreadyExists, $"{what} exists");
            case UpdateType.Modify or UpdateType.Delete when old is null:
                throw P4RuntimeException.NotFound($"{what} does not exist");
        }
        var next = type == UpdateType.Delete ? null : value;
        apply(next);
        if (next is null)
        {
            store.Remove(id);
        }
        else
        {
            store[id] = next;
        }
        undo?.Invoke(() =>
        {
            apply(old);
            if (old is null)
            {
                store.Remove(id);
            }
            else
            {
                store[id] = old;
            }
        });
    }

    internal static IReadOnlyList<BigInteger> ValueSetMembers(ValueSet vs, ValueSetEntry entry)
    {
        var result = new List<BigInteger>();
        var seen = new HashSet<BigInteger>();
        foreach (var member in entry.Members)
        {
            BigInteger packed = 0;
            foreach (var f in vs.Match)
            {
                var m = member.Match.FirstOrDefault(x => x.FieldId == f.Id) ?? throw P4RuntimeException.Invalid($"value set {vs.Preamble.Name}: member lacks field {f.Id}");
                if (m.FieldMatchTypeCase != FieldMatch.FieldMatchTypeOneofCase.Exact)
                {
                    throw P4RuntimeException.Unimplemented($"value set {vs.Preamble.Name}: non-exact members");
                }
                packed = (packed << f.Bitwidth) | ByteStrings.Parse(m.Exact.Value, f.Bitwidth, $"value set {vs.Preamble.Name} field {f.Id}");
            }
            if (member.Match.Count != vs.Match.Count)
            {
                throw P4RuntimeException.Invalid($"value set {vs.Preamble.Name}: member has unknown fields");
            }
            if (!seen.Add(packed))
            {
                throw new P4RuntimeException(Code.AlreadyExists, $"value set {vs.Preamble.Name}: duplicate member");
            }
            result.Add(packed);
        }
        if (vs.Size > 0 && result.Count > vs.Size)
        {
            throw new P4RuntimeException(Code.ResourceExhausted, $"value set {vs.Preamble.Name} holds at most {vs.Size} members");
        }
        return result;
    }

    private static void WriteValueSet(PipelineState state, UpdateType type, ValueSetEntry entry, Action<Undo>? undo)
    {
        var vs = state.Schema.ValueSets.TryGetValue(entry.ValueSetId, out var v) ? v : throw P4RuntimeException.NotFound($"no value set with id {entry.ValueSetId}");
        RequireModify(type, "value set entries");
        var members = ValueSetMembers(vs, entry);
        state.ValueSets.TryGetValue(entry.ValueSetId, out var old);
        state.Device?.SetValueSet(vs.Preamble.Name, members);
        state.ValueSets[entry.ValueSetId] = entry.Clone();
        undo?.Invoke(() =>
        {
            state.Device?.SetValueSet(vs.Preamble.Name, old is null ? [] : ValueSetMembers(vs, old));
            if (old is null)
            {
                state.ValueSets.Remove(entry.ValueSetId);
            }
            else
            {
                state.ValueSets[entry.ValueSetId] = old;
            }
        });
    }

    private static void WriteDigest(PipelineState state, UpdateType type, DigestEntry entry, Action<Undo>? undo)
    {
        var digest = state.Schema.Digests.TryGetValue(entry.DigestId, out var d) ? d : throw P4RuntimeException.NotFound($"no digest with id {entry.DigestId}");
        var config = entry.Config;
        if (type != UpdateType.Delete)
        {
            if (config is null)
            {
                throw P4RuntimeException.Invalid($"digest {digest.Preamble.Name}: config is required");
            }
            if (config.MaxTimeoutNs < 0 || config.MaxListSize < 0 || config.AckTimeoutNs < 0)
            {
                throw P4RuntimeException.Invalid($"digest {digest.Preamble.Name}: negative config values");
            }
        }
        Upsert(state.Digests, entry.DigestId, type, config?.Clone() ?? new DigestEntry.Types.Config(), $"digest {digest.Preamble.Name}", _ => { }, undo);
    }
}
