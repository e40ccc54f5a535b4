using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Btf;

/// <summary>A union of <paramref name="Size"/> bytes.</summary>
public sealed record BtfUnion(string Name, uint Size, EquatableArray<BtfMember> Members) : BtfType
{
    public override BtfKind Kind => BtfKind.Union;
}
