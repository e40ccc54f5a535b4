namespace P4Bpf.Ebpf.Isa;

/// <summary>DSL for arithmetic instructions: <c>Alu.Add.Imm(R1, 22)</c> (64-bit), <c>Alu.Add.Imm32(R1, 22)</c> (32-bit, zero-extending).</summary>
public static class Alu
{
    public static readonly AluBuilder Add = new(AluOp.Add);
    public static readonly AluBuilder Sub = new(AluOp.Sub);
    public static readonly AluBuilder Mul = new(AluOp.Mul);
    public static readonly AluBuilder Div = new(AluOp.Div);
    public static readonly AluBuilder SDiv = new(AluOp.SDiv);
    public static readonly AluBuilder Or = new(AluOp.Or);
    public static readonly AluBuilder And = new(AluOp.And);
    public static readonly AluBuilder Lsh = new(AluOp.Lsh);
    public static readonly AluBuilder Rsh = new(AluOp.Rsh);
    public static readonly AluBuilder Mod = new(AluOp.Mod);
    public static readonly AluBuilder SMod = new(AluOp.SMod);
    public static readonly AluBuilder Xor = new(AluOp.Xor);
    public static readonly AluBuilder Mov = new(AluOp.Mov);
    public static readonly AluBuilder Arsh = new(AluOp.Arsh);
    /// <summary>Sign-extending moves (register source only).</summary>
    public static readonly AluBuilder MovSx8 = new(AluOp.MovSx8);
    public static readonly AluBuilder MovSx16 = new(AluOp.MovSx16);
    public static readonly AluBuilder MovSx32 = new(AluOp.MovSx32);

    /// <summary><c>dst = -dst</c> (64-bit).</summary>
    public static Instruction Neg(Register dst) => new(OpCode.Alu(AluOp.Neg, OperandSource.Imm, true), dst, default, 0, 0);

    /// <summary><c>w_dst = -w_dst</c>.</summary>
    public static Instruction Neg32(Register dst) => new(OpCode.Alu(AluOp.Neg, OperandSource.Imm, false), dst, default, 0, 0);

    /// <summary><c>dst = le{width} dst</c> (truncate to width on a little-endian target).</summary>
    public static Instruction ToLe(Register dst, int width) => new(OpCode.Alu(AluOp.End, OperandSource.Imm, false), dst, default, 0, width);

    /// <summary><c>dst = be{width} dst</c>.</summary>
    public static Instruction ToBe(Register dst, int width) => new(OpCode.Alu(AluOp.End, OperandSource.Reg, false), dst, default, 0, width);

    /// <summary><c>dst = bswap{width} dst</c> (unconditional, ISA v4).</summary>
    public static Instruction Swap(Register dst, int width) => new(OpCode.Alu(AluOp.End, OperandSource.Imm, true), dst, default, 0, width);
}

/// <summary>Builds one ALU operation in its four forms.</summary>
public sealed class AluBuilder(AluOp op)
{
    public AluOp Op { get; } = op;

    /// <summary>64-bit, immediate operand (sign-extended).</summary>
    public Instruction Imm(Register dst, long imm) => new(OpCode.Alu(Op, OperandSource.Imm, true), dst, default, 0, imm);

    /// <summary>64-bit, register operand.</summary>
    public Instruction Reg(Register dst, Register src) => new(OpCode.Alu(Op, OperandSource.Reg, true), dst, src, 0, 0);

    /// <summary>32-bit, immediate operand.</summary>
    public Instruction Imm32(Register dst, long imm) => new(OpCode.Alu(Op, OperandSource.Imm, false), dst, default, 0, imm);

    /// <summary>32-bit, register operand.</summary>
    public Instruction Reg32(Register dst, Register src) => new(OpCode.Alu(Op, OperandSource.Reg, false), dst, src, 0, 0);
}
