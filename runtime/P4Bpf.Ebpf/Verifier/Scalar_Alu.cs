using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Scalar arithmetic in the style of the kernel's <c>scalar_min_max_*</c> and <c>scalar32_min_max_*</c>.</summary>
internal partial struct Scalar
{
    /// <summary>Computes <c>dst op= src</c> on 64 or 32 bits (a 32-bit result is zero-extended).</summary>
    public static Scalar Alu(AluOp op, Scalar dst, Scalar src, bool is64)
    {
        var r = is64 ? Alu64(op, dst, src) : Alu32(op, dst, src);
        if (!is64)
        {
            r.ZeroExtend32();
        }
        else
        {
            r.Sync();
        }
        return r.IsValid ? r : Unknown;
    }

    private static Scalar Alu64(AluOp op, Scalar a, Scalar b)
    {
        var r = Unknown;
        switch (op)
        {
            case AluOp.Add:
                r.Var = a.Var + b.Var;
                if (!AddOverflows(a.SMin, b.SMin) && !AddOverflows(a.SMax, b.SMax))
                {
                    r.SMin = a.SMin + b.SMin;
                    r.SMax = a.SMax + b.SMax;
                }
                if (a.UMin + b.UMin >= a.UMin && a.UMax + b.UMax >= a.UMax)
                {
                    r.UMin = a.UMin + b.UMin;
                    r.UMax = a.UMax + b.UMax;
                }
                break;
            case AluOp.Sub:
                r.Var = a.Var - b.Var;
                if (!SubOverflows(a.SMin, b.SMax) && !SubOverflows(a.SMax, b.SMin))
                {
                    r.SMin = a.SMin - b.SMax;
                    r.SMax = a.SMax - b.SMin;
                }
                if (a.UMin >= b.UMax)
                {
                    r.UMin = a.UMin - b.UMax;
                    r.UMax = a.UMax - b.UMin;
                }
                break;
            case AluOp.Mul:
                r.Var = Tnum.Mul(a.Var, b.Var);
                if (a.SMin >= 0 && b.SMin >= 0 && a.UMax <= uint.MaxValue && b.UMax <= uint.MaxValue)
                {
                    r.UMin = a.UMin * b.UMin;
                    r.UMax = a.UMax * b.UMax;
                }
                break;
            case AluOp.And:
                r.Var = a.Var & b.Var;
                r.UMin = r.Var.Value;
                r.UMax = Math.Min(a.UMax, b.UMax);
                if (a.SMin >= 0 && b.SMin >= 0)
                {
                    r.SMin = (long)r.UMin;
                    r.SMax = (long)r.UMax;
                }
                break;
            case AluOp.Or:
                r.Var = a.Var | b.Var;
                r.UMin = Math.Max(a.UMin, b.UMin);
                r.UMax = r.Var.Value | r.Var.Mask;
                if (a.SMin >= 0 && b.SMin >= 0)
                {
                    r.SMin = (long)r.UMin;
                    r.SMax = (long)r.UMax;
                }
                break;
            case AluOp.Xor:
                r.Var = a.Var ^ b.Var;
                r.UMin = r.Var.Value;
                r.UMax = r.Var.Value | r.Var.Mask;
                if (a.SMin >= 0 && b.SMin >= 0)
                {
                    r.SMin = (long)r.UMin;
                    r.SMax = (long)r.UMax;
                }
                break;
            case AluOp.Lsh when b.IsConst && b.Value < 64:
            {
                var k = (int)b.Value;
                r.Var = a.Var.Lsh(k);
                if (k == 0 || a.UMax >> (64 - k) == 0)
                {
                    r.UMin = a.UMin << k;
                    r.UMax = a.UMax << k;
                }
                break;
            }
            case AluOp.Rsh when b.IsConst && b.Value < 64:
            {
                var k = (int)b.Value;
                r.Var = a.Var.Rsh(k);
                r.UMin = a.UMin >> k;
                r.UMax = a.UMax >> k;
                break;
            }
            case AluOp.Arsh when b.IsConst && b.Value < 64:
            {
                var k = (int)b.Value;
                r.Var = a.Var.Arsh(k, is32: false);
                r.SMin = a.SMin >> k;
                r.SMax = a.SMax >> k;
                break;
            }
            case AluOp.Div or AluOp.Mod or AluOp.SDiv or AluOp.SMod when a.IsConst && b.IsConst:
                return Const(ConstDivMod(op, a.Value, b.Value, is64: true));
        }
        return r;
    }

