using System.Numerics;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>A tracked number (the kernel's <c>tnum</c>): bits in <see cref="Mask"/> are unknown, the others equal <see cref="Value"/>.</summary>
/// <remarks>Invariant: <c>Value &amp; Mask == 0</c>.</remarks>
internal readonly record struct Tnum(ulong Value, ulong Mask)
{
    public static readonly Tnum Unknown = new(0, ulong.MaxValue);

    public static Tnum Const(ulong value) => new(value, 0);

    public bool IsConst => Mask == 0;

    public bool IsUnknown => Mask == ulong.MaxValue;

    /// <summary>The smallest tnum that holds every value in [min, max].</summary>
    public static Tnum Range(ulong min, ulong max)
    {
        var chi = min ^ max;
        var bits = chi == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(chi);
        if (bits > 63)
        {
            return Unknown;
        }
        var delta = (1UL << bits) - 1;
        return new(min & ~delta, delta);
    }

    public Tnum Lsh(int shift) => new(Value << shift, Mask << shift);

    public Tnum Rsh(int shift) => new(Value >> shift, Mask >> shift);

    public Tnum Arsh(int shift, bool is32)
    {
        if (is32)
        {
            return new((uint)((int)(uint)Value >> shift), (uint)((int)(uint)Mask >> shift));
        }
        return new((ulong)((long)Value >> shift), (ulong)((long)Mask >> shift));
    }

    public static Tnum operator +(Tnum a, Tnum b)
    {
        var sm = a.Mask + b.Mask;
        var sv = a.Value + b.Value;
        var sigma = sm + sv;
        var chi = sigma ^ sv;
        var mu = chi | a.Mask | b.Mask;
        return new(sv & ~mu, mu);
    }

    public static Tnum operator -(Tnum a, Tnum b)
    {
        var dv = a.Value - b.Value;
        var alpha = dv + a.Mask;
        var beta = dv - b.Mask;
        var chi = alpha ^ beta;
        var mu = chi | a.Mask | b.Mask;
        return new(dv & ~mu, mu);
    }

    public static Tnum operator &(Tnum a, Tnum b)
    {
        var alpha = a.Value | a.Mask;
        var beta = b.Value | b.Mask;
        var v = a.Value & b.Value;
        return new(v, alpha & beta & ~v);
    }

    public static Tnum operator |(Tnum a, Tnum b)
    {
        var v = a.Value | b.Value;
        var mu = a.Mask | b.Mask;
        return new(v, mu & ~v);
    }

    public static Tnum operator ^(Tnum a, Tnum b)
    {
        var v = a.Value ^ b.Value;
        var mu = a.Mask | b.Mask;
        return new(v & ~mu, mu);
    }

    /// <summary>Multiplication (the kernel's shift-and-add algorithm).</summary>
    public static Tnum Mul(Tnum a, Tnum b)
    {
        var accV = Const(a.Value * b.Value);
        var accM = new Tnum(0, 0);
        while (a.Value != 0 || a.Mask != 0)
        {
            if ((a.Value & 1) != 0)
            {
                accM += new Tnum(0, b.Mask);
            }
            else if ((a.Mask & 1) != 0)
            {
                accM += new Tnum(0, b.Value | b.Mask);
            }
            a = a.Rsh(1);
            b = b.Lsh(1);
        }
        return accV + accM;
    }

    /// <summary>Values known in both (used when a branch proves a value lies in both sets).</summary>
    public Tnum Intersect(Tnum other)
    {
        var v = Value | other.Value;
        var mu = Mask & other.Mask;
        return new(v & ~mu, mu);
    }

    /// <summary>True when every value of <paramref name="b"/> is a value of this tnum.</summary>
    public bool Contains(Tnum b)
    {
        if ((b.Mask & ~Mask) != 0)
        {
            return false;
        }
        return (b.Value & ~Mask) == Value;
    }

    /// <summary>True when the two sets cannot share a value (a known bit differs).</summary>
    public bool Disjoint(Tnum other) => ((Value ^ other.Value) & ~(Mask | other.Mask)) != 0;

    /// <summary>The low 32 bits, upper bits known zero.</summary>
    public Tnum Subreg => new((uint)Value, (uint)Mask);

    /// <summary>The upper 32 bits of this tnum with the low 32 bits of <paramref name="low"/>.</summary>
    public Tnum WithSubreg(Tnum low) => new((Value & 0xffff_ffff_0000_0000UL) | (uint)low.Value, (Mask & 0xffff_ffff_0000_0000UL) | (uint)low.Mask);

    /// <summary>Clears the upper 32 bits of value and mask.</summary>
    public Tnum ClearUpper => Subreg;

    public override string ToString()
    {
        if (IsConst)
        {
            return $"0x{Value:x}";
        }
        return $"(0x{Value:x}; 0x{Mask:x})";
    }
}
