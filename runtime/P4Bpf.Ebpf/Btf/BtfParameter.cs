namespace P4Bpf.Ebpf.Btf;

/// <summary>One function prototype parameter.</summary>
public sealed record BtfParameter(string Name, BtfType Type);
