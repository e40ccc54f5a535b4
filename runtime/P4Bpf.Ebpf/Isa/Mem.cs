namespace P4Bpf.Ebpf.Isa;

/// <summary>DSL for loads, stores, atomics and 64-bit immediates.</summary>
public static class Mem
{
    /// <summary><c>dst = *(size *)(src + offset)</c>.</summary>
    public static Instruction LoadMem(Register dst, Register src, short offset, MemSize size) =>
        new(OpCode.Memory(OpClass.Ldx, MemMode.Mem, size), dst, src, offset, 0);

    /// <summary><c>dst = *(s size *)(src + offset)</c>, sign-extended to 64 bits (ISA v4; not DW).</summary>
    public static Instruction LoadMemSx(Register dst, Register src, short offset, MemSize size) =>
        new(OpCode.Memory(OpClass.Ldx, MemMode.MemSx, size), dst, src, offset, 0);

    /// <summary><c>*(size *)(dst + offset) = src</c>.</summary>
    public static Instruction StoreMem(Register dst, short offset, Register src, MemSize size) =>
        new(OpCode.Memory(OpClass.Stx, MemMode.Mem, size), dst, src, offset, 0);

    /// <summary><c>*(size *)(dst + offset) = imm</c>.</summary>
    public static Instruction StoreImm(Register dst, short offset, long imm, MemSize size) =>
        new(OpCode.Memory(OpClass.St, MemMode.Mem, size), dst, default, offset, imm);

    /// <summary><c>lddw dst, value</c>.</summary>
    public static Instruction LoadImm64(Register dst, long value) => new(OpCode.LoadImm64, dst, default, 0, value);

    /// <summary><c>lddw</c> with a pseudo source; <paramref name="imm"/> goes to the first slot, <paramref name="nextImm"/> to the second.</summary>
    public static Instruction LoadPseudo(Register dst, PseudoSource source, int imm, int nextImm = 0) =>
        new(OpCode.LoadImm64, dst, new Register((byte)source), 0, (long)(((ulong)(uint)nextImm << 32) | (uint)imm));

    /// <summary><c>dst = map_by_fd(fd)</c>.</summary>
    public static Instruction LoadMapFd(Register dst, int fd) => LoadPseudo(dst, PseudoSource.MapFd, fd);

    /// <summary><c>dst = map_val(map_by_fd(fd)) + offset</c>.</summary>
    public static Instruction LoadMapValue(Register dst, int fd, int offset) => LoadPseudo(dst, PseudoSource.MapValue, fd, offset);

    /// <summary>Legacy <c>r0 = ntoh(*(size *)skb[imm])</c>.</summary>
    public static Instruction LoadAbs(MemSize size, int imm) => new(OpCode.Memory(OpClass.Ld, MemMode.Abs, size), default, default, 0, imm);

    /// <summary>Legacy <c>r0 = ntoh(*(size *)skb[src + imm])</c>.</summary>
    public static Instruction LoadInd(MemSize size, Register src, int imm) => new(OpCode.Memory(OpClass.Ld, MemMode.Ind, size), default, src, 0, imm);

    /// <summary>Atomic operation on <c>*(size *)(dst + offset)</c> with <c>src</c> (size W or DW).</summary>
    public static Instruction Atomic(AtomicOp op, MemSize size, Register dst, short offset, Register src) =>
        new(OpCode.Atomic(op, size), dst, src, offset, 0);
}

/// <summary>DSL for helper calls: <c>Helper.Call(1)</c> calls the kernel helper with id 1.</summary>
public static class Helper
{
    public static Instruction Call(int helperId) => Jmp.Call(helperId);
}
