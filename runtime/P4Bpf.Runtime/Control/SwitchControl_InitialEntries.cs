using System.Globalization;
using System.Numerics;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Control;

public sealed partial class SwitchControl
{
    /// <summary>Installs the P4 <c>entries</c> of every map-backed table (the layout's <c>tables[].entries</c>) through <see cref="AddEntry"/>,
    /// so the control plane knows them (reads, deletes, ternary ownership) as if a controller had written them.</summary>
    /// <remarks>Tables compiled into code (<see cref="TableKind.Const"/>) need nothing. Entries without a priority get decreasing priorities
    /// in program order (earlier wins), as the code generator's <c>initialWrites</c> do.</remarks>
    internal void InstallInitialEntries()
    {
        foreach (var t in Layout.Tables)
        {
            if (t.Kind == TableKind.Const || t.Entries is not { Count: > 0 } entries)
            {
                continue;
            }
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e.Keys.Count != t.Key.Count)
                {
                    throw new Switch.SwitchException($"table {t.Name}: initial entry {i} has {e.Keys.Count} keys, the table {t.Key.Count}");
                }
                var keys = e.Keys.Select((text, k) => ParseMatch(text, t.Key[k].Match, t.Key[k].Width, t.Name)).ToList();
                var args = e.Arguments.Select(a => ParseNumber(a, t.Name)).ToList();
                var priority = t.Kind == TableKind.Ternary ? (e.Priority > 0 ? e.Priority : entries.Count - i) : 0;
                try
                {
                    AddEntry(new TableEntry(t.Name, keys, e.Action, args, priority));
                }
                catch (ControlException x)
                {
                    throw new Switch.SwitchException($"table {t.Name}: initial entry {i} ({string.Join(", ", e.Keys)} → {e.Action}): {x.Message}");
                }
            }
        }
    }

    /// <summary>Parses a layout match text: <c>0x5</c>, <c>0xa00/8</c>, <c>0x1 &amp;&amp;&amp; 0xf</c>, <c>0x1..0x9</c>, <c>_</c>.</summary>
    private static FieldMatch ParseMatch(string text, string kind, int width, string table)
    {
        text = text.Trim();
        if (text is "_" or "*" or "default")
        {
            return FieldMatch.DontCare.Instance;
        }
        if (text.Contains("&&&", StringComparison.Ordinal))
        {
            var parts = text.Split("&&&");
            var (value, mask) = (ParseNumber(parts[0], table), ParseNumber(parts[1], table));
            if (kind == "lpm")
            {
                // P4 allows an lpm key written as value &&& mask when the mask is a prefix.
                var prefix = PrefixLength(mask, width) ?? throw new Switch.SwitchException($"table {table}: lpm mask {parts[1].Trim()} is not a prefix");
                return new FieldMatch.Lpm(value & mask, prefix);
            }
            return new FieldMatch.Ternary(value, mask);
        }
        if (text.Contains("..", StringComparison.Ordinal))
        {
            var parts = text.Split("..");
            return new FieldMatch.Range(ParseNumber(parts[0], table), ParseNumber(parts[1], table));
        }
        if (text.Contains('/', StringComparison.Ordinal))
        {
            var parts = text.Split('/');
            return new FieldMatch.Lpm(ParseNumber(parts[0], table), (int)ParseNumber(parts[1], table));
        }
        var v = ParseNumber(text, table);
        return kind switch
        {
            "optional" => new FieldMatch.Optional(v),
            "lpm" => new FieldMatch.Lpm(v, width),
            _ => new FieldMatch.Exact(v),
        };
    }

    /// <summary>The prefix length of a mask of <paramref name="width"/> bits (ones then zeros), or null when it is not a prefix.</summary>
    private static int? PrefixLength(BigInteger mask, int width)
    {
        for (var len = 0; len <= width; len++)
        {
            var prefix = ((BigInteger.One << len) - 1) << (width - len);
            if (prefix == mask)
            {
                return len;
            }
        }
        return null;
    }

    private static BigInteger ParseNumber(string text, string table)
    {
        text = text.Trim();
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            : BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v);
        return ok ? v : throw new Switch.SwitchException($"table {table}: bad number '{text}' in the layout's entries");
    }
}
