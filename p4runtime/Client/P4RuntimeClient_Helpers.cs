using System.Numerics;
using P4.V1;

namespace P4Bpf.P4Runtime.Client;

public sealed partial class P4RuntimeClient
{
    /// <summary>A table entry by names: match values as text (<see cref="MatchText"/>), params as text or numbers.</summary>
    public TableEntry Entry(string table, IReadOnlyDictionary<string, string> match, string? action = null, IReadOnlyDictionary<string, string>? args = null, int priority = 0)
    {
        var t = Info.Table(table);
        var entry = new TableEntry { TableId = t.Preamble.Id, Priority = priority };
        foreach (var (name, text) in match)
        {
            entry.Match.Add(MatchText.Parse(Info.Field(t, name), text));
        }
        if (action is not null)
        {
            entry.Action = new TableAction { Action = Action(action, args) };
        }
        return entry;
    }

    /// <summary>An action call by names.</summary>
    public P4.V1.Action Action(string action, IReadOnlyDictionary<string, string>? args = null)
    {
        var a = Info.Action(action);
        var result = new P4.V1.Action { ActionId = a.Preamble.Id };
        foreach (var (name, text) in args ?? new Dictionary<string, string>())
        {
            result.Params.Add(new P4.V1.Action.Types.Param { ParamId = Info.Param(a, name).Id, Value = Core.ByteStrings.Canonical(ValueText.Parse(text)) });
        }
        return result;
    }

    /// <summary>The default entry of a table: with an action sets it, without resets it to the program's default.</summary>
    public TableEntry DefaultEntry(string table, string? action = null, IReadOnlyDictionary<string, string>? args = null)
    {
        var entry = new TableEntry { TableId = Info.Table(table).Preamble.Id, IsDefaultAction = true };
        if (action is not null)
        {
            entry.Action = new TableAction { Action = Action(action, args) };
        }
        return entry;
    }

    public Task InsertAsync(TableEntry entry) => WriteAsync(Update.Types.Type.Insert, new Entity { TableEntry = entry });

    public Task ModifyAsync(TableEntry entry) => WriteAsync(Update.Types.Type.Modify, new Entity { TableEntry = entry });

    public Task DeleteAsync(TableEntry entry) => WriteAsync(Update.Types.Type.Delete, new Entity { TableEntry = entry });

    /// <summary>All entries of a table (or of every table when null), optionally with direct counters.</summary>
    public async Task<List<TableEntry>> ReadTableAsync(string? table = null, bool withCounters = false)
    {
        var filter = new TableEntry { TableId = table is null ? 0 : Info.Table(table).Preamble.Id };
        if (withCounters)
        {
            filter.CounterData = new CounterData();
        }
        return (await ReadAsync(new Entity { TableEntry = filter }).ConfigureAwait(false)).Select(e => e.TableEntry).ToList();
    }

    /// <summary>Counter cells by name (all cells when <paramref name="index"/> is null).</summary>
    public async Task<List<CounterEntry>> ReadCounterAsync(string counter, long? index = null)
    {
        var filter = new CounterEntry { CounterId = Info.Counter(counter).Preamble.Id, Index = index is { } i ? new P4.V1.Index { Index_ = i } : null };
        return (await ReadAsync(new Entity { CounterEntry = filter }).ConfigureAwait(false)).Select(e => e.CounterEntry).ToList();
    }

    /// <summary>Register cells by name (all cells when <paramref name="index"/> is null), as integers.</summary>
    public async Task<List<(long Index, BigInteger Value)>> ReadRegisterAsync(string register, long? index = null)
    {
        var filter = new RegisterEntry { RegisterId = Info.Register(register).Preamble.Id, Index = index is { } i ? new P4.V1.Index { Index_ = i } : null };
        return (await ReadAsync(new Entity { RegisterEntry = filter }).ConfigureAwait(false))
            .Select(e => (e.RegisterEntry.Index.Index_, new BigInteger(e.RegisterEntry.Data.Bitstring.Span, isUnsigned: true, isBigEndian: true))).ToList();
    }

    public Task WriteRegisterAsync(string register, long? index, BigInteger value) =>
        WriteAsync(Update.Types.Type.Modify, new Entity
        {
            RegisterEntry = new RegisterEntry
            {
                RegisterId = Info.Register(register).Preamble.Id,
                Index = index is { } i ? new P4.V1.Index { Index_ = i } : null,
                Data = new P4Data { Bitstring = Core.ByteStrings.Canonical(value) },
            },
        });

    /// <summary>Inserts, modifies or deletes a multicast group of (port, instance) replicas.</summary>
    public Task MulticastGroupAsync(Update.Types.Type type, uint groupId, IEnumerable<(uint Port, uint Instance)> replicas)
    {
        var group = new MulticastGroupEntry { MulticastGroupId = groupId };
        group.Replicas.AddRange(replicas.Select(r => new Replica { Port = Core.ByteStrings.Canonical(r.Port), Instance = r.Instance }));
        return WriteAsync(type, new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = group } });
    }

    /// <summary>Enables a digest (INSERT DigestEntry) with the given buffering.</summary>
    public Task EnableDigestAsync(string digest, long maxTimeoutNs = 0, int maxListSize = 1, long ackTimeoutNs = 0) =>
        WriteAsync(Update.Types.Type.Insert, new Entity
        {
            DigestEntry = new DigestEntry
            {
                DigestId = Info.Digest(digest).Preamble.Id,
                Config = new DigestEntry.Types.Config { MaxTimeoutNs = maxTimeoutNs, MaxListSize = maxListSize, AckTimeoutNs = ackTimeoutNs },
            },
        });
}
