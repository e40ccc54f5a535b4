namespace P4Bpf.Ebpf.Objects;

/// <summary>The raw instruction encoding facts the object layer needs (it carries bytecode, not decoded instructions).</summary>
/// <remarks>Slot layout: <c>u8 opcode; u8 dst:4 (low nibble), src:4 (high nibble); s16 off; s32 imm</c>, little-endian.</remarks>
public static class BpfInstructionLayout
{
    public const int Size = 8;
    public const int RegistersOffset = 1;
    public const int OffsetOffset = RegistersOffset + 1;
    public const int ImmOffset = OffsetOffset + 2;

    /// <summary>BPF_LD | BPF_DW | BPF_IMM, the 16-byte load of a 64-bit immediate.</summary>
    public const byte OpLddw = 0x18;

    /// <summary>BPF_JMP | BPF_CALL.</summary>
    public const byte OpCall = 0x85;

    public const int PseudoMapFd = 1;
    public const int PseudoMapValue = 2;
    public const int PseudoCall = 1;
    public const int PseudoFunc = 4;
}
