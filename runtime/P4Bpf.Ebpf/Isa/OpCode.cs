namespace P4Bpf.Ebpf.Isa;

/// <summary>A typed opcode: the wire opcode byte plus the operation variants that the wire spreads over <c>offset</c> (sdiv, smod, movsx) and <c>imm</c> (atomics).</summary>
/// <remarks>
/// Bits 0–7 are the wire byte, bits 8–15 the ALU variant (the wire offset 1/8/16/32), bits 16–23 the atomic operation (the wire imm).
/// Only <see cref="InstructionDecoder"/> and <see cref="InstructionEncoder"/> move those between the opcode and the wire fields.
/// </remarks>
public readonly record struct OpCode
{
    private readonly uint _value;

    private OpCode(uint value) => _value = value;

    /// <summary>Wraps a wire opcode byte with no variant.</summary>
    public OpCode(byte raw) => _value = raw;

    /// <summary>The opcode byte as it appears on the wire.</summary>
    public byte Raw => (byte)_value;

    /// <summary>The full value including variants (stable, usable as a key).</summary>
    public uint Value => _value;

    public OpClass Class => (OpClass)(_value & 0x07);

    /// <summary>True for the ALU and ALU64 classes.</summary>
    public bool IsAlu => Class is OpClass.Alu or OpClass.Alu64;

    /// <summary>True for the JMP and JMP32 classes.</summary>
    public bool IsJump => Class is OpClass.Jmp or OpClass.Jmp32;

    /// <summary>True for LD, LDX, ST and STX.</summary>
    public bool IsMemory => Class <= OpClass.Stx;

    public AluOp AluOp => (AluOp)((_value & 0xf0) | (((_value >> 8) & 0xff) << 8));

    public JumpOp JumpOp => (JumpOp)(_value & 0xf0);

    public OperandSource Source => (OperandSource)(_value & 0x08);

    public MemSize Size => (MemSize)(_value & 0x18);

    public MemMode Mode => (MemMode)(_value & 0xe0);

    /// <summary>The atomic operation (meaningful only for STX with <see cref="MemMode.Atomic"/>).</summary>
    public AtomicOp AtomicOp => (AtomicOp)((_value >> 16) & 0xff);

    /// <summary>The ALU variant byte (wire offset): 0, 1 (signed div/mod) or 8/16/32 (movsx).</summary>
    public byte AluVariant => (byte)(_value >> 8);

    /// <summary>True for <c>lddw</c>, the only two-slot instruction.</summary>
    public bool IsLoadImm64 => Raw == 0x18;

    /// <summary>Number of 8-byte slots the instruction occupies (2 for <c>lddw</c>, else 1).</summary>
    public int Width => IsLoadImm64 ? 2 : 1;

    /// <summary>True for an atomic read-modify-write.</summary>
    public bool IsAtomic => Class == OpClass.Stx && Mode == MemMode.Atomic;

    public OpCode WithClass(OpClass cls) => new((_value & ~0x07u) | (byte)cls);

    public OpCode WithAluOp(AluOp op) => new((_value & ~0xff_f0u) | ((uint)op & 0xf0) | (((uint)op >> 8) << 8));

    public OpCode WithJumpOp(JumpOp op) => new((_value & ~0xf0u) | (byte)op);

    public OpCode WithSource(OperandSource source) => new((_value & ~0x08u) | (byte)source);

    public OpCode WithSize(MemSize size) => new((_value & ~0x18u) | (byte)size);

    public OpCode WithMode(MemMode mode) => new((_value & ~0xe0u) | (byte)mode);

    public OpCode WithAtomicOp(AtomicOp op) => new((_value & ~0xff_0000u) | (((uint)op & 0xff) << 16));

    /// <summary>An ALU (32-bit) or ALU64 opcode.</summary>
    public static OpCode Alu(AluOp op, OperandSource source, bool is64) =>
        new OpCode((byte)(is64 ? OpClass.Alu64 : OpClass.Alu)).WithAluOp(op).WithSource(source);

    /// <summary>A JMP or JMP32 opcode.</summary>
    public static OpCode Jump(JumpOp op, OperandSource source, bool is32 = false) =>
        new((byte)((byte)(is32 ? OpClass.Jmp32 : OpClass.Jmp) | (byte)op | (byte)source));

    /// <summary>A load/store opcode.</summary>
    public static OpCode Memory(OpClass cls, MemMode mode, MemSize size) => new((byte)((byte)cls | (byte)mode | (byte)size));

    /// <summary>An atomic opcode (STX | ATOMIC | W/DW) with its operation.</summary>
    public static OpCode Atomic(AtomicOp op, MemSize size) => Memory(OpClass.Stx, MemMode.Atomic, size).WithAtomicOp(op);

    /// <summary>The <c>lddw</c> opcode (0x18).</summary>
    public static OpCode LoadImm64 => new(0x18);

    /// <summary>The <c>exit</c> opcode (0x95).</summary>
    public static OpCode Exit => new(0x95);

    /// <summary>The <c>call</c> opcode (0x85).</summary>
    public static OpCode Call => new(0x85);

    /// <summary>The <c>callx</c> opcode (0x8d).</summary>
    public static OpCode CallX => new(0x8d);

    public override string ToString() => $"0x{Raw:x2}" + (_value > 0xff ? $"/{_value >> 8:x}" : "");
}
