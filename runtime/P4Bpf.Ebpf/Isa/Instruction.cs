namespace P4Bpf.Ebpf.Isa;

/// <summary>One eBPF instruction, normalised: <c>lddw</c> is one instruction of width 2 whose <see cref="Imm"/> is the whole 64-bit value and whose <see cref="Src"/> is the pseudo source; sdiv/smod/movsx and atomics carry their variant in <see cref="Op"/>.</summary>
/// <remarks>
/// <see cref="Offset"/> is the wire offset (memory displacement or jump offset in slots); for <c>gotol</c> the 32-bit jump offset is in <see cref="Imm"/>.
/// <see cref="Imm"/> is the sign-extended 32-bit wire immediate for every other instruction.
/// </remarks>
public readonly record struct Instruction(OpCode Op, Register Dst, Register Src, short Offset, long Imm)
{
    /// <summary>Number of 8-byte slots (2 for <c>lddw</c>).</summary>
    public int Width => Op.Width;

    /// <summary>The table entry of the wire opcode.</summary>
    public OpcodeInfo Info => OpcodeTable.Get(Op.Raw);

    /// <summary>True for a jump with a target (conditional, <c>ja</c>, <c>gotol</c>), not call/exit.</summary>
    public bool IsBranch => Info.Shape is OperandShape.Jump or OperandShape.JumpLong or OperandShape.CondImm or OperandShape.CondReg;

    /// <summary>The relative target of a branch or local call in slots (from the next instruction).</summary>
    public long BranchOffset => Info.Shape switch
    {
        OperandShape.JumpLong => Imm,
        OperandShape.Call when Src.Index == (byte)CallKind.Local => Imm,
        _ => Offset,
    };

    /// <summary>True for <c>call</c> with src=1 (bpf-to-bpf call).</summary>
    public bool IsLocalCall => Op.Raw == 0x85 && Src.Index == (byte)CallKind.Local;

    /// <summary>The kernel-syntax text of this instruction (no labels).</summary>
    public override string ToString() => Assembly.Disassembler.Format(this);
}
