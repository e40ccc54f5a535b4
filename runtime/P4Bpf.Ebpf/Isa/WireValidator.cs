namespace P4Bpf.Ebpf.Isa;

/// <summary>Checks the raw fields of one instruction slot against <see cref="OpcodeTable"/>; shared by decoder and encoder.</summary>
internal static class WireValidator
{
    public static void Check(OpcodeInfo info, byte dst, byte src, short off, int imm, int pc)
    {
        if (!info.IsValid)
        {
            throw new IsaException(IsaErrorKind.UnknownOpcode, pc, $"unknown opcode 0x{info.Raw:x2} at PC {pc}");
        }
        var m = info.Mnemonic;
        if (dst > 10)
        {
            throw new IsaException(IsaErrorKind.InvalidRegister, pc, $"invalid destination register r{dst} at PC {pc}");
        }
        switch (info.Shape)
        {
            case OperandShape.LoadImm64 when src > (byte)PseudoSource.MapIdxValue:
                throw new IsaException(IsaErrorKind.InvalidRegister, pc, $"invalid lddw pseudo source {src} at PC {pc}");
            case OperandShape.Call when src > (byte)CallKind.Kfunc:
                throw new IsaException(IsaErrorKind.InvalidRegister, pc, $"invalid call kind {src} at PC {pc}");
            case not (OperandShape.LoadImm64 or OperandShape.Call) when src > 10:
                throw new IsaException(IsaErrorKind.InvalidRegister, pc, $"invalid source register r{src} at PC {pc}");
        }
        if (!info.UsesDst && dst != 0)
        {
            throw Reserved("dst", m, pc);
        }
        if (!info.UsesSrc && src != 0)
        {
            throw Reserved("src", m, pc);
        }
        if (!info.UsesImm && imm != 0)
        {
            throw Reserved("imm", m, pc);
        }
        if (!info.UsesOffset && off != 0)
        {
            if (info.AluVariants.Count == 0)
            {
                throw Reserved("offset", m, pc);
            }
            if (!info.AluVariants.Contains(off))
            {
                throw new IsaException(IsaErrorKind.InvalidAluVariant, pc, $"invalid offset {off} for {m} at PC {pc}");
            }
        }
        switch (info.Shape)
        {
            case OperandShape.Endian when imm is not (16 or 32 or 64):
                throw new IsaException(IsaErrorKind.InvalidEndianWidth, pc, $"invalid byte swap width {imm} at PC {pc}");
            case OperandShape.Atomic when !IsAtomicOp(imm):
                throw new IsaException(IsaErrorKind.UnknownAtomicOp, pc, $"unknown atomic operation 0x{imm:x} at PC {pc}");
        }
    }

    public static bool IsAtomicOp(int imm) => (AtomicOp)imm is AtomicOp.Add or AtomicOp.Or or AtomicOp.And or AtomicOp.Xor
        or AtomicOp.FetchAdd or AtomicOp.FetchOr or AtomicOp.FetchAnd or AtomicOp.FetchXor or AtomicOp.Xchg or AtomicOp.CmpXchg;

    private static IsaException Reserved(string field, string mnemonic, int pc) =>
        new(IsaErrorKind.ReservedFieldNonZero, pc, $"reserved field {field} is non-zero in {mnemonic} at PC {pc}");
}
