namespace P4Bpf.Ebpf.Btf;

/// <summary>Sizes of BTF types in bytes, as the kernel computes them.</summary>
public static class BtfSize
{
    /// <summary>The size of <paramref name="type"/>, or null for types without a size (void, functions, forwards).</summary>
    public static uint? Of(BtfType type)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            switch (type)
            {
                case BtfInt i: return i.Size;
                case BtfFloat f: return f.Size;
                case BtfPointer: return 8;
                case BtfStruct s: return s.Size;
                case BtfUnion u: return u.Size;
                case BtfEnum e: return e.Size;
                case BtfDatasec d: return d.Size;
                case BtfArray a:
                    var element = Of(a.Element);
                    return element is { } e2 && (ulong)e2 * a.Count <= uint.MaxValue ? e2 * a.Count : null;
                case BtfTypedef t: type = t.Target; break;
                case BtfQualifier q: type = q.Target; break;
                case BtfTypeTag tt: type = tt.Target; break;
                case BtfVar v: type = v.Type; break;
                default: return null;
            }
        }
        return null;
    }

    /// <summary><paramref name="type"/> without typedefs, qualifiers and type tags.</summary>
    public static BtfType SkipModifiers(BtfType type)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            switch (type)
            {
                case BtfTypedef t: type = t.Target; break;
                case BtfQualifier q: type = q.Target; break;
                case BtfTypeTag tt: type = tt.Target; break;
                default: return type;
            }
        }
        return type;
    }
}
