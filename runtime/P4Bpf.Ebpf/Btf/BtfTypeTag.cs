namespace P4Bpf.Ebpf.Btf;

/// <summary>A <c>btf_type_tag</c> annotation on <paramref name="Target"/>.</summary>
public sealed record BtfTypeTag(string Name, BtfType Target) : BtfType
{
    public override BtfKind Kind => BtfKind.TypeTag;
}
