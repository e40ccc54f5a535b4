namespace P4Bpf.Ebpf.Isa;

/// <summary>Access width of load and store instructions: bits 3–4 of the opcode byte.</summary>
public enum MemSize : byte
{
    W = 0x00,
    H = 0x08,
    B = 0x10,
    DW = 0x18,
}

/// <summary>Helpers over <see cref="MemSize"/>.</summary>
public static class MemSizeExtensions
{
    /// <summary>The width in bytes (1, 2, 4 or 8).</summary>
    public static int Bytes(this MemSize size) => size switch
    {
        MemSize.B => 1,
        MemSize.H => 2,
        MemSize.W => 4,
        _ => 8,
    };

    /// <summary>The C type name used by the kernel syntax (<c>u8</c>…<c>u64</c>).</summary>
    public static string UnsignedName(this MemSize size) => size switch
    {
        MemSize.B => "u8",
        MemSize.H => "u16",
        MemSize.W => "u32",
        _ => "u64",
    };

    /// <summary>The uBPF mnemonic suffix (<c>b</c>, <c>h</c>, <c>w</c>, <c>dw</c>).</summary>
    public static string Suffix(this MemSize size) => size switch
    {
        MemSize.B => "b",
        MemSize.H => "h",
        MemSize.W => "w",
        _ => "dw",
    };
}
