using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Btf;

/// <summary>A struct of <paramref name="Size"/> bytes.</summary>
public sealed record BtfStruct(string Name, uint Size, EquatableArray<BtfMember> Members) : BtfType
{
    public override BtfKind Kind => BtfKind.Struct;
}
