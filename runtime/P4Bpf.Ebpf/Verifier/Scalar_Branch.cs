using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Conditional jumps on scalars: whether a branch is decided (<c>is_branch_taken</c>) and what each direction proves (<c>regs_refine_cond_op</c>).</summary>
internal partial struct Scalar
{
    /// <summary>1 when <c>a op b</c> always holds, 0 when it never does, -1 when it depends on the values.</summary>
    public static int BranchTaken(JumpOp op, in Scalar a, in Scalar b, bool is32)
    {
        if (is32)
        {
            return BranchTaken32(op, a, b);
        }
        switch (op)
        {
            case JumpOp.JEq:
                if (a.IsConst && b.IsConst)
                {
                    return a.Value == b.Value ? 1 : 0;
                }
                if (a.UMin > b.UMax || a.UMax < b.UMin || a.SMin > b.SMax || a.SMax < b.SMin || a.Var.Disjoint(b.Var))
                {
                    return 0;
                }
                return -1;
            case JumpOp.JNe:
                var eq = BranchTaken(JumpOp.JEq, a, b, false);
                return eq < 0 ? -1 : 1 - eq;
            case JumpOp.JSet:
                if (b.IsConst)
                {
                    if ((a.Var.Value & b.Value) != 0)
                    {
                        return 1;
                    }
                    if (((a.Var.Value | a.Var.Mask) & b.Value) == 0)
                    {
                        return 0;
                    }
                }
                return -1;
            case JumpOp.JGt:
                return a.UMin > b.UMax ? 1 : a.UMax <= b.UMin ? 0 : -1;
            case JumpOp.JGe:
                return a.UMin >= b.UMax ? 1 : a.UMax < b.UMin ? 0 : -1;
            case JumpOp.JLt:
                return a.UMax < b.UMin ? 1 : a.UMin >= b.UMax ? 0 : -1;
            case JumpOp.JLe:
                return a.UMax <= b.UMin ? 1 : a.UMin > b.UMax ? 0 : -1;
            case JumpOp.JSGt:
                return a.SMin > b.SMax ? 1 : a.SMax <= b.SMin ? 0 : -1;
            case JumpOp.JSGe:
                return a.SMin >= b.SMax ? 1 : a.SMax < b.SMin ? 0 : -1;
            case JumpOp.JSLt:
                return a.SMax < b.SMin ? 1 : a.SMin >= b.SMax ? 0 : -1;
            case JumpOp.JSLe:
                return a.SMax <= b.SMin ? 1 : a.SMin > b.SMax ? 0 : -1;
            default:
                return -1;
        }
    }

    private static int BranchTaken32(JumpOp op, in Scalar a, in Scalar b)
    {
        var av = a.Var.Subreg;
        var bv = b.Var.Subreg;
        switch (op)
        {
            case JumpOp.JEq:
                if (av.IsConst && bv.IsConst)
                {
                    return av.Value == bv.Value ? 1 : 0;
                }
                if (a.U32Min > b.U32Max || a.U32Max < b.U32Min || a.S32Min > b.S32Max || a.S32Max < b.S32Min || av.Disjoint(bv))
                {
                    return 0;
                }
                return -1;
            case JumpOp.JNe:
                var eq = BranchTaken32(JumpOp.JEq, a, b);
                return eq < 0 ? -1 : 1 - eq;
            case JumpOp.JSet:
                if (bv.IsConst)
                {
                    if ((av.Value & bv.Value) != 0)
                    {
                        return 1;
                    }
                    if (((av.Value | av.Mask) & bv.Value) == 0)
                    {
                        return 0;
                    }
                }
                return -1;
            case JumpOp.JGt:
                return a.U32Min > b.U32Max ? 1 : a.U32Max <= b.U32Min ? 0 : -1;
            case JumpOp.JGe:
                return a.U32Min >= b.U32Max ? 1 : a.U32Max < b.U32Min ? 0 : -1;
            case JumpOp.JLt:
                return a.U32Max < b.U32Min ? 1 : a.U32Min >= b.U32Max ? 0 : -1;
            case JumpOp.JLe:
                return a.U32Max <= b.U32Min ? 1 : a.U32Min > b.U32Max ? 0 : -1;
            case JumpOp.JSGt:
                return a.S32Min > b.S32Max ? 1 : a.S32Max <= b.S32Min ? 0 : -1;
            case JumpOp.JSGe:
                return a.S32Min >= b.S32Max ? 1 : a.S32Max < b.S32Min ? 0 : -1;
            case JumpOp.JSLt:
                return a.S32Max < b.S32Min ? 1 : a.S32Min >= b.S32Max ? 0 : -1;
            case JumpOp.JSLe:
                return a.S32Max <= b.S32Min ? 1 : a.S32Min > b.S32Max ? 0 : -1;
            default:
                return -1;
        }
    }

