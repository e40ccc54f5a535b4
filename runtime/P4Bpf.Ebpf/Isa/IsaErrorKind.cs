namespace P4Bpf.Ebpf.Isa;

/// <summary>Why a byte sequence or an instruction list is not well-formed eBPF.</summary>
public enum IsaErrorKind
{
    /// <summary>The byte length is not a multiple of 8.</summary>
    TruncatedInstruction,
    /// <summary>An <c>lddw</c> is the last slot, so its second half is missing.</summary>
    IncompleteLddw,
    /// <summary>The second slot of an <c>lddw</c> has a non-zero opcode, register or offset.</summary>
    InvalidLddwSecondHalf,
    /// <summary>The opcode byte is not in the ISA.</summary>
    UnknownOpcode,
    /// <summary>A register field is above r10 (or a pseudo/call source out of range).</summary>
    InvalidRegister,
    /// <summary>A field the opcode does not use is non-zero.</summary>
    ReservedFieldNonZero,
    /// <summary>An ALU offset that selects no variant (e.g. div with offset 2).</summary>
    InvalidAluVariant,
    /// <summary>A byte-swap width other than 16, 32, 64.</summary>
    InvalidEndianWidth,
    /// <summary>An atomic immediate that names no operation.</summary>
    UnknownAtomicOp,
    /// <summary>A label used but never defined, defined twice, or a jump that does not fit its field.</summary>
    BadLabel,
    /// <summary>A value does not fit the field it is encoded into.</summary>
    ValueOutOfRange,
}

/// <summary>A decoding or encoding error, located at an instruction slot (PC).</summary>
public sealed class IsaException(IsaErrorKind kind, int pc, string message) : Exception(message)
{
    public IsaErrorKind Kind { get; } = kind;

    /// <summary>The slot index of the offending instruction.</summary>
    public int Pc { get; } = pc;
}
