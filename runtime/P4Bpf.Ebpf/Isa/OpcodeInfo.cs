namespace P4Bpf.Ebpf.Isa;

/// <summary>The ISA facts about one wire opcode byte: its mnemonic, shape and which fields may be non-zero.</summary>
/// <param name="Raw">The opcode byte.</param>
/// <param name="Mnemonic">The uBPF/conformance-style mnemonic (<c>add32</c>, <c>ldxw</c>, <c>jsgt</c>…); empty when invalid.</param>
/// <param name="Shape">Operand shape; <see cref="OperandShape.Invalid"/> for unknown opcodes.</param>
/// <param name="UsesDst">The dst field is meaningful (else it must be 0).</param>
/// <param name="UsesSrc">The src field is meaningful (else it must be 0).</param>
/// <param name="UsesOffset">The offset field is meaningful as a displacement or jump offset (else it must be 0, apart from ALU variants).</param>
/// <param name="UsesImm">The imm field is meaningful (else it must be 0).</param>
/// <param name="AluVariants">Legal wire offsets that select an ALU variant (e.g. 0 and 1 for div); empty for non-ALU opcodes.</param>
public sealed record OpcodeInfo(
    byte Raw,
    string Mnemonic,
    OperandShape Shape,
    bool UsesDst,
    bool UsesSrc,
    bool UsesOffset,
    bool UsesImm,
    IReadOnlyList<short> AluVariants)
{
    public bool IsValid => Shape != OperandShape.Invalid;

    public OpClass Class => (OpClass)(Raw & 0x07);

    /// <summary>True when the instruction works on 32-bit values (ALU, JMP32, 32-bit atomics and loads write a zero-extended 32-bit value).</summary>
    public bool Is32Bit => Class is OpClass.Alu or OpClass.Jmp32;
}
