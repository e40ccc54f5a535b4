namespace P4Bpf.Ebpf.Objects;

/// <summary>The libbpf <c>pinning</c> attribute of a BTF map definition (<c>enum libbpf_pin_type</c>).</summary>
public enum MapPinning : uint
{
    None = 0,
    ByName = 1,
}
