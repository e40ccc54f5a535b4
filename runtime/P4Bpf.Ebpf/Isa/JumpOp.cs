namespace P4Bpf.Ebpf.Isa;

/// <summary>Jump operations: bits 4–7 of the opcode byte in the JMP and JMP32 classes.</summary>
public enum JumpOp : byte
{
    /// <summary>Unconditional jump (<c>ja</c> in JMP; <c>gotol</c> with a 32-bit immediate offset in JMP32).</summary>
    Ja = 0x00,
    JEq = 0x10,
    JGt = 0x20,
    JGe = 0x30,
    JSet = 0x40,
    JNe = 0x50,
    JSGt = 0x60,
    JSGe = 0x70,
    Call = 0x80,
    Exit = 0x90,
    JLt = 0xa0,
    JLe = 0xb0,
    JSLt = 0xc0,
    JSLe = 0xd0,
}
