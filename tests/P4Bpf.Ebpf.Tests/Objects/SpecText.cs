using System.Text;
using P4Bpf.Ebpf.Btf;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Tests.Objects;

/// <summary>A stable text rendering of an <see cref="ObjectSpec"/>, used for golden files and readable failure messages.</summary>
internal static class SpecText
{
    public static string Format(ObjectSpec spec)
    {
        var sb = new StringBuilder();
        sb.Append("license ").AppendLine(spec.License);
        if (spec.KernelVersion != 0)
        {
            sb.Append("version ").Append(spec.KernelVersion).AppendLine();
        }
        for (var i = 0; i < spec.Maps.Count; i++)
        {
            sb.Append("map ").Append(i).Append(' ');
            FormatMap(sb, spec.Maps[i], "  ");
        }
        foreach (var program in spec.Programs)
        {
            sb.Append("program ").Append(program.Name).Append(" section=").Append(program.SectionName)
                .Append(" type=").Append(program.Type).Append(" insns=").Append(program.InstructionCount).AppendLine();
            foreach (var relocation in program.Relocations)
            {
                sb.Append("  reloc ").AppendLine(relocation.ToString());
            }
        }
        return sb.ToString();
    }

    private static void FormatMap(StringBuilder sb, MapSpec map, string indent)
    {
        sb.Append(map.Name).Append(' ').Append(map.Type).Append(" key=").Append(map.KeySize).Append(" value=").Append(map.ValueSize)
            .Append(" max=").Append(map.MaxEntries);
        if (map.Flags != 0)
        {
            sb.Append(" flags=0x").Append(map.Flags.ToString("x"));
        }
        if (map.MapExtra != 0)
        {
            sb.Append(" extra=").Append(map.MapExtra);
        }
        if (map.Pinning != MapPinning.None)
        {
            sb.Append(" pinning=").Append(map.Pinning);
        }
        sb.AppendLine();
        if (map.Key is { } key)
        {
            sb.Append(indent).Append("key: ").AppendLine(Type(key));
        }
        if (map.Value is { } value)
        {
            sb.Append(indent).Append("value: ").AppendLine(Type(value));
        }
        if (map.InitialData.Length != 0)
        {
            sb.Append(indent).Append("data: ").AppendLine(Convert.ToHexString(map.InitialData.AsSpan()).ToLowerInvariant());
        }
        foreach (var slot in map.Slots)
        {
            sb.Append(indent).Append("slot ").AppendLine(slot.ToString());
        }
        if (map.InnerMap is { } inner)
        {
            sb.Append(indent).Append("inner ");
            FormatMap(sb, inner, indent + "  ");
        }
    }

    /// <summary>A C-like one-line rendering of a BTF type.</summary>
    public static string Type(BtfType type, int depth = 0) => depth > 8 ? "…" : type switch
    {
        BtfVoid => "void",
        BtfInt i => $"{i.Name}({i.Size}{(i.Encoding.HasFlag(BtfIntEncoding.Signed) ? ",signed" : "")})",
        BtfFloat f => $"{f.Name}(float{f.Size})",
        BtfPointer p => Type(p.Target, depth + 1) + "*",
        BtfArray a => $"{Type(a.Element, depth + 1)}[{a.Count}]",
        BtfStruct s => $"struct {s.Name}{{{string.Join("; ", s.Members.Select(m => $"{Type(m.Type, depth + 1)} {m.Name}@{m.BitOffset}"))}}}({s.Size})",
        BtfUnion u => $"union {u.Name}{{{string.Join("; ", u.Members.Select(m => $"{Type(m.Type, depth + 1)} {m.Name}@{m.BitOffset}"))}}}({u.Size})",
        BtfEnum e => $"enum {e.Name}({e.Size})",
        BtfForward f => $"fwd {f.Name}",
        BtfTypedef t => $"{t.Name}={Type(t.Target, depth + 1)}",
        BtfQualifier q => $"{q.QualifierKind.ToString().ToLowerInvariant()} {Type(q.Target, depth + 1)}",
        _ => $"{type.Kind} {type.Name}",
    };
}
