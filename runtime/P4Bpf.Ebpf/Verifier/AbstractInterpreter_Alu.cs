using System.Buffers.Binary;
using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>ALU instructions: scalar bounds and the pointer arithmetic rules (<c>check_alu_op</c>, <c>adjust_ptr_min_max_vals</c>).</summary>
internal sealed partial class AbstractInterpreter
{
    /// <summary>BPF_MAX_VAR_OFF: the largest offset a pointer may be moved by.</summary>
    private const long MaxVarOff = 1 << 29;

    private void CheckAlu(Instruction insn, int pc)
    {
        var op = insn.Op;
        var is64 = op.Class == OpClass.Alu64;
        var aluOp = op.AluOp;
        var baseOp = (AluOp)(op.Raw & 0xf0);
        ref var dst = ref Reg(insn.Dst);
        switch (insn.Info.Shape)
        {
            case OperandShape.AluUnary:
            {
                var value = Read(insn.Dst, pc);
                if (value.Type != RegType.Scalar)
                {
                    // A privileged loader may negate a pointer: the result is an unknown number.
                    dst = RegState.UnknownScalar;
                    return;
                }
                dst = RegState.ScalarOf(Scalar.Alu(AluOp.Sub, Scalar.Const(0), value.Var, is64));
                return;
            }
            case OperandShape.Endian:
            {
                var value = Read(insn.Dst, pc);
                if (value.Type != RegType.Scalar)
                {
                    dst = RegState.UnknownScalar;
                    return;
                }
                dst = RegState.ScalarOf(ByteSwap(value.Var, (int)insn.Imm, swap: is64 || op.Source == OperandSource.Reg));
                return;
            }
        }
        if (baseOp == AluOp.Mov)
        {
            CheckMov(insn, pc, is64, aluOp, ref dst);
            return;
        }
        var dstVal = Read(insn.Dst, pc);
        var srcVal = op.Source == OperandSource.Reg
            ? Read(insn.Src, pc)
            : RegState.Const(is64 ? (ulong)insn.Imm : (uint)(int)insn.Imm);
        if (dstVal.Type == RegType.Scalar && srcVal.Type == RegType.Scalar)
        {
            dst = RegState.ScalarOf(Scalar.Alu(aluOp, dstVal.Var, srcVal.Var, is64));
            return;
        }
        dst = PointerArithmetic(insn, pc, is64, aluOp, dstVal, srcVal);
    }

    private void CheckMov(Instruction insn, int pc, bool is64, AluOp aluOp, ref RegState dst)
    {
        if (insn.Op.Source == OperandSource.Imm)
        {
            dst = RegState.Const(is64 ? (ulong)insn.Imm : (uint)(int)insn.Imm);
            return;
        }
        var src = Read(insn.Src, pc);
        if (aluOp is AluOp.MovSx8 or AluOp.MovSx16 or AluOp.MovSx32)
        {
            var bits = aluOp == AluOp.MovSx8 ? 8 : aluOp == AluOp.MovSx16 ? 16 : 32;
            dst = src.Type == RegType.Scalar ? RegState.ScalarOf(Scalar.SignExtend(src.Var, bits, is64)) : RegState.UnknownScalar;
            return;
        }
        if (is64)
        {
            dst = src;
            return;
        }
        if (src.Type == RegType.Scalar)
        {
            var v = src.Var;
            v.ZeroExtend32();
            dst = RegState.ScalarOf(v);
        }
        else
        {
            // A privileged loader may copy the low half of a pointer: it becomes an unknown number.
            dst = RegState.ScalarOf(Scalar.UpTo(uint.MaxValue));
        }
    }

    private static Scalar ByteSwap(Scalar value, int width, bool swap)
    {
        if (!value.IsConst)
        {
            return Scalar.Truncated(width);
        }
        var v = value.Value;
        ulong r = width switch
        {
            16 => swap ? BinaryPrimitives.ReverseEndianness((ushort)v) : (ushort)v,
            32 => swap ? BinaryPrimitives.ReverseEndianness((uint)v) : (uint)v,
            _ => swap ? BinaryPrimitives.ReverseEndianness(v) : v,
        };
        return Scalar.Const(r);
    }

    private static string OperatorText(AluOp op) => op switch
    {
        AluOp.Add => "+=",
        AluOp.Sub => "-=",
        AluOp.Mul => "*=",
        AluOp.Div or AluOp.SDiv => "/=",
        AluOp.Mod or AluOp.SMod => "%=",
        AluOp.Or => "|=",
        AluOp.And => "&=",
        AluOp.Xor => "^=",
        AluOp.Lsh => "<<=",
        AluOp.Rsh => ">>=",
        AluOp.Arsh => "s>>=",
        _ => "?=",
    };

    private RegState PointerArithmetic(Instruction insn, int pc, bool is64, AluOp op, RegState dst, RegState src)
    {
        var d = insn.Dst.Index;
        if (!is64)
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"R{d} 32-bit pointer arithmetic prohibited");
        }
        if (dst.IsPointer && src.IsPointer)
        {
            if (op == AluOp.Sub)
            {
                return RegState.UnknownScalar;
            }
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"R{d} pointer {OperatorText(op)} pointer prohibited");
        }
        if (!dst.IsPointer && op == AluOp.Sub)
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"R{d} tried to subtract pointer from scalar");
        }
        var ptr = dst.IsPointer ? dst : src;
        var off = dst.IsPointer ? src : dst;
        if (op is not (AluOp.Add or AluOp.Sub))
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, op is AluOp.And or AluOp.Or or AluOp.Xor
                ? $"R{d} bitwise operator {OperatorText(op)} on pointer prohibited"
                : $"R{d} pointer arithmetic with {OperatorText(op)} operator prohibited");
        }
        var typeName = ptr.Type.KernelName();
        if (ptr.IsMaybeNull)
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"R{d} pointer arithmetic on {typeName} prohibited, null-check it first");
        }
        if (ptr.Type is RegType.ConstMapPtr or RegType.PacketEnd or RegType.Func)
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"R{d} pointer arithmetic on {typeName} prohibited");
        }
        var s = off.Var;
        if (s.IsConst && ((long)s.Value >= MaxVarOff || (long)s.Value <= -MaxVarOff))
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"math between {typeName} pointer and {(long)s.Value} is not allowed");
        }
        if (s.SMin == long.MinValue)
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"math between {typeName} pointer and register with unbounded min value is not allowed");
        }
        if (s.SMin >= MaxVarOff || s.SMin <= -MaxVarOff)
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"value {s.SMin} makes {typeName} pointer be out of bounds");
        }
        var result = ptr;
        if (s.IsConst)
        {
            var delta = (long)s.Value;
            var newOff = op == AluOp.Add ? result.Off + delta : result.Off - delta;
            if (newOff >= MaxVarOff || newOff <= -MaxVarOff)
            {
                throw Error(VerifierErrorKind.PointerArithmetic, pc, $"value {newOff} makes {typeName} pointer be out of bounds");
            }
            result.Off = (int)newOff;
            return result;
        }
        result.Var = Scalar.Alu(op, ptr.Var, s, true);
        if (result.Var.SMin >= MaxVarOff || result.Var.SMin <= -MaxVarOff)
        {
            throw Error(VerifierErrorKind.PointerArithmetic, pc, $"value {result.Var.SMin} makes {typeName} pointer be out of bounds");
        }
        if (ptr.IsPacketPointer)
        {
            result.Id = NewId();
            result.Range = 0;
        }
        return result;
    }
}
