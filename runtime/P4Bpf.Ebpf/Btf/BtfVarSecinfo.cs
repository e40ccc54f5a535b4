namespace P4Bpf.Ebpf.Btf;

/// <summary>One variable of a data section, at <paramref name="Offset"/> with <paramref name="Size"/> bytes.</summary>
public sealed record BtfVarSecinfo(BtfType Type, uint Offset, uint Size);
