using System.Numerics;

using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary>The value side of one table key in an <c>add</c>/<c>remove</c> command.</summary>
/// <remarks>
/// Which P4 match kind a value feeds is decided by the runner from the compiled table: an <see cref="Exact"/> value
/// on an optional key is an optional match with that value, on a ternary key a full mask, on an lpm key a full-width
/// prefix; a <see cref="Wildcard"/> is "don't care" for ternary, lpm, range and optional keys.
/// </remarks>
public abstract record StfMatchValue
{
    private StfMatchValue() { }

    /// <summary><c>field:V</c> — the field equals V.</summary>
    public sealed record Exact(BigInteger Value) : StfMatchValue
    {
        public override string ToString() => StfNumber.ToHex(Value);
    }

    /// <summary><c>field:V&amp;&amp;&amp;M</c>, or digits with <c>*</c> (e.g. <c>0x****0101</c>): (field &amp; Mask) == Value.</summary>
    /// <remarks><c>DigitBits</c>: For <c>*</c>-digit form, the width the digits span (bits above it are don't-care); null for <c>&amp;&amp;&amp;</c>.</remarks>
    public sealed record Ternary(BigInteger Value, BigInteger Mask, int? DigitBits = null) : StfMatchValue
    {
        /// <summary>The <c>*</c>-digit form when the value came from one (hex if nibble-aligned, else binary), otherwise <c>V&amp;&amp;&amp;M</c>.</summary>
        public override string ToString()
        {
            if (DigitBits is not { } bits || bits <= 0)
                return $"{StfNumber.ToHex(Value)}&&&{StfNumber.ToHex(Mask)}";
            bool hex = bits % 4 == 0;
            for (int i = 0; hex && i < bits; i += 4)
            {
                int nibble = (int)((Mask >> i) & 0xF);
                hex = nibble is 0 or 0xF;
            }
            int step = hex ? 4 : 1;
            var digits = new char[bits / step];
            for (int d = 0; d < digits.Length; d++)
            {
                int shift = (digits.Length - 1 - d) * step;
                int m = (int)((Mask >> shift) & ((1 << step) - 1));
                digits[d] = m == 0 ? '*' : "0123456789abcdef"[(int)((Value >> shift) & ((1 << step) - 1))];
            }
            return (hex ? "0x" : "0b") + new string(digits);
        }
    }

    /// <summary><c>field:V/N</c> — the top PrefixLength bits of the field equal those of Value.</summary>
    public sealed record Lpm(BigInteger Value, int PrefixLength) : StfMatchValue
    {
        public override string ToString() => $"{StfNumber.ToHex(Value)}/{PrefixLength}";
    }

    /// <summary><c>field:LO->HI</c> — LO &lt;= field &lt;= HI.</summary>
    public sealed record Range(BigInteger Low, BigInteger High) : StfMatchValue
    {
        public override string ToString() => $"{StfNumber.ToHex(Low)}->{StfNumber.ToHex(High)}";
    }

    /// <summary><c>field:*</c> — matches anything (ternary/lpm/range/optional keys only).</summary>
    public sealed record Wildcard : StfMatchValue
    {
        public override string ToString() => "*";
    }
}

/// <summary>One <c>field:value</c> key of a table entry.</summary>
public sealed record StfKeyMatch(StfName Field, StfMatchValue Value)
{
    public override string ToString() => $"{Field}:{Value}";
}

/// <summary>One <c>name:value</c> argument of an action call.</summary>
public sealed record StfActionArg(string Name, BigInteger Value)
{
    public override string ToString() => $"{Name}:{StfNumber.ToHex(Value)}";
}

/// <summary>An action with its arguments, e.g. <c>ingress.set_port(port:2, vid:0x10)</c>.</summary>
public sealed record StfActionCall(StfName Action, EquatableArray<StfActionArg> Args)
{
    public override string ToString() => $"{Action}({string.Join(", ", Args)})";
}

/// <summary>A meter rate pair <c>rate:burst</c> (rate in units per microsecond, burst in units), as simple_switch_CLI writes it.</summary>
public sealed record StfMeterRate(double Rate, long Burst)
{
    public override string ToString() =>
        FormattableString.Invariant($"{(double.IsFinite(Rate) && Math.Abs(Rate) < 7.9e27 ? ((decimal)Rate).ToString(System.Globalization.CultureInfo.InvariantCulture) : Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture))}:{Burst}");
}