    /// <summary>The condition that holds on the other edge of a conditional jump (<c>JSet</c> negates to <c>JSetFalse</c>, encoded as <see cref="JumpOp.Exit"/>).</summary>
    public static JumpOp Negate(JumpOp op) => op switch
    {
        JumpOp.JEq => JumpOp.JNe,
        JumpOp.JNe => JumpOp.JEq,
        JumpOp.JGt => JumpOp.JLe,
        JumpOp.JLe => JumpOp.JGt,
        JumpOp.JGe => JumpOp.JLt,
        JumpOp.JLt => JumpOp.JGe,
        JumpOp.JSGt => JumpOp.JSLe,
        JumpOp.JSLe => JumpOp.JSGt,
        JumpOp.JSGe => JumpOp.JSLt,
        JumpOp.JSLt => JumpOp.JSGe,
        JumpOp.JSet => JumpOp.Exit,
        _ => JumpOp.JSet,
    };

    /// <summary>The same condition with the operands swapped (<c>a &lt; b</c> ⇔ <c>b &gt; a</c>).</summary>
    public static JumpOp Swap(JumpOp op) => op switch
    {
        JumpOp.JGt => JumpOp.JLt,
        JumpOp.JLt => JumpOp.JGt,
        JumpOp.JGe => JumpOp.JLe,
        JumpOp.JLe => JumpOp.JGe,
        JumpOp.JSGt => JumpOp.JSLt,
        JumpOp.JSLt => JumpOp.JSGt,
        JumpOp.JSGe => JumpOp.JSLe,
        JumpOp.JSLe => JumpOp.JSGe,
        _ => op,
    };

    /// <summary>Narrows <paramref name="a"/> and <paramref name="b"/> knowing <c>a op b</c> holds; false when that is impossible.</summary>
    public static bool Refine(JumpOp op, ref Scalar a, ref Scalar b, bool is32)
    {
        if (is32)
        {
            Refine32(op, ref a, ref b);
        }
        else
        {
            Refine64(op, ref a, ref b);
        }
        a.Sync();
        b.Sync();
        return a.IsValid && b.IsValid;
    }

    private static void Refine64(JumpOp op, ref Scalar a, ref Scalar b)
    {
        switch (op)
        {
            case JumpOp.JEq:
                a.UMin = b.UMin = Math.Max(a.UMin, b.UMin);
                a.UMax = b.UMax = Math.Min(a.UMax, b.UMax);
                a.SMin = b.SMin = Math.Max(a.SMin, b.SMin);
                a.SMax = b.SMax = Math.Min(a.SMax, b.SMax);
                a.U32Min = b.U32Min = Math.Max(a.U32Min, b.U32Min);
                a.U32Max = b.U32Max = Math.Min(a.U32Max, b.U32Max);
                a.S32Min = b.S32Min = Math.Max(a.S32Min, b.S32Min);
                a.S32Max = b.S32Max = Math.Min(a.S32Max, b.S32Max);
                if (a.Var.Disjoint(b.Var))
                {
                    a.UMin = 1;
                    a.UMax = 0;
                    return;
                }
                a.Var = b.Var = a.Var.Intersect(b.Var);
                break;
            case JumpOp.JNe:
                if (b.IsConst)
                {
                    ShaveConst(ref a, b.Value);
                }
                else if (a.IsConst)
                {
                    ShaveConst(ref b, a.Value);
                }
                break;
            case JumpOp.JSet:
                if (b.IsConst && b.Value != 0 && (b.Value & (b.Value - 1)) == 0)
                {
                    a.Var |= Tnum.Const(b.Value);
                }
                break;
            case JumpOp.Exit: // JSET is false
                if (b.IsConst)
                {
                    a.Var &= Tnum.Const(~b.Value);
                }
                break;
            case JumpOp.JGe:
                a.UMin = Math.Max(a.UMin, b.UMin);
                b.UMax = Math.Min(b.UMax, a.UMax);
                break;
            case JumpOp.JGt:
                if (b.UMin == ulong.MaxValue || a.UMax == 0)
                {
                    a.UMin = 1;
                    a.UMax = 0;
                    return;
                }
                a.UMin = Math.Max(a.UMin, b.UMin + 1);
                b.UMax = Math.Min(b.UMax, a.UMax - 1);
                break;
            case JumpOp.JLe:
                Refine64(JumpOp.JGe, ref b, ref a);
                break;
            case JumpOp.JLt:
                Refine64(JumpOp.JGt, ref b, ref a);
                break;
            case JumpOp.JSGe:
                a.SMin = Math.Max(a.SMin, b.SMin);
                b.SMax = Math.Min(b.SMax, a.SMax);
                break;
            case JumpOp.JSGt:
                if (b.SMin == long.MaxValue || a.SMax == long.MinValue)
                {
                    a.SMin = 1;
                    a.SMax = 0;
                    return;
                }
                a.SMin = Math.Max(a.SMin, b.SMin + 1);
                b.SMax = Math.Min(b.SMax, a.SMax - 1);
                break;
            case JumpOp.JSLe:
                Refine64(JumpOp.JSGe, ref b, ref a);
                break;
            case JumpOp.JSLt:
                Refine64(JumpOp.JSGt, ref b, ref a);
                break;
        }
    }

