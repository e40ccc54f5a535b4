namespace P4Bpf.Ebpf.Btf;

/// <summary>A <c>btf_decl_tag</c> on <paramref name="Target"/> or, when <paramref name="ComponentIndex"/> ≥ 0, on one of its members/parameters.</summary>
public sealed record BtfDeclTag(string Name, BtfType Target, int ComponentIndex) : BtfType
{
    public override BtfKind Kind => BtfKind.DeclTag;
}
