namespace P4Bpf.Ebpf.Verifier;

/// <summary>What is known about a 64-bit value: a <see cref="Tnum"/> plus signed and unsigned 64- and 32-bit ranges, kept consistent as the kernel's <c>reg_bounds_sync</c> does.</summary>
/// <remarks>Also used for the variable part of a pointer's offset.</remarks>
internal partial struct Scalar : IEquatable<Scalar>
{
    public Tnum Var;
    public long SMin;
    public long SMax;
    public ulong UMin;
    public ulong UMax;
    public int S32Min;
    public int S32Max;
    public uint U32Min;
    public uint U32Max;

    public static Scalar Unknown => new()
    {
        Var = Tnum.Unknown,
        SMin = long.MinValue,
        SMax = long.MaxValue,
        UMin = 0,
        UMax = ulong.MaxValue,
        S32Min = int.MinValue,
        S32Max = int.MaxValue,
        U32Min = 0,
        U32Max = uint.MaxValue,
    };

    public static Scalar Const(ulong value) => new()
    {
        Var = Tnum.Const(value),
        SMin = (long)value,
        SMax = (long)value,
        UMin = value,
        UMax = value,
        S32Min = (int)(uint)value,
        S32Max = (int)(uint)value,
        U32Min = (uint)value,
        U32Max = (uint)value,
    };

    /// <summary>An unknown value in [0, max] (unsigned).</summary>
    public static Scalar UpTo(ulong max)
    {
        var s = Unknown;
        s.UMax = max;
        s.Sync();
        return s;
    }

    /// <summary>A value whose only knowledge is the signed range [min, max].</summary>
    public static Scalar SignedRange(long min, long max)
    {
        var s = Unknown;
        s.SMin = min;
        s.SMax = max;
        s.Sync();
        return s;
    }

    public readonly bool IsConst => Var.IsConst;

    public readonly ulong Value => Var.Value;

    public readonly bool IsConst32 => Var.Subreg.IsConst;

    public readonly bool IsZero => IsConst && Value == 0;

    /// <summary>True when the ranges are not empty (an impossible branch empties them).</summary>
    public readonly bool IsValid =>
        UMin <= UMax && SMin <= SMax && U32Min <= U32Max && S32Min <= S32Max
        && Var.Value <= UMax && (Var.Value | Var.Mask) >= UMin;

    /// <summary>The 64-bit value is the zero extension of the 32-bit one (after an ALU32 operation).</summary>
    public void ZeroExtend32()
    {
        Var = Var.Subreg;
        UMin = U32Min;
        UMax = U32Max;
        SMin = U32Min;
        SMax = U32Max;
        Sync();
    }

    /// <summary>Drops the upper 32 bits' knowledge of the 32-bit ranges (recomputed from 64-bit facts).</summary>
    public void Reset32()
    {
        S32Min = int.MinValue;
        S32Max = int.MaxValue;
        U32Min = 0;
        U32Max = uint.MaxValue;
    }

    public void Reset64()
    {
        SMin = long.MinValue;
        SMax = long.MaxValue;
        UMin = 0;
        UMax = ulong.MaxValue;
    }

    /// <summary>The kernel's <c>reg_bounds_sync</c>: tnum → ranges, ranges ↔ ranges, ranges → tnum.</summary>
    public void Sync()
    {
        UpdateFromTnum();
        Deduce();
        Deduce();
        BoundOffset();
        UpdateFromTnum();
    }

    private void UpdateFromTnum()
    {
        var v32 = Var.Subreg;
        S32Min = Math.Max(S32Min, (int)(uint)(v32.Value | (v32.Mask & 0x8000_0000)));
        S32Max = Math.Min(S32Max, (int)(uint)(v32.Value | (v32.Mask & 0x7fff_ffff)));
        U32Min = Math.Max(U32Min, (uint)v32.Value);
        U32Max = Math.Min(U32Max, (uint)(v32.Value | v32.Mask));
        SMin = Math.Max(SMin, (long)(Var.Value | (Var.Mask & 0x8000_0000_0000_0000UL)));
        SMax = Math.Min(SMax, (long)(Var.Value | (Var.Mask & 0x7fff_ffff_ffff_ffffUL)));
        UMin = Math.Max(UMin, Var.Value);
        UMax = Math.Min(UMax, Var.Value | Var.Mask);
    }

