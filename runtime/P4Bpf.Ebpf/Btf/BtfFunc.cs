namespace P4Bpf.Ebpf.Btf;

/// <summary>A function with prototype <paramref name="Proto"/>.</summary>
public sealed record BtfFunc(string Name, BtfType Proto, BtfLinkage Linkage) : BtfType
{
    public override BtfKind Kind => BtfKind.Func;
}
