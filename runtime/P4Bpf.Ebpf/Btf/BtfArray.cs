namespace P4Bpf.Ebpf.Btf;

/// <summary>An array of <paramref name="Count"/> elements, indexed by <paramref name="Index"/> (an integer type).</summary>
public sealed record BtfArray(BtfType Element, BtfType Index, uint Count) : BtfType
{
    public override string Name { get => ""; init { } }

    public override BtfKind Kind => BtfKind.Array;
}
