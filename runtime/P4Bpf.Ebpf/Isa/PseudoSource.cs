namespace P4Bpf.Ebpf.Isa;

/// <summary>The <c>src</c> field of <c>lddw</c>: how the 64-bit immediate is to be interpreted (kernel <c>BPF_PSEUDO_*</c>).</summary>
/// <remarks>Anything but <see cref="None"/> must be resolved to a plain value by a loader before the program runs.</remarks>
public enum PseudoSource : byte
{
    /// <summary>The immediate is the value.</summary>
    None = 0,
    /// <summary><c>map_by_fd(imm)</c>.</summary>
    MapFd = 1,
    /// <summary><c>map_val(map_by_fd(imm)) + next_imm</c>.</summary>
    MapValue = 2,
    /// <summary><c>var_addr(imm)</c> (BTF id of a kernel variable).</summary>
    BtfId = 3,
    /// <summary><c>code_addr(imm)</c> (a subprogram, relative to the next instruction).</summary>
    Func = 4,
    /// <summary><c>map_by_idx(imm)</c>.</summary>
    MapIdx = 5,
    /// <summary><c>map_val(map_by_idx(imm)) + next_imm</c>.</summary>
    MapIdxValue = 6,
}

/// <summary>The <c>src</c> field of <c>call</c> (opcode 0x85).</summary>
public enum CallKind : byte
{
    /// <summary>Helper function by static id in <c>imm</c>.</summary>
    Helper = 0,
    /// <summary>bpf-to-bpf call; <c>imm</c> is the offset from the next instruction.</summary>
    Local = 1,
    /// <summary>Kernel function by BTF id in <c>imm</c>.</summary>
    Kfunc = 2,
}
