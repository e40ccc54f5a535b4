using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Finds the <c>struct bpf_spin_lock</c> in a map value from the value's BTF type, as the kernel does.</summary>
internal static class SpinLocks
{
    /// <summary>The byte offset of the value's spin lock, or null when it has none (or no BTF).</summary>
    public static int? Offset(MapSpec map)
    {
        if (Strip(map.Value) is not BtfStruct value)
        {
            return null;
        }
        foreach (var member in value.Members)
        {
            if (Strip(member.Type) is BtfStruct { Name: "bpf_spin_lock" })
            {
                return (int)(member.BitOffset / 8);
            }
        }
        return null;
    }

    private static BtfType? Strip(BtfType? type)
    {
        while (true)
        {
            switch (type)
            {
                case BtfTypedef t:
                    type = t.Target;
                    break;
                case BtfQualifier q:
                    type = q.Target;
                    break;
                default:
                    return type;
            }
        }
    }
}
