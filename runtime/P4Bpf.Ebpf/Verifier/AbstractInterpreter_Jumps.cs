using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Conditional jumps: decided branches, scalar refinement, null checks, and packet bounds proven against data_end (<c>check_cond_jmp_op</c>).</summary>
internal sealed partial class AbstractInterpreter
{
    private int CheckCondJump(Instruction insn, int pc)
    {
        var target = (int)(pc + insn.BranchOffset + 1);
        var is32 = insn.Op.Class == OpClass.Jmp32;
        var op = insn.Op.JumpOp;
        var isReg = insn.Op.Source == OperandSource.Reg;
        var dst = Read(insn.Dst, pc);
        var src = isReg ? Read(insn.Src, pc) : RegState.Const(is32 ? (uint)(int)insn.Imm : (ulong)insn.Imm);

        if (dst.Type == RegType.Scalar && src.Type == RegType.Scalar)
        {
            return ScalarBranch(insn, pc, target, op, is32, isReg, dst, src);
        }
        if (!is32 && op is JumpOp.JEq or JumpOp.JNe)
        {
            var nullCheck = NullCheck(insn, pc, target, op, isReg, dst, src);
            if (nullCheck != int.MinValue)
            {
                return nullCheck;
            }
        }
        if (!is32 && isReg && PacketCompare(pc, target, op, insn.Dst, insn.Src, dst, src) is var next and not int.MinValue)
        {
            return next;
        }
        // Any other comparison involving a pointer: both directions, nothing learned.
        PushBranch(_state.Clone(), target, pc);
        return pc + 1;
    }

    private int ScalarBranch(Instruction insn, int pc, int target, JumpOp op, bool is32, bool isReg, RegState dst, RegState src)
    {
        var taken = Scalar.BranchTaken(op, dst.Var, src.Var, is32);
        if (taken == 1)
        {
            return target;
        }
        if (taken == 0)
        {
            return pc + 1;
        }
        var other = _state.Clone();
        // Jump taken: dst op src holds.
        var a = dst.Var;
        var b = src.Var;
        var takenOk = Scalar.Refine(op, ref a, ref b, is32);
        // Fall through: the negation holds.
        var fa = dst.Var;
        var fb = src.Var;
        var fallOk = Scalar.Refine(Scalar.Negate(op), ref fa, ref fb, is32);
        if (takenOk)
        {
            other.Regs[insn.Dst.Index].Var = a;
            if (isReg)
            {
                other.Regs[insn.Src.Index].Var = b;
            }
        }
        if (fallOk)
        {
            Regs[insn.Dst.Index].Var = fa;
            if (isReg)
            {
                Regs[insn.Src.Index].Var = fb;
            }
        }
        if (!fallOk)
        {
            _state = other;
            return takenOk ? target : -1;
        }
        if (takenOk)
        {
            PushBranch(other, target, pc);
        }
        return pc + 1;
    }

    /// <summary><c>if rX == 0</c> on a maybe-null pointer: null on one side, valid on the other, for every copy with the same id. Returns int.MinValue when not a null check.</summary>
    private int NullCheck(Instruction insn, int pc, int target, JumpOp op, bool isReg, RegState dst, RegState src)
    {
        RegState ptr;
        if (dst.IsPointer && src.Type == RegType.Scalar && src.Var.IsZero)
        {
            ptr = dst;
        }
        else if (isReg && src.IsPointer && dst.Type == RegType.Scalar && dst.Var.IsZero)
        {
            ptr = src;
        }
        else
        {
            return int.MinValue;
        }
        if (!ptr.IsMaybeNull)
        {
            // Valid pointers are never null.
            return (op == JumpOp.JNe) ? target : pc + 1;
        }
        var other = _state.Clone();
        // In the JEQ-taken / JNE-fallthrough state the pointer is null.
        var nullState = op == JumpOp.JEq ? other : _state;
        var validState = op == JumpOp.JEq ? _state : other;
        MarkNull(nullState, ptr, isNull: true);
        MarkNull(validState, ptr, isNull: false);
        PushBranch(other, target, pc);
        return pc + 1;
    }

    private static void MarkNull(VerifierState state, RegState ptr, bool isNull)
    {
        var id = ptr.Id;
        state.ForEachReg((ref RegState r) =>
        {
            if (!r.IsMaybeNull || r.Id != id)
            {
                return;
            }
            if (isNull)
            {
                r = RegState.Const(0);
                return;
            }
            r.Type = r.Type == RegType.MapValueOrNull ? RegType.MapValue : RegType.Mem;
        });
        if (isNull && ptr.RefObjId != 0)
        {
            state.Refs.RemoveAll(x => x.Id == ptr.RefObjId);
        }
    }

    /// <summary>Packet pointer against data_end (or meta against data): the side where the pointer is not past the end gets a range. Returns int.MinValue when not such a comparison.</summary>
    private int PacketCompare(int pc, int target, JumpOp op, Register dstR, Register srcR, RegState dst, RegState src)
    {
        bool IsPair(RegState p, RegState end) =>
            (p.Type == RegType.Packet && end.Type == RegType.PacketEnd) || (p.Type == RegType.PacketMeta && end.Type == RegType.Packet);

        RegState ptr;
        JumpOp rel; // relation "ptr rel end"
        if (IsPair(dst, src))
        {
            ptr = dst;
            rel = op;
        }
        else if (IsPair(src, dst))
        {
            ptr = src;
            rel = Scalar.Swap(op);
        }
        else
        {
            return int.MinValue;
        }
        // The edge on which ptr <= end (closed) or ptr < end (open) holds.
        bool? goodOnTaken;
        bool open;
        switch (rel)
        {
            case JumpOp.JGt: goodOnTaken = false; open = false; break;   // fallthrough: ptr <= end
            case JumpOp.JGe: goodOnTaken = false; open = true; break;    // fallthrough: ptr < end
            case JumpOp.JLt: goodOnTaken = true; open = true; break;
            case JumpOp.JLe: goodOnTaken = true; open = false; break;
            default: goodOnTaken = null; open = false; break;
        }
        var other = _state.Clone();
        if (goodOnTaken is { } onTaken)
        {
            MarkPacketRange(onTaken ? other : _state, ptr, open);
        }
        _ = dstR;
        _ = srcR;
        PushBranch(other, target, pc);
        return pc + 1;
    }

    /// <summary>The kernel's <c>find_good_pkt_pointers</c>: every packet pointer with the same id may now access <c>off</c> bytes.</summary>
    private static void MarkPacketRange(VerifierState state, RegState ptr, bool open)
    {
        if (ptr.Off < 0 || (ptr.Off == 0 && open))
        {
            return;
        }
        if (ptr.Var.UMax > 0xffff || ptr.Var.UMax + (ulong)ptr.Off > 0xffff)
        {
            return;
        }
        var range = open ? ptr.Off + 1 : ptr.Off;
        var type = ptr.Type;
        var id = ptr.Id;
        state.ForEachReg((ref RegState r) =>
        {
            if (r.Type == type && r.Id == id)
            {
                r.Range = Math.Max(r.Range, range);
            }
        });
    }
}
