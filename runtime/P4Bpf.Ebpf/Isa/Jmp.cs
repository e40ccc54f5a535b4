namespace P4Bpf.Ebpf.Isa;

/// <summary>DSL for control flow: <c>Jmp.JEq.Imm(R1, 0, "drop")</c>, <c>Jmp.Ja("out")</c>, <c>Jmp.Exit()</c>, <c>Jmp.CallLocal("f")</c>.</summary>
/// <remarks>Label targets are resolved by <see cref="InstructionEncoder.Resolve"/>.</remarks>
public static class Jmp
{
    public static readonly JumpBuilder JEq = new(JumpOp.JEq);
    public static readonly JumpBuilder JGt = new(JumpOp.JGt);
    public static readonly JumpBuilder JGe = new(JumpOp.JGe);
    public static readonly JumpBuilder JSet = new(JumpOp.JSet);
    public static readonly JumpBuilder JNe = new(JumpOp.JNe);
    public static readonly JumpBuilder JSGt = new(JumpOp.JSGt);
    public static readonly JumpBuilder JSGe = new(JumpOp.JSGe);
    public static readonly JumpBuilder JLt = new(JumpOp.JLt);
    public static readonly JumpBuilder JLe = new(JumpOp.JLe);
    public static readonly JumpBuilder JSLt = new(JumpOp.JSLt);
    public static readonly JumpBuilder JSLe = new(JumpOp.JSLe);

    /// <summary><c>goto label</c>.</summary>
    public static AsmInstruction Ja(string label) => new(Ja((short)0), Target: label);

    /// <summary><c>goto +offset</c>.</summary>
    public static Instruction Ja(short offset) => new(OpCode.Jump(JumpOp.Ja, OperandSource.Imm), default, default, offset, 0);

    /// <summary><c>gotol label</c> (32-bit offset, ISA v4).</summary>
    public static AsmInstruction Gotol(string label) => new(Gotol(0), Target: label);

    /// <summary><c>gotol +offset</c>.</summary>
    public static Instruction Gotol(int offset) => new(OpCode.Jump(JumpOp.Ja, OperandSource.Imm, is32: true), default, default, 0, offset);

    public static Instruction Exit() => new(OpCode.Exit, default, default, 0, 0);

    /// <summary>Helper call by kernel helper id.</summary>
    public static Instruction Call(int helperId) => new(OpCode.Call, default, new Register((byte)CallKind.Helper), 0, helperId);

    /// <summary>bpf-to-bpf call to a label.</summary>
    public static AsmInstruction CallLocal(string label) => new(CallLocal(0), Target: label);

    /// <summary>bpf-to-bpf call with a relative offset.</summary>
    public static Instruction CallLocal(int offset) => new(OpCode.Call, default, new Register((byte)CallKind.Local), 0, offset);

    /// <summary>Kernel function call by BTF id.</summary>
    public static Instruction CallKfunc(int btfId) => new(OpCode.Call, default, new Register((byte)CallKind.Kfunc), 0, btfId);

    /// <summary><c>callx reg</c>: call the helper whose id is in <paramref name="target"/>.</summary>
    public static Instruction CallX(Register target) => new(OpCode.CallX, target, default, 0, 0);
}

/// <summary>Builds one conditional jump in its four forms, with a label or a raw offset.</summary>
public sealed class JumpBuilder(JumpOp op)
{
    public JumpOp Op { get; } = op;

    public AsmInstruction Imm(Register dst, long imm, string label) => new(Imm(dst, imm, 0), Target: label);

    public AsmInstruction Reg(Register dst, Register src, string label) => new(Reg(dst, src, 0), Target: label);

    public AsmInstruction Imm32(Register dst, long imm, string label) => new(Imm32(dst, imm, 0), Target: label);

    public AsmInstruction Reg32(Register dst, Register src, string label) => new(Reg32(dst, src, 0), Target: label);

    public Instruction Imm(Register dst, long imm, short offset) => new(OpCode.Jump(Op, OperandSource.Imm), dst, default, offset, imm);

    public Instruction Reg(Register dst, Register src, short offset) => new(OpCode.Jump(Op, OperandSource.Reg), dst, src, offset, 0);

    public Instruction Imm32(Register dst, long imm, short offset) => new(OpCode.Jump(Op, OperandSource.Imm, is32: true), dst, default, offset, imm);

    public Instruction Reg32(Register dst, Register src, short offset) => new(OpCode.Jump(Op, OperandSource.Reg, is32: true), dst, src, offset, 0);
}
