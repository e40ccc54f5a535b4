namespace P4Bpf.Ebpf.Isa;

/// <summary>Arithmetic operations: bits 4–7 of the opcode byte, plus the v4 variants selected by the wire <c>offset</c> (kept in bits 8–15).</summary>
/// <remarks>The decoder folds the <c>offset</c> of sdiv/smod (1) and movsx (8/16/32) into the operation, so an <see cref="Instruction"/> never carries it as an offset.</remarks>
public enum AluOp : ushort
{
    Add = 0x00,
    Sub = 0x10,
    Mul = 0x20,
    Div = 0x30,
    Or = 0x40,
    And = 0x50,
    Lsh = 0x60,
    Rsh = 0x70,
    Neg = 0x80,
    Mod = 0x90,
    Xor = 0xa0,
    Mov = 0xb0,
    Arsh = 0xc0,
    /// <summary>Byte-order conversion (le/be on ALU, unconditional bswap on ALU64); the width is the immediate.</summary>
    End = 0xd0,

    /// <summary>Signed division (wire: Div with offset 1).</summary>
    SDiv = 0x0100 | Div,
    /// <summary>Signed modulo (wire: Mod with offset 1).</summary>
    SMod = 0x0100 | Mod,
    /// <summary>Move with sign extension from 8 bits (wire: Mov with offset 8).</summary>
    MovSx8 = 0x0800 | Mov,
    /// <summary>Move with sign extension from 16 bits (wire: Mov with offset 16).</summary>
    MovSx16 = 0x1000 | Mov,
    /// <summary>Move with sign extension from 32 bits (wire: Mov with offset 32; ALU64 only).</summary>
    MovSx32 = 0x2000 | Mov,
}
