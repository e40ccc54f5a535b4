namespace P4Bpf.Ebpf.Isa;

/// <summary>Addressing mode of load and store instructions: bits 5–7 of the opcode byte.</summary>
public enum MemMode : byte
{
    /// <summary>64-bit immediate load (<c>lddw</c>, with size DW).</summary>
    Imm = 0x00,
    /// <summary>Legacy packet access at an absolute offset (<c>LD_ABS</c>).</summary>
    Abs = 0x20,
    /// <summary>Legacy packet access at a register plus offset (<c>LD_IND</c>).</summary>
    Ind = 0x40,
    /// <summary>Regular memory access.</summary>
    Mem = 0x60,
    /// <summary>Sign-extending load (ISA v4).</summary>
    MemSx = 0x80,
    /// <summary>Atomic read-modify-write (the operation is the immediate).</summary>
    Atomic = 0xc0,
}
