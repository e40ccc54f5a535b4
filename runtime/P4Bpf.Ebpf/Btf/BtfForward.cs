namespace P4Bpf.Ebpf.Btf;

/// <summary>A forward declaration of a struct or union (also what the parser puts where a type graph loops).</summary>
public sealed record BtfForward(string Name, bool IsUnion) : BtfType
{
    public override BtfKind Kind => BtfKind.Forward;
}
