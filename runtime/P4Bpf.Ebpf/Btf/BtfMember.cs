namespace P4Bpf.Ebpf.Btf;

/// <summary>A struct or union member at <paramref name="BitOffset"/>; <paramref name="BitfieldSize"/> is non-zero for bitfields.</summary>
public sealed record BtfMember(string Name, BtfType Type, uint BitOffset, byte BitfieldSize = 0);
