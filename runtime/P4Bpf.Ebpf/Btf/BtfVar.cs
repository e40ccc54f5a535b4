namespace P4Bpf.Ebpf.Btf;

/// <summary>A global variable (in libbpf objects: a map definition in <c>.maps</c> or a global in a data section).</summary>
public sealed record BtfVar(string Name, BtfType Type, BtfLinkage Linkage) : BtfType
{
    public override BtfKind Kind => BtfKind.Var;
}
