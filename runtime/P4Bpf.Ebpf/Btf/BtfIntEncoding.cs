namespace P4Bpf.Ebpf.Btf;

/// <summary>The encoding bits of a BTF integer (<c>BTF_INT_SIGNED</c>, <c>BTF_INT_CHAR</c>, <c>BTF_INT_BOOL</c>).</summary>
[Flags]
public enum BtfIntEncoding : byte
{
    None = 0,
    Signed = 1,
    Char = 2,
    Bool = 4,
}
