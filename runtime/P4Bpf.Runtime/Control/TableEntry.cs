using System.Numerics;

namespace P4Bpf.Runtime.Control;

/// <summary>A table entry in P4 terms: one match per key field (in the table's key order), the action and its arguments, the priority
/// (larger wins; ternary/range/optional tables need one of at least 1).</summary>
/// <remarks>In a table with an action profile or selector, <see cref="Reference"/> names the member or group instead (Action is then empty).</remarks>
public sealed record TableEntry(string Table, IReadOnlyList<FieldMatch> Keys, string Action, IReadOnlyList<BigInteger> Args, int Priority = 0)
{
    /// <summary>The action profile member or selector group the entry runs (tables with an <c>implementation</c> only).</summary>
    public ActionProfileRef? Reference { get; init; }

    public override string ToString() =>
        $"{Table} [{string.Join(", ", Keys)}]{(Priority != 0 ? " prio " + Priority : "")} -> " + (Reference is { } r
            ? r.ToString()
            : $"{Action}({string.Join(", ", Args.Select(a => "0x" + a.ToString("x", System.Globalization.CultureInfo.InvariantCulture)))})");
}

/// <summary>A table entry's reference to an action profile member or a selector group.</summary>
public sealed record ActionProfileRef(bool IsGroup, uint Id)
{
    public static ActionProfileRef Member(uint id) => new(false, id);

    public static ActionProfileRef Group(uint id) => new(true, id);

    public override string ToString() => (IsGroup ? "group " : "member ") + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A table's default action as the control plane set it (or the compiled one).</summary>
public sealed record DefaultActionEntry(string Table, string Action, IReadOnlyList<BigInteger> Args, bool IsCompiledDefault);

/// <summary>Packet and byte counts of a counter cell or a direct counter.</summary>
public readonly record struct CounterValue(ulong Packets, ulong Bytes);

/// <summary>Meter configuration: committed and peak rates (units per second) and bursts (units).</summary>
public readonly record struct MeterConfig(ulong Cir, ulong Cburst, ulong Pir, ulong Pburst);

/// <summary>One digest message drained from a digest stream: the raw struct bytes and its fields by name.</summary>
public sealed record DigestMessage(string Digest, byte[] Data, IReadOnlyDictionary<string, BigInteger> Fields);

/// <summary>A packet the pipeline sent to the CPU port (P4Runtime packet-in).</summary>
public sealed record PacketIn(int Port, byte[] Data);
