using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Btf;

/// <summary>An enumeration of <paramref name="Size"/> bytes (written as ENUM64 when 8 bytes wide).</summary>
public sealed record BtfEnum(string Name, uint Size, bool Signed, EquatableArray<BtfEnumValue> Values) : BtfType
{
    public override BtfKind Kind => Size == 8 ? BtfKind.Enum64 : BtfKind.Enum;
}
