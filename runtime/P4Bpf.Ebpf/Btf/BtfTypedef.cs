namespace P4Bpf.Ebpf.Btf;

/// <summary>A typedef naming <paramref name="Target"/>.</summary>
public sealed record BtfTypedef(string Name, BtfType Target) : BtfType
{
    public override BtfKind Kind => BtfKind.Typedef;
}
