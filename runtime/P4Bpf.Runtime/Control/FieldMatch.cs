using System.Numerics;

namespace P4Bpf.Runtime.Control;

/// <summary>The value of one table key field in P4 terms, by match kind (what a P4Runtime FieldMatch carries).</summary>
public abstract record FieldMatch
{
    private FieldMatch() { }

    public sealed record Exact(BigInteger Value) : FieldMatch;

    public sealed record Lpm(BigInteger Value, int PrefixLength) : FieldMatch;

    public sealed record Ternary(BigInteger Value, BigInteger Mask) : FieldMatch;

    public sealed record Range(BigInteger Low, BigInteger High) : FieldMatch;

    /// <summary>optional match: a value, or null for "any".</summary>
    public sealed record Optional(BigInteger? Value) : FieldMatch;

    /// <summary>Don't care (ternary mask 0, lpm /0, full range, optional unset).</summary>
    public sealed record DontCare : FieldMatch
    {
        public static DontCare Instance { get; } = new();
    }

    public override string ToString() => this switch
    {
        Exact e => Hex(e.Value),
        Lpm l => $"{Hex(l.Value)}/{l.PrefixLength}",
        Ternary t => $"{Hex(t.Value)}&&&{Hex(t.Mask)}",
        Range r => $"{Hex(r.Low)}..{Hex(r.High)}",
        Optional { Value: { } v } => Hex(v),
        _ => "*",
    };

    private static string Hex(BigInteger v) => v.Sign < 0 ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0');
}