    private static Scalar Alu32(AluOp op, Scalar a, Scalar b)
    {
        var r = Unknown;
        var av = a.Var.Subreg;
        var bv = b.Var.Subreg;
        switch (op)
        {
            case AluOp.Add:
                r.Var = (av + bv).Subreg;
                if (!AddOverflows32(a.S32Min, b.S32Min) && !AddOverflows32(a.S32Max, b.S32Max))
                {
                    r.S32Min = a.S32Min + b.S32Min;
                    r.S32Max = a.S32Max + b.S32Max;
                }
                if ((ulong)a.U32Min + b.U32Min <= uint.MaxValue && (ulong)a.U32Max + b.U32Max <= uint.MaxValue)
                {
                    r.U32Min = a.U32Min + b.U32Min;
                    r.U32Max = a.U32Max + b.U32Max;
                }
                break;
            case AluOp.Sub:
                r.Var = (av - bv).Subreg;
                if (!SubOverflows32(a.S32Min, b.S32Max) && !SubOverflows32(a.S32Max, b.S32Min))
                {
                    r.S32Min = a.S32Min - b.S32Max;
                    r.S32Max = a.S32Max - b.S32Min;
                }
                if (a.U32Min >= b.U32Max)
                {
                    r.U32Min = a.U32Min - b.U32Max;
                    r.U32Max = a.U32Max - b.U32Min;
                }
                break;
            case AluOp.Mul:
                r.Var = Tnum.Mul(av, bv).Subreg;
                if (a.U32Max <= ushort.MaxValue && b.U32Max <= ushort.MaxValue)
                {
                    r.U32Min = a.U32Min * b.U32Min;
                    r.U32Max = a.U32Max * b.U32Max;
                }
                break;
            case AluOp.And:
                r.Var = av & bv;
                r.U32Min = (uint)r.Var.Value;
                r.U32Max = Math.Min(a.U32Max, b.U32Max);
                break;
            case AluOp.Or:
                r.Var = av | bv;
                r.U32Min = Math.Max(a.U32Min, b.U32Min);
                r.U32Max = (uint)(r.Var.Value | r.Var.Mask);
                break;
            case AluOp.Xor:
                r.Var = av ^ bv;
                r.U32Min = (uint)r.Var.Value;
                r.U32Max = (uint)(r.Var.Value | r.Var.Mask);
                break;
            case AluOp.Lsh when b.IsConst32 && (uint)b.Value < 32:
                r.Var = av.Lsh((int)(uint)b.Value).Subreg;
                break;
            case AluOp.Rsh when b.IsConst32 && (uint)b.Value < 32:
            {
                var k = (int)(uint)b.Value;
                r.Var = av.Rsh(k);
                r.U32Min = a.U32Min >> k;
                r.U32Max = a.U32Max >> k;
                break;
            }
            case AluOp.Arsh when b.IsConst32 && (uint)b.Value < 32:
            {
                var k = (int)(uint)b.Value;
                r.Var = av.Arsh(k, is32: true);
                r.S32Min = a.S32Min >> k;
                r.S32Max = a.S32Max >> k;
                break;
            }
            case AluOp.Div or AluOp.Mod or AluOp.SDiv or AluOp.SMod when a.IsConst32 && b.IsConst32:
                return Const(ConstDivMod(op, (uint)a.Value, (uint)b.Value, is64: false));
            default:
                r.Var = Tnum.Range(0, uint.MaxValue);
                break;
        }
        r.Reset64();
        r.UMax = uint.MaxValue;
        r.Var = r.Var.Subreg;
        return r;
    }

    /// <summary>The result of a move with sign extension from <paramref name="bits"/> bits.</summary>
    public static Scalar SignExtend(Scalar src, int bits, bool is64)
    {
        Scalar r;
        if (src.IsConst)
        {
            var v = bits switch
            {
                8 => (ulong)(long)(sbyte)src.Value,
                16 => (ulong)(long)(short)src.Value,
                _ => (ulong)(long)(int)src.Value,
            };
            r = Const(v);
        }
        else
        {
            var half = 1L << (bits - 1);
            r = SignedRange(-half, half - 1);
        }
        if (!is64)
        {
            r.Var = r.Var.Subreg;
            r.Reset64();
            r.UMax = uint.MaxValue;
            r.ZeroExtend32();
        }
        return r;
    }

    /// <summary>A value after a byte swap or truncation to <paramref name="width"/> bits.</summary>
    public static Scalar Truncated(int width) => width >= 64 ? Unknown : UpTo((1UL << width) - 1);

    private static ulong ConstDivMod(AluOp op, ulong a, ulong b, bool is64)
    {
        if (!is64)
        {
            a = (uint)a;
            b = (uint)b;
        }
        ulong r = op switch
        {
            AluOp.Div => b == 0 ? 0 : a / b,
            AluOp.Mod => b == 0 ? a : a % b,
            AluOp.SDiv when is64 => b == 0 ? 0 : (long)b == -1 ? (ulong)(-(long)a) : (ulong)((long)a / (long)b),
            AluOp.SMod when is64 => b == 0 ? a : (long)b == -1 ? 0 : (ulong)((long)a % (long)b),
            AluOp.SDiv => b == 0 ? 0 : (int)b == -1 ? (uint)(-(int)a) : (uint)((int)a / (int)b),
            AluOp.SMod => b == 0 ? a : (int)b == -1 ? 0 : (uint)((int)a % (int)b),
            _ => 0,
        };
        return is64 ? r : (uint)r;
    }

    private static bool AddOverflows(long a, long b) => b > 0 ? a > long.MaxValue - b : a < long.MinValue - b;

    private static bool SubOverflows(long a, long b) => b < 0 ? a > long.MaxValue + b : a < long.MinValue + b;

    private static bool AddOverflows32(int a, int b) => (long)a + b is > int.MaxValue or < int.MinValue;

    private static bool SubOverflows32(int a, int b) => (long)a - b is > int.MaxValue or < int.MinValue;
}
