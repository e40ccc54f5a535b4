using System.Numerics;
using P4Bpf.Midend.Ir;

namespace P4Bpf.P4Runtime.Core;

/// <summary>One table entry in P4 terms: table and action by name, key components in key order (<see cref="WildcardMatch"/> for don't-care fields).</summary>
/// <remarks>Entries of tables with an action profile or selector set <see cref="Reference"/> instead of an action (Action is then empty).</remarks>
public sealed record DeviceEntry(string Table, IReadOnlyList<KeyMatch> Keys, int Priority, string Action, IReadOnlyList<BigInteger> Arguments)
{
    /// <summary>The action profile member or selector group the entry runs.</summary>
    public ProfileRef? Reference { get; init; }
}

/// <summary>A reference from a table entry to an action profile member or a selector group (data-plane ids).</summary>
public sealed record ProfileRef(bool IsGroup, uint Id);

/// <summary>Packet and byte counts of one counter cell.</summary>
public readonly record struct CounterValue(long Packets, long Bytes);

/// <summary>Meter rates (units per second) and bursts (units); null means "default: everything green".</summary>
public sealed record MeterRates(long Cir, long Cburst, long Pir, long Pburst);

/// <summary>One copy made by the packet replication engine.</summary>
public readonly record struct ReplicaTarget(uint Port, uint Instance);

/// <summary>A clone session: where copies go, their class of service and truncation length (0 = whole packet).</summary>
public sealed record CloneSession(IReadOnlyList<ReplicaTarget> Replicas, uint ClassOfService, int PacketLengthBytes);

/// <summary>Why a device operation failed.</summary>
public enum DeviceErrorKind
{
    /// <summary>A table, map or group is full.</summary>
    Full,

    /// <summary>The target does not implement this.</summary>
    Unsupported,

    /// <summary>The request is not valid for this pipeline.</summary>
    Invalid,

    /// <summary>The target failed.</summary>
    Internal,
}

/// <summary>A failure reported by an <see cref="IP4Device"/>; the core maps it to a canonical code.</summary>
public sealed class DeviceException(DeviceErrorKind kind, string message) : Exception(message)
{
    public DeviceErrorKind Kind { get; } = kind;
}

/// <summary>The data plane a P4Runtime device programs, in P4 terms (names from the layout manifest, values as integers).</summary>
/// <remarks>
/// The P4Runtime core owns all control-plane state (what was written, canonical forms, metadata) and calls this only to
/// change or observe the data plane. An implementation installs the program's own initial entries when it is created.
/// Every method throws <see cref="DeviceException"/> on failure and leaves the data plane unchanged.
/// </remarks>
public interface IP4Device : IDisposable
{
    void InsertEntry(DeviceEntry entry);

    void ModifyEntry(DeviceEntry entry);

    void DeleteEntry(DeviceEntry entry);

    /// <summary>Sets a table's default action; null <paramref name="action"/> restores the program's initial default.</summary>
    void SetDefaultAction(string table, string? action, IReadOnlyList<BigInteger> arguments);

    CounterValue ReadCounter(string counter, long index);

    void WriteCounter(string counter, long index, CounterValue value);

    CounterValue ReadDirectCounter(DeviceEntry entry);

    void WriteDirectCounter(DeviceEntry entry, CounterValue value);

    void WriteMeter(string meter, long index, MeterRates? rates);

    void WriteDirectMeter(DeviceEntry entry, MeterRates? rates);

    BigInteger ReadRegister(string register, long index);

    void WriteRegister(string register, long index, BigInteger value);

    /// <summary>Replaces a parser value set's members.</summary>
    void SetValueSet(string valueSet, IReadOnlyList<BigInteger> members);

    /// <summary>Creates or replaces (non-null) or deletes (null) a multicast group.</summary>
    void SetMulticastGroup(uint groupId, IReadOnlyList<ReplicaTarget>? replicas);

    /// <summary>Creates or replaces (non-null) or deletes (null) a clone session.</summary>
    void SetCloneSession(uint sessionId, CloneSession? session);

    /// <summary>Creates or replaces (non-null <paramref name="action"/>) or deletes (null) member <paramref name="memberId"/> of an action profile or selector.</summary>
    void SetProfileMember(string profile, uint memberId, string? action, IReadOnlyList<BigInteger> arguments);

    /// <summary>Creates or replaces (non-null) or deletes (null) a selector group; <paramref name="slots"/> are member ids, a member repeated by its weight.</summary>
    void SetProfileGroup(string profile, uint groupId, IReadOnlyList<uint>? slots);

    /// <summary>Starts recording when entries of <paramref name="table"/> are hit (idle timeouts); false when the target cannot observe hits.</summary>
    bool ObserveHits(string table);

    /// <summary>When a packet last hit <paramref name="entry"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or null if none did since <see cref="ObserveHits"/>.</summary>
    long? LastHit(DeviceEntry entry);

    /// <summary>Injects a packet from the controller: the packet_out header (if the program has one) followed by the payload.</summary>
    void SendPacketOut(byte[] packet);

    /// <summary>Raised for every packet the pipeline sends to the CPU port (packet_in header first).</summary>
    event Action<byte[]>? PacketIn;

    /// <summary>Raised for every digest the pipeline emits: the digest's name and its struct in host layout (per the layout manifest).</summary>
    event Action<string, byte[]>? Digest;
}
