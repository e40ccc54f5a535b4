using System.Buffers.Binary;

namespace P4Bpf.Ebpf.Isa;

/// <summary>Turns raw little-endian bytecode into normalised <see cref="Instruction"/>s, rejecting anything the ISA table does not allow.</summary>
public static class InstructionDecoder
{
    /// <summary>Decodes a whole program; throws <see cref="IsaException"/> naming the PC of the first bad slot.</summary>
    public static Instruction[] Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 8 != 0)
        {
            throw new IsaException(IsaErrorKind.TruncatedInstruction, bytes.Length / 8,
                $"truncated instruction at PC {bytes.Length / 8}: {bytes.Length % 8} trailing byte(s)");
        }
        var slots = bytes.Length / 8;
        var result = new List<Instruction>(slots);
        for (var pc = 0; pc < slots;)
        {
            var insn = DecodeOne(bytes, pc);
            result.Add(insn);
            pc += insn.Width;
        }
        return [.. result];
    }

    /// <summary>Decodes without throwing.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out Instruction[] instructions, out IsaException? error)
    {
        try
        {
            instructions = Decode(bytes);
            error = null;
            return true;
        }
        catch (IsaException e)
        {
            instructions = [];
            error = e;
            return false;
        }
    }

    /// <summary>Decodes one instruction starting at slot <paramref name="pc"/> (two slots for <c>lddw</c>).</summary>
    public static Instruction DecodeOne(ReadOnlySpan<byte> bytes, int pc)
    {
        var slot = bytes.Slice(pc * 8, 8);
        var raw = slot[0];
        var dst = (byte)(slot[1] & 0x0f);
        var src = (byte)(slot[1] >> 4);
        var off = BinaryPrimitives.ReadInt16LittleEndian(slot[2..]);
        var imm = BinaryPrimitives.ReadInt32LittleEndian(slot[4..]);
        var info = OpcodeTable.Get(raw);
        long imm64 = imm;
        if (info.Shape == OperandShape.LoadImm64)
        {
            if ((pc + 2) * 8 > bytes.Length)
            {
                throw new IsaException(IsaErrorKind.IncompleteLddw, pc, $"incomplete lddw at PC {pc}");
            }
            var next = bytes.Slice((pc + 1) * 8, 8);
            if (next[0] != 0 || next[1] != 0 || next[2] != 0 || next[3] != 0)
            {
                throw new IsaException(IsaErrorKind.InvalidLddwSecondHalf, pc + 1, $"invalid lddw second half at PC {pc + 1}");
            }
            var high = BinaryPrimitives.ReadUInt32LittleEndian(next[4..]);
            imm64 = (long)(((ulong)high << 32) | (uint)imm);
        }
        WireValidator.Check(info, dst, src, off, imm, pc);
        return Normalise(info, dst, src, off, imm64);
    }

    private static Instruction Normalise(OpcodeInfo info, byte dst, byte src, short off, long imm)
    {
        var op = new OpCode(info.Raw);
        switch (info.Shape)
        {
            case OperandShape.AluImm or OperandShape.AluReg when off != 0:
                op = op.WithAluOp((AluOp)(((ushort)off << 8) | (info.Raw & 0xf0)));
                off = 0;
                break;
            case OperandShape.Atomic:
                op = op.WithAtomicOp((AtomicOp)imm);
                imm = 0;
                break;
        }
        return new Instruction(op, new Register(dst), new Register(src), off, imm);
    }
}
