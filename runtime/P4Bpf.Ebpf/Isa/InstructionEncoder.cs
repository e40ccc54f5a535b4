using System.Buffers.Binary;

namespace P4Bpf.Ebpf.Isa;

/// <summary>Turns normalised instructions back into wire bytes and resolves labels; the only place that folds variants into offset/imm.</summary>
public static class InstructionEncoder
{
    /// <summary>Encodes instructions to little-endian bytecode (8 bytes per slot, 16 for <c>lddw</c>).</summary>
    public static byte[] Encode(IReadOnlyList<Instruction> instructions)
    {
        var slots = 0;
        foreach (var insn in instructions)
        {
            slots += insn.Width;
        }
        var bytes = new byte[slots * 8];
        var pc = 0;
        foreach (var insn in instructions)
        {
            EncodeOne(insn, bytes.AsSpan(pc * 8), pc);
            pc += insn.Width;
        }
        return bytes;
    }

    /// <summary>Resolves labels and encodes.</summary>
    public static byte[] Encode(IEnumerable<AsmInstruction> program) => Encode(Resolve(program));

    /// <summary>Replaces label references with relative offsets (in slots, from the next instruction).</summary>
    public static Instruction[] Resolve(IEnumerable<AsmInstruction> program)
    {
        var items = program as IReadOnlyList<AsmInstruction> ?? [.. program];
        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        var pcs = new int[items.Count];
        var pc = 0;
        for (var i = 0; i < items.Count; i++)
        {
            pcs[i] = pc;
            if (items[i].Label is { } label && !labels.TryAdd(label, pc))
            {
                throw new IsaException(IsaErrorKind.BadLabel, pc, $"duplicate label '{label}' at PC {pc}");
            }
            pc += items[i].Instruction.Width;
        }
        var result = new Instruction[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            result[i] = item.Target is null ? item.Instruction : WithTarget(item, labels, pcs[i]);
        }
        return result;
    }

    private static Instruction WithTarget(AsmInstruction item, Dictionary<string, int> labels, int pc)
    {
        var insn = item.Instruction;
        if (!labels.TryGetValue(item.Target!, out var target))
        {
            throw new IsaException(IsaErrorKind.BadLabel, pc, $"undefined label '{item.Target}' at PC {pc}");
        }
        long delta = target - (pc + 1);
        switch (insn.Info.Shape)
        {
            case OperandShape.Jump or OperandShape.CondImm or OperandShape.CondReg:
                if (delta is < short.MinValue or > short.MaxValue)
                {
                    throw new IsaException(IsaErrorKind.BadLabel, pc, $"jump to '{item.Target}' at PC {pc} does not fit 16 bits (use gotol)");
                }
                return insn with { Offset = (short)delta };
            case OperandShape.JumpLong:
                return insn with { Imm = delta };
            case OperandShape.Call when insn.Src.Index == (byte)CallKind.Local:
                return insn with { Imm = delta };
            case OperandShape.LoadImm64 when insn.Src.Index == (byte)PseudoSource.Func:
                return insn with { Imm = delta };
            default:
                throw new IsaException(IsaErrorKind.BadLabel, pc, $"instruction at PC {pc} cannot target label '{item.Target}'");
        }
    }

    /// <summary>Writes one instruction (8 or 16 bytes) into <paramref name="destination"/>.</summary>
    public static void EncodeOne(Instruction insn, Span<byte> destination, int pc = 0)
    {
        var info = insn.Info;
        var op = insn.Op;
        short off = insn.Offset;
        long imm = insn.Imm;
        if (info.Shape is OperandShape.AluImm or OperandShape.AluReg)
        {
            if (off != 0)
            {
                throw new IsaException(IsaErrorKind.ValueOutOfRange, pc, $"ALU instruction at PC {pc} has an offset; use the sdiv/smod/movsx operations");
            }
            off = op.AluVariant;
        }
        else if (op.AluVariant != 0)
        {
            throw new IsaException(IsaErrorKind.InvalidAluVariant, pc, $"ALU variant on non-ALU opcode 0x{op.Raw:x2} at PC {pc}");
        }
        if (info.Shape == OperandShape.Atomic)
        {
            if (imm != 0)
            {
                throw new IsaException(IsaErrorKind.ValueOutOfRange, pc, $"atomic instruction at PC {pc} has an immediate; the operation is in the opcode");
            }
            imm = (int)op.AtomicOp;
        }
        int imm32;
        if (info.Shape == OperandShape.LoadImm64)
        {
            imm32 = (int)imm;
        }
        else if (imm is >= int.MinValue and <= uint.MaxValue)
        {
            imm32 = unchecked((int)imm);
        }
        else
        {
            throw new IsaException(IsaErrorKind.ValueOutOfRange, pc, $"immediate {imm} does not fit 32 bits at PC {pc}");
        }
        var dst = insn.Dst.Index;
        var src = insn.Src.Index;
        if (dst > 15 || src > 15)
        {
            throw new IsaException(IsaErrorKind.InvalidRegister, pc, $"register out of range at PC {pc}");
        }
        WireValidator.Check(info, dst, src, off, imm32, pc);
        destination[0] = op.Raw;
        destination[1] = (byte)(dst | (src << 4));
        BinaryPrimitives.WriteInt16LittleEndian(destination[2..], off);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], imm32);
        if (info.Shape == OperandShape.LoadImm64)
        {
            destination.Slice(8, 4).Clear();
            BinaryPrimitives.WriteInt32LittleEndian(destination[12..], (int)(imm >> 32));
        }
    }
}
