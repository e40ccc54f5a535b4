namespace P4Bpf.Ebpf.Btf;

/// <summary>A <c>volatile</c>, <c>const</c> or <c>restrict</c> qualifier on <paramref name="Target"/>.</summary>
public sealed record BtfQualifier(BtfKind QualifierKind, BtfType Target) : BtfType
{
    public override string Name { get => ""; init { } }

    public override BtfKind Kind => QualifierKind;
}
