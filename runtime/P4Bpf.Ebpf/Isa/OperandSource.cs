namespace P4Bpf.Ebpf.Isa;

/// <summary>Bit 3 of ALU and JMP opcodes: the second operand is the immediate (K) or the source register (X).</summary>
/// <remarks>For <see cref="AluOp.End"/> in the ALU class the same bit selects little (0) or big (1) endian.</remarks>
public enum OperandSource : byte
{
    Imm = 0x00,
    Reg = 0x08,
}
