using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Btf;

/// <summary>A function prototype.</summary>
public sealed record BtfFuncProto(BtfType Return, EquatableArray<BtfParameter> Parameters) : BtfType
{
    public override string Name { get => ""; init { } }

    public override BtfKind Kind => BtfKind.FuncProto;
}
