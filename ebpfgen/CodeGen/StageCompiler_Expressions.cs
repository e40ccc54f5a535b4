using System.Numerics;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    private static int WidthOf(IrType t) => t switch
    {
        BitType b => b.Width,
        BoolType => 1,
        _ => throw CodegenException.NotSupported($"{t} as a scalar value"),
    };

    private static bool IsSigned(IrType t) => t is BitType { Signed: true };

    /// <summary>Keeps the low <paramref name="width"/> bits.</summary>
    private void Mask(Register r, int width)
    {
        if (width >= 64)
        {
            return;
        }
        if (width == 32)
        {
            e.Emit(Alu.Mov.Reg32(r, r));
        }
        else if (width < 31)
        {
            e.Emit(Alu.And.Imm(r, (1L << width) - 1));
        }
        else
        {
            e.Emit(Alu.Lsh.Imm(r, 64 - width));
            e.Emit(Alu.Rsh.Imm(r, 64 - width));
        }
    }

    private void SignExtend(Register r, int width)
    {
        if (width >= 64)
        {
            return;
        }
        e.Emit(Alu.Lsh.Imm(r, 64 - width));
        e.Emit(Alu.Arsh.Imm(r, 64 - width));
    }

    private static bool FitsImm(IrConstant c, bool signed)
    {
        var v = signed ? c.Value : c.UnsignedBits;
        return v >= 0 ? v <= int.MaxValue : signed && v >= int.MinValue;
    }

    /// <summary>Evaluates a scalar expression into a newly allocated register holding the normalised (zero-extended) value.</summary>
    private Register Eval(IrExpr expr)
    {
        switch (expr)
        {
            case IrConstant c:
            {
                if (c.Type is BitType { IsWide: true })
                {
                    throw CodegenException.NotSupported("wide constants outside assignments and comparisons");
                }
                var r = Alloc();
                LoadConst(r, c.UnsignedBits);
                return r;
            }
            case SlotRef or FieldRef or StackElementRef or StackNextIndexRef or ParamRef:
                return Load(expr);
            case IsValidExpr v:
            {
                var a = AddressOf(v.Header);
                var r = a.Owned ? a.Base : Alloc();
                e.Emit(Mem.LoadMem(r, a.Base, checked((short)(a.Offset + HeaderType.ValidOffset)), MemSize.B));
                return r;
            }
            case IntrinsicValue i:
                return EvalIntrinsic(i);
            case VarbitLengthRef v:
            {
                var a = AddressOf(v.Field);
                var r = a.Owned ? a.Base : Alloc();
                e.Emit(Mem.LoadMem(r, a.Base, a.Off, MemSize.H));
                return r;
            }
            case UnaryExpr u:
            {
                var r = Eval(u.Operand);
                switch (u.Op)
                {
                    case UnaryOp.Negate:
                        e.Emit(Alu.Neg(r));
                        Mask(r, WidthOf(u.Type));
                        break;
                    case UnaryOp.Complement:
                        e.Emit(Alu.Xor.Imm(r, -1));
                        Mask(r, WidthOf(u.Type));
                        break;
                    default:
                        e.Emit(Alu.Xor.Imm(r, 1));
                        break;
                }
                return r;
            }
            case BinaryExpr b when BinaryExpr.IsComparison(b.Op) || BinaryExpr.IsLogical(b.Op):
                return EvalCondition(b);
            case BinaryExpr b:
                return EvalBinary(b);
            case SliceExpr { Operand.Type: BitType { IsWide: true } } s:
                return EvalWideSlice(s);
            case SliceExpr s:
            {
                var r = Eval(s.Operand);
                if (s.Lo > 0)
                {
                    e.Emit(Alu.Rsh.Imm(r, s.Lo));
                }
                Mask(r, s.Hi - s.Lo + 1);
                return r;
            }
            case ConcatExpr c:
            {
                var rw = WidthOf(c.Right.Type);
                if (WidthOf(c.Type) > 64)
                {
                    throw CodegenException.NotSupported("concatenation wider than 64 bits");
                }
                var (l, r) = EvalPair(c.Left, c.Right);
                e.Emit(Alu.Lsh.Imm(l, rw));
                e.Emit(Alu.Or.Reg(l, r));
                pool.Free(r);
                return l;
            }
            case CastExpr cast:
                return EvalCast(cast);
            case MuxExpr m:
            {
                var dst = Alloc();
                var els = e.NewLabel("mux_else");
                var end = e.NewLabel("mux_end");
                CondJump(m.Condition, els, jumpIfTrue: false);
                var t = Eval(m.WhenTrue);
                e.Emit(Alu.Mov.Reg(dst, t));
                pool.Free(t);
                e.Jump(end);
                e.Label(els);
                var f = Eval(m.WhenFalse);
                e.Emit(Alu.Mov.Reg(dst, f));
                pool.Free(f);
                e.Label(end);
                return dst;
            }
            default:
                throw CodegenException.NotSupported($"expression {IrPrinter.Print(expr)}");
        }
    }

    private Register EvalIntrinsic(IntrinsicValue i)
    {
        var r = Alloc();
        switch (i.Kind)
        {
            case IntrinsicValueKind.PacketLength:
                e.Emit(Mem.LoadMem(r, StateReg, IntrinsicOffset("packet_length"), MemSize.W));
                break;
            case IntrinsicValueKind.ParserOffset:
                e.Emit(Alu.Mov.Reg(r, CursorReg));
                break;
            case IntrinsicValueKind.IngressIfindex:
                e.Emit(Mem.LoadMem(r, CtxReg, stage.Hook == StageHook.Tc ? (short)36 : (short)12, MemSize.W));
                break;
            case IntrinsicValueKind.TimestampNs:
                pool.Free(r);
                if (!pool.AllFree)
                {
                    throw CodegenException.NotSupported("a timestamp inside a larger expression (assign it to a variable first)");
                }
                e.Emit(Helper.Call(HelperKtimeGetNs));
                r = Alloc();
                e.Emit(Alu.Mov.Reg(r, R0));
                break;
        }
        if (WidthOf(i.Type) < 32 || i.Kind is IntrinsicValueKind.TimestampNs or IntrinsicValueKind.ParserOffset)
        {
            Mask(r, WidthOf(i.Type));
        }
        return r;
    }

    /// <summary>Evaluates two operands, spilling the first when registers run out.</summary>
    private (Register Left, Register Right) EvalPair(IrExpr left, IrExpr right)
    {
        var l = Eval(left);
        if (pool.FreeCount >= 2)
        {
            return (l, Eval(right));
        }
        var slot = AllocSpill();
        e.Emit(Mem.StoreMem(R10, slot, l, MemSize.DW));
        pool.Free(l);
        var r = Eval(right);
        l = Alloc();
        e.Emit(Mem.LoadMem(l, R10, slot, MemSize.DW));
        FreeSpill(slot);
        return (l, r);
    }

    private Register EvalBinary(BinaryExpr b)
    {
        var width = WidthOf(b.Type);
        var signed = IsSigned(b.Type);
        if (width > 64)
        {
            throw CodegenException.NotSupported($"arithmetic on {b.Type}");
        }
        // Shifts by a constant.
        if (b.Op is BinaryOp.Shl or BinaryOp.Shr && b.Right is IrConstant sc)
        {
            var l = Eval(b.Left);
            var amount = sc.UnsignedBits;
            if (b.Op == BinaryOp.Shl)
            {
                if (amount >= width)
                {
                    e.Emit(Alu.Mov.Imm(l, 0));
                }
                else
                {
                    e.Emit(Alu.Lsh.Imm(l, (int)amount));
                    Mask(l, width);
                }
            }
            else if (signed)
            {
                SignExtend(l, width);
                e.Emit(Alu.Arsh.Imm(l, (int)BigInteger.Min(amount, 63)));
                Mask(l, width);
            }
            else if (amount >= width)
            {
                e.Emit(Alu.Mov.Imm(l, 0));
            }
            else
            {
                e.Emit(Alu.Rsh.Imm(l, (int)amount));
            }
            return l;
        }
        var useImm = b.Right is IrConstant rc && FitsImm(rc, false) && b.Op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.BitXor
            or BinaryOp.Div or BinaryOp.Mod && !signed;
        if (useImm)
        {
            var l = Eval(b.Left);
            var imm = (long)((IrConstant)b.Right).UnsignedBits;
            var builder = AluFor(b.Op, signed);
            if (b.Op is BinaryOp.Div or BinaryOp.Mod && imm == 0)
            {
                throw new CodegenException(5009, "division by zero");
            }
            e.Emit(builder.Imm(l, imm));
            if (b.Op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul)
            {
                Mask(l, width);
            }
            return l;
        }
        var (x, y) = EvalPair(b.Left, b.Right);
        switch (b.Op)
        {
            case BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul:
                e.Emit(AluFor(b.Op, signed).Reg(x, y));
                Mask(x, width);
                break;
            case BinaryOp.BitAnd or BinaryOp.BitOr or BinaryOp.BitXor:
                e.Emit(AluFor(b.Op, signed).Reg(x, y));
                break;
            case BinaryOp.Div or BinaryOp.Mod:
                if (signed)
                {
                    SignExtend(x, width);
                    SignExtend(y, width);
                }
                e.Emit(AluFor(b.Op, signed).Reg(x, y));
                Mask(x, width);
                break;
            case BinaryOp.Shl or BinaryOp.Shr:
            {
                var inRange = e.NewLabel("shift_ok");
                var end = e.NewLabel("shift_end");
                if (b.Op == BinaryOp.Shr && signed)
                {
                    SignExtend(x, width);
                    e.Emit(Jmp.JLt.Imm(y, 64, inRange));
                    e.Emit(Alu.Mov.Imm(y, 63));
                    e.Label(inRange);
                    e.Emit(Alu.Arsh.Reg(x, y));
                    Mask(x, width);
                    e.Label(end);
                    break;
                }
                e.Emit(Jmp.JLt.Imm(y, width, inRange));
                e.Emit(Alu.Mov.Imm(x, 0));
                e.Jump(end);
                e.Label(inRange);
                e.Emit((b.Op == BinaryOp.Shl ? Alu.Lsh : Alu.Rsh).Reg(x, y));
                Mask(x, width);
                e.Label(end);
                break;
            }
            case BinaryOp.AddSat or BinaryOp.SubSat:
                Saturate(b.Op, x, y, width, signed);
                break;
            default:
                throw CodegenException.NotSupported($"operator {b.Op}");
        }
        pool.Free(y);
        return x;
    }

    private void Saturate(BinaryOp op, Register x, Register y, int width, bool signed)
    {
        var end = e.NewLabel("sat_end");
        if (!signed)
        {
            if (op == BinaryOp.SubSat)
            {
                var sub = e.NewLabel("sat_sub");
                e.Emit(Jmp.JGe.Reg(x, y, sub));
                e.Emit(Alu.Mov.Imm(x, 0));
                e.Jump(end);
                e.Label(sub);
                e.Emit(Alu.Sub.Reg(x, y));
                e.Label(end);
                return;
            }
            var max = (BigInteger.One << width) - 1;
            e.Emit(Alu.Add.Reg(x, y));
            if (width == 64)
            {
                // Overflow iff the sum is smaller than an operand.
                e.Emit(Jmp.JGe.Reg(x, y, end));
            }
            else
            {
                var limit = Alloc();
                LoadConst(limit, max);
                e.Emit(Jmp.JLe.Reg(x, limit, end));
                pool.Free(limit);
            }
            LoadConst(x, max);
            e.Label(end);
            return;
        }
        if (width >= 64)
        {
            throw CodegenException.NotSupported("saturating arithmetic on int<64>");
        }
        SignExtend(x, width);
        SignExtend(y, width);
        e.Emit((op == BinaryOp.AddSat ? Alu.Add : Alu.Sub).Reg(x, y));
        var min = -(BigInteger.One << (width - 1));
        var smax = (BigInteger.One << (width - 1)) - 1;
        var notHigh = e.NewLabel("sat_not_high");
        LoadConst(y, smax);
        e.Emit(Jmp.JSLe.Reg(x, y, notHigh));
        e.Emit(Alu.Mov.Reg(x, y));
        e.Label(notHigh);
        var notLow = e.NewLabel("sat_not_low");
        LoadConst(y, min);
        e.Emit(Jmp.JSGe.Reg(x, y, notLow));
        e.Emit(Alu.Mov.Reg(x, y));
        e.Label(notLow);
        Mask(x, width);
        e.Label(end);
    }

    private static AluBuilder AluFor(BinaryOp op, bool signed) => op switch
    {
        BinaryOp.Add => Alu.Add,
        BinaryOp.Sub => Alu.Sub,
        BinaryOp.Mul => Alu.Mul,
        BinaryOp.Div => signed ? Alu.SDiv : Alu.Div,
        BinaryOp.Mod => signed ? Alu.SMod : Alu.Mod,
        BinaryOp.BitAnd => Alu.And,
        BinaryOp.BitOr => Alu.Or,
        BinaryOp.BitXor => Alu.Xor,
        _ => throw CodegenException.NotSupported($"operator {op}"),
    };

    private Register EvalCast(CastExpr cast)
    {
        var r = Eval(cast.Operand);
        var from = cast.Operand.Type;
        var to = cast.Type;
        if (to is BoolType)
        {
            if (from is not BoolType)
            {
                var done = e.NewLabel("tobool");
                e.Emit(Jmp.JEq.Imm(r, 0, done));
                e.Emit(Alu.Mov.Imm(r, 1));
                e.Label(done);
            }
            return r;
        }
        var toWidth = WidthOf(to);
        var fromWidth = WidthOf(from);
        if (IsSigned(from) && toWidth > fromWidth)
        {
            SignExtend(r, fromWidth);
            Mask(r, toWidth);
        }
        else if (toWidth < fromWidth)
        {
            Mask(r, toWidth);
        }
        return r;
    }

    /// <summary>Materialises a condition as 0/1.</summary>
    private Register EvalCondition(IrExpr cond)
    {
        var dst = Alloc();
        var yes = e.NewLabel("cond_true");
        e.Emit(Alu.Mov.Imm(dst, 1));
        CondJump(cond, yes, jumpIfTrue: true);
        e.Emit(Alu.Mov.Imm(dst, 0));
        e.Label(yes);
        return dst;
    }

    /// <summary>Jumps to <paramref name="label"/> when the condition equals <paramref name="jumpIfTrue"/>; falls through otherwise.</summary>
    private void CondJump(IrExpr cond, string label, bool jumpIfTrue)
    {
        switch (cond)
        {
            case IrConstant c:
                if (c.IsTrue == jumpIfTrue)
                {
                    e.Jump(label);
                }
                return;
            case UnaryExpr { Op: UnaryOp.Not } u:
                CondJump(u.Operand, label, !jumpIfTrue);
                return;
            case BinaryExpr { Op: BinaryOp.And } a:
                if (!jumpIfTrue)
                {
                    CondJump(a.Left, label, false);
                    CondJump(a.Right, label, false);
                }
                else
                {
                    var skip = e.NewLabel("and_false");
                    CondJump(a.Left, skip, false);
                    CondJump(a.Right, label, true);
                    e.Label(skip);
                }
                return;
            case BinaryExpr { Op: BinaryOp.Or } o:
                if (jumpIfTrue)
                {
                    CondJump(o.Left, label, true);
                    CondJump(o.Right, label, true);
                }
                else
                {
                    var skip = e.NewLabel("or_true");
                    CondJump(o.Left, skip, true);
                    CondJump(o.Right, label, false);
                    e.Label(skip);
                }
                return;
            case BinaryExpr b when BinaryExpr.IsComparison(b.Op):
                CompareJump(b, label, jumpIfTrue);
                return;
            default:
            {
                var r = Eval(cond);
                e.Emit((jumpIfTrue ? Jmp.JNe : Jmp.JEq).Imm(r, 0, label));
                pool.Free(r);
                return;
            }
        }
    }

    /// <summary>A slice of at most 64 bits of a field wider than 64 bits: the storage bytes that hold it (big-endian), shifted and masked.</summary>
    private Register EvalWideSlice(SliceExpr s)
    {
        if (!s.Operand.IsLValue)
        {
            throw CodegenException.NotSupported($"slices of {s.Operand.Type} values that are not fields or variables");
        }
        var size = s.Operand.Type.StorageSize;
        var first = size - 1 - (s.Hi / 8);
        var last = size - 1 - (s.Lo / 8);
        if (last - first + 1 > 8)
        {
            throw CodegenException.NotSupported($"a slice [{s.Hi}:{s.Lo}] of {s.Operand.Type} spanning 9 bytes");
        }
        var a = AddressOf(s.Operand);
        var r = Alloc();
        var t = Alloc();
        e.Emit(Alu.Mov.Imm(r, 0));
        for (var i = first; i <= last; i++)
        {
            e.Emit(Mem.LoadMem(t, a.Base, checked((short)(a.Offset + i)), MemSize.B));
            e.Emit(Alu.Lsh.Imm(r, 8));
            e.Emit(Alu.Or.Reg(r, t));
        }
        pool.Free(t);
        Release(a);
        if (s.Lo % 8 > 0)
        {
            e.Emit(Alu.Rsh.Imm(r, s.Lo % 8));
        }
        Mask(r, s.Hi - s.Lo + 1);
        return r;
    }

    private void CompareJump(BinaryExpr b, string label, bool jumpIfTrue)
    {
        var type = b.Left.Type;
        if (type is BitType { IsWide: true } wide)
        {
            WideCompareJump(b, wide, label, jumpIfTrue);
            return;
        }
        var signed = IsSigned(type);
        var op = jumpIfTrue ? b.Op : Invert(b.Op);
        var builder = op switch
        {
            BinaryOp.Eq => Jmp.JEq,
            BinaryOp.Ne => Jmp.JNe,
            BinaryOp.Lt => signed ? Jmp.JSLt : Jmp.JLt,
            BinaryOp.Le => signed ? Jmp.JSLe : Jmp.JLe,
            BinaryOp.Gt => signed ? Jmp.JSGt : Jmp.JGt,
            _ => signed ? Jmp.JSGe : Jmp.JGe,
        };
        var width = WidthOf(type);
        if (b.Right is IrConstant c && FitsImm(c, signed))
        {
            var l = Eval(b.Left);
            if (signed)
            {
                SignExtend(l, width);
            }
            e.Emit(builder.Imm(l, (long)(signed ? c.Value : c.UnsignedBits), label));
            pool.Free(l);
            return;
        }
        var (x, y) = EvalPair(b.Left, b.Right);
        if (signed)
        {
            SignExtend(x, width);
            SignExtend(y, width);
        }
        e.Emit(builder.Reg(x, y, label));
        pool.Free(x);
        pool.Free(y);
    }

    /// <summary>
    /// A comparison of values wider than 64 bits (stored as big-endian byte arrays): compared in chunks of up to 8 bytes
    /// from the most significant end, each loaded in host order. Operands are stored values or constants; unsigned only.
    /// </summary>
    private void WideCompareJump(BinaryExpr b, BitType type, string label, bool jumpIfTrue)
    {
        if (type.Signed)
        {
            throw CodegenException.NotSupported($"comparison of {type} values");
        }
        var op = jumpIfTrue ? b.Op : Invert(b.Op);
        var size = type.StorageSize;
        var done = e.NewLabel("wide_cmp_done");
        var left = WideOperand(b.Left, type);
        var right = WideOperand(b.Right, type);
        for (var off = 0; off < size;)
        {
            var take = Math.Min(8, size - off);
            var x = WideChunk(left, b.Left, size, off, take);
            var y = WideChunk(right, b.Right, size, off, take);
            switch (op)
            {
                case BinaryOp.Eq:
                    e.Emit(Jmp.JNe.Reg(x, y, done));
                    break;
                case BinaryOp.Ne:
                    e.Emit(Jmp.JNe.Reg(x, y, label));
                    break;
                case BinaryOp.Lt or BinaryOp.Le:
                    e.Emit(Jmp.JLt.Reg(x, y, label));
                    e.Emit(Jmp.JGt.Reg(x, y, done));
                    break;
                default:
                    e.Emit(Jmp.JGt.Reg(x, y, label));
                    e.Emit(Jmp.JLt.Reg(x, y, done));
                    break;
            }
            pool.Free(x);
            pool.Free(y);
            off += take;
        }
        // Every chunk equal.
        if (op is BinaryOp.Eq or BinaryOp.Le or BinaryOp.Ge)
        {
            e.Jump(label);
        }
        e.Label(done);
        if (left is { } l)
        {
            Release(l);
        }
        if (right is { } r)
        {
            Release(r);
        }
    }

    /// <summary>The address of a stored wide operand, or null for a constant.</summary>
    private Addr? WideOperand(IrExpr operand, BitType type) => operand switch
    {
        IrConstant => null,
        _ when operand.IsLValue || operand is ParamRef => AddressOf(operand),
        _ => throw CodegenException.NotSupported($"comparing a computed {type} value ({IrPrinter.Print(operand)})"),
    };

    /// <summary>Bytes [off, off + take) of a wide operand as a big-endian number in a new register.</summary>
    private Register WideChunk(Addr? address, IrExpr operand, int size, int off, int take)
    {
        var r = Alloc();
        if (address is { } a)
        {
            LoadBigEndian(r, a.Base, a.Offset + off, take);
            return r;
        }
        var bits = ((IrConstant)operand).UnsignedBits;
        var chunk = (bits >> (8 * (size - off - take))) & ((BigInteger.One << (8 * take)) - 1);
        LoadConst(r, chunk);
        return r;
    }

    private static BinaryOp Invert(BinaryOp op) => op switch
    {
        BinaryOp.Eq => BinaryOp.Ne,
        BinaryOp.Ne => BinaryOp.Eq,
        BinaryOp.Lt => BinaryOp.Ge,
        BinaryOp.Le => BinaryOp.Gt,
        BinaryOp.Gt => BinaryOp.Le,
        _ => BinaryOp.Lt,
    };
}
