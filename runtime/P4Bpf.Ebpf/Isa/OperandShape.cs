namespace P4Bpf.Ebpf.Isa;

/// <summary>Which operands an opcode uses and how the text forms spell them.</summary>
public enum OperandShape : byte
{
    /// <summary>Not a valid opcode.</summary>
    Invalid,
    /// <summary><c>dst op= imm</c>.</summary>
    AluImm,
    /// <summary><c>dst op= src</c>.</summary>
    AluReg,
    /// <summary><c>dst = -dst</c>.</summary>
    AluUnary,
    /// <summary><c>dst = be16 dst</c>: width (16/32/64) in imm.</summary>
    Endian,
    /// <summary><c>lddw dst, imm64</c> (two slots, pseudo source in src).</summary>
    LoadImm64,
    /// <summary>Legacy <c>r0 = *(size *)skb[imm]</c>.</summary>
    LoadAbs,
    /// <summary>Legacy <c>r0 = *(size *)skb[src + imm]</c>.</summary>
    LoadInd,
    /// <summary><c>dst = *(size *)(src + off)</c>.</summary>
    Load,
    /// <summary><c>dst = *(s size *)(src + off)</c> (sign-extending).</summary>
    LoadSx,
    /// <summary><c>*(size *)(dst + off) = src</c>.</summary>
    Store,
    /// <summary><c>*(size *)(dst + off) = imm</c>.</summary>
    StoreImm,
    /// <summary>Atomic read-modify-write on <c>(dst + off)</c> with <c>src</c>; operation in imm.</summary>
    Atomic,
    /// <summary><c>goto +off</c>.</summary>
    Jump,
    /// <summary><c>gotol +imm</c> (JMP32 | JA).</summary>
    JumpLong,
    /// <summary><c>if dst op imm goto +off</c>.</summary>
    CondImm,
    /// <summary><c>if dst op src goto +off</c>.</summary>
    CondReg,
    /// <summary><c>call imm</c>; src selects helper / local / kfunc.</summary>
    Call,
    /// <summary><c>callx dst</c>.</summary>
    CallX,
    /// <summary><c>exit</c>.</summary>
    Exit,
}