    private static void Refine32(JumpOp op, ref Scalar a, ref Scalar b)
    {
        switch (op)
        {
            case JumpOp.JEq:
                a.U32Min = b.U32Min = Math.Max(a.U32Min, b.U32Min);
                a.U32Max = b.U32Max = Math.Min(a.U32Max, b.U32Max);
                a.S32Min = b.S32Min = Math.Max(a.S32Min, b.S32Min);
                a.S32Max = b.S32Max = Math.Min(a.S32Max, b.S32Max);
                if (a.Var.Subreg.Disjoint(b.Var.Subreg))
                {
                    a.U32Min = 1;
                    a.U32Max = 0;
                    return;
                }
                var low = a.Var.Subreg.Intersect(b.Var.Subreg);
                a.Var = a.Var.WithSubreg(low);
                b.Var = b.Var.WithSubreg(low);
                break;
            case JumpOp.JNe:
                if (b.IsConst32)
                {
                    ShaveConst32(ref a, (uint)b.Value);
                }
                else if (a.IsConst32)
                {
                    ShaveConst32(ref b, (uint)a.Value);
                }
                break;
            case JumpOp.JSet:
                if (b.IsConst32 && (uint)b.Value != 0 && ((uint)b.Value & ((uint)b.Value - 1)) == 0)
                {
                    a.Var |= Tnum.Const((uint)b.Value);
                }
                break;
            case JumpOp.Exit:
                if (b.IsConst32)
                {
                    a.Var &= Tnum.Const(~(ulong)(uint)b.Value);
                }
                break;
            case JumpOp.JGe:
                a.U32Min = Math.Max(a.U32Min, b.U32Min);
                b.U32Max = Math.Min(b.U32Max, a.U32Max);
                break;
            case JumpOp.JGt:
                if (b.U32Min == uint.MaxValue || a.U32Max == 0)
                {
                    a.U32Min = 1;
                    a.U32Max = 0;
                    return;
                }
                a.U32Min = Math.Max(a.U32Min, b.U32Min + 1);
                b.U32Max = Math.Min(b.U32Max, a.U32Max - 1);
                break;
            case JumpOp.JLe:
                Refine32(JumpOp.JGe, ref b, ref a);
                break;
            case JumpOp.JLt:
                Refine32(JumpOp.JGt, ref b, ref a);
                break;
            case JumpOp.JSGe:
                a.S32Min = Math.Max(a.S32Min, b.S32Min);
                b.S32Max = Math.Min(b.S32Max, a.S32Max);
                break;
            case JumpOp.JSGt:
                if (b.S32Min == int.MaxValue || a.S32Max == int.MinValue)
                {
                    a.S32Min = 1;
                    a.S32Max = 0;
                    return;
                }
                a.S32Min = Math.Max(a.S32Min, b.S32Min + 1);
                b.S32Max = Math.Min(b.S32Max, a.S32Max - 1);
                break;
            case JumpOp.JSLe:
                Refine32(JumpOp.JSGe, ref b, ref a);
                break;
            case JumpOp.JSLt:
                Refine32(JumpOp.JSGt, ref b, ref a);
                break;
        }
    }

    private static void ShaveConst(ref Scalar a, ulong c)
    {
        if (a.UMin == c && a.UMin != ulong.MaxValue) { a.UMin++; }
        if (a.UMax == c && a.UMax != 0) { a.UMax--; }
        if (a.SMin == (long)c && a.SMin != long.MaxValue) { a.SMin++; }
        if (a.SMax == (long)c && a.SMax != long.MinValue) { a.SMax--; }
        if (a.IsConst && a.Value == c) { a.UMin = 1; a.UMax = 0; }
    }

    private static void ShaveConst32(ref Scalar a, uint c)
    {
        if (a.U32Min == c && a.U32Min != uint.MaxValue) { a.U32Min++; }
        if (a.U32Max == c && a.U32Max != 0) { a.U32Max--; }
        if (a.S32Min == (int)c && a.S32Min != int.MaxValue) { a.S32Min++; }
        if (a.S32Max == (int)c && a.S32Max != int.MinValue) { a.S32Max--; }
        if (a.IsConst32 && (uint)a.Value == c) { a.U32Min = 1; a.U32Max = 0; }
    }
}
