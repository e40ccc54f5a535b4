using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Btf;

/// <summary>An ELF section of variables (<c>.maps</c>, <c>.rodata</c>, …).</summary>
public sealed record BtfDatasec(string Name, uint Size, EquatableArray<BtfVarSecinfo> Variables) : BtfType
{
    public override BtfKind Kind => BtfKind.Datasec;
}
