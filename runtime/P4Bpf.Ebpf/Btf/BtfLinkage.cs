namespace P4Bpf.Ebpf.Btf;

/// <summary>Linkage of a BTF function or variable (<c>BTF_FUNC_*</c> / <c>BTF_VAR_*</c> share the values).</summary>
public enum BtfLinkage : uint
{
    Static = 0,
    Global = 1,
    Extern = 2,
}