    private void Deduce()
    {
        // 32-bit signed <-> unsigned.
        if ((int)U32Min <= (int)U32Max)
        {
            S32Min = Math.Max(S32Min, (int)U32Min);
            S32Max = Math.Min(S32Max, (int)U32Max);
        }
        if ((uint)S32Min <= (uint)S32Max)
        {
            U32Min = Math.Max(U32Min, (uint)S32Min);
            U32Max = Math.Min(U32Max, (uint)S32Max);
        }
        // 64-bit ranges whose upper halves agree bound the low halves.
        if (UMin >> 32 == UMax >> 32)
        {
            U32Min = Math.Max(U32Min, (uint)UMin);
            U32Max = Math.Min(U32Max, (uint)UMax);
            if ((int)(uint)UMin <= (int)(uint)UMax)
            {
                S32Min = Math.Max(S32Min, (int)(uint)UMin);
                S32Max = Math.Min(S32Max, (int)(uint)UMax);
            }
        }
        if (SMin >> 32 == SMax >> 32)
        {
            if ((uint)SMin <= (uint)SMax)
            {
                U32Min = Math.Max(U32Min, (uint)SMin);
                U32Max = Math.Min(U32Max, (uint)SMax);
            }
            if ((int)SMin <= (int)SMax)
            {
                S32Min = Math.Max(S32Min, (int)SMin);
                S32Max = Math.Min(S32Max, (int)SMax);
            }
        }
        // 64-bit signed <-> unsigned.
        if ((long)UMin <= (long)UMax)
        {
            SMin = Math.Max(SMin, (long)UMin);
            SMax = Math.Min(SMax, (long)UMax);
        }
        if ((ulong)SMin <= (ulong)SMax)
        {
            UMin = Math.Max(UMin, (ulong)SMin);
            UMax = Math.Min(UMax, (ulong)SMax);
        }
        // The low-half ranges refine 64-bit ranges whose upper halves are fixed.
        if (UMin >> 32 == UMax >> 32 && U32Min <= U32Max)
        {
            var hi = UMin & 0xffff_ffff_0000_0000UL;
            UMin = Math.Max(UMin, hi | U32Min);
            UMax = Math.Min(UMax, hi | U32Max);
        }
        if (SMin >> 32 == SMax >> 32 && U32Min <= U32Max)
        {
            var hi = (ulong)SMin & 0xffff_ffff_0000_0000UL;
            SMin = Math.Max(SMin, (long)(hi | U32Min));
            SMax = Math.Min(SMax, (long)(hi | U32Max));
        }
    }

    private void BoundOffset()
    {
        if (UMin > UMax || U32Min > U32Max)
        {
            return;
        }
        var var64 = Var.Intersect(Tnum.Range(UMin, UMax));
        var var32 = var64.Subreg.Intersect(Tnum.Range(U32Min, U32Max));
        Var = var64.WithSubreg(var32);
    }

    public readonly bool Equals(Scalar other) =>
        Var == other.Var && SMin == other.SMin && SMax == other.SMax && UMin == other.UMin && UMax == other.UMax
        && S32Min == other.S32Min && S32Max == other.S32Max && U32Min == other.U32Min && U32Max == other.U32Max;

    public override readonly bool Equals(object? obj) => obj is Scalar s && Equals(s);

    public override readonly int GetHashCode() => HashCode.Combine(Var, SMin, SMax, UMin, UMax);

    /// <summary>True when every value this scalar may hold is one <paramref name="old"/> may hold (pruning).</summary>
    public readonly bool Within(in Scalar old) =>
        UMin >= old.UMin && UMax <= old.UMax && SMin >= old.SMin && SMax <= old.SMax
        && U32Min >= old.U32Min && U32Max <= old.U32Max && S32Min >= old.S32Min && S32Max <= old.S32Max
        && old.Var.Contains(Var);

    /// <summary>Kernel-style text: the constant, or the known bounds and tnum.</summary>
    public override readonly string ToString()
    {
        if (IsConst)
        {
            return ((long)Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var parts = new List<string>();
        if (SMin != long.MinValue && SMin != (long)UMin)
        {
            parts.Add($"smin={SMin}");
        }
        if (SMax != long.MaxValue && SMax != (long)UMax)
        {
            parts.Add($"smax={SMax}");
        }
        if (UMin != 0)
        {
            parts.Add($"umin={UMin}");
        }
        if (UMax != ulong.MaxValue)
        {
            parts.Add($"umax={UMax}");
        }
        if (!Var.IsUnknown)
        {
            parts.Add($"var_off={Var}");
        }
        return parts.Count == 0 ? "" : "(" + string.Join(",", parts) + ")";
    }
}
