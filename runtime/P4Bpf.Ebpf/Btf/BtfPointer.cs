namespace P4Bpf.Ebpf.Btf;

/// <summary>A pointer to <paramref name="Target"/> (8 bytes on BPF).</summary>
public sealed record BtfPointer(BtfType Target) : BtfType
{
    public override string Name { get => ""; init { } }

    public override BtfKind Kind => BtfKind.Pointer;
}
