namespace P4Bpf.Ebpf.Btf;

/// <summary>A floating-point type of <paramref name="Size"/> bytes.</summary>
public sealed record BtfFloat(string Name, uint Size) : BtfType
{
    public override BtfKind Kind => BtfKind.Float;
}
