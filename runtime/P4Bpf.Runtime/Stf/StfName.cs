using System.Text;
using System.Text.RegularExpressions;

namespace P4Bpf.Runtime.Stf;

/// <summary>A table, action, field or extern name as written in the STF file, plus a normalised form.</summary>
/// <remarks>
/// The normalised form writes header-stack indices as <c>[n]</c> (<c>hdr.s$0.f</c> becomes <c>hdr.s[0].f</c>) and
/// drops surrounding quotes; resolution against the compiled program (full name or unique suffix) is the runner's job.
/// </remarks>
public sealed partial record StfName(string Text, string Normalized)
{
    /// <summary>Builds a name from its written text.</summary>
    public static StfName FromText(string text) => new(text, Normalize(text));

    /// <summary>The dot-separated parts of the normalised name.</summary>
    public IReadOnlyList<string> Parts => Normalized.Split('.');

    /// <summary>Normalises stack indices (<c>a$3</c> → <c>a[3]</c>) and trims quotes and spaces.</summary>
    public static string Normalize(string text)
    {
        var s = text.Trim();
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
            s = s[1..^1];
        var parts = s.Split('.');
        var sb = new StringBuilder(s.Length + 4);
        for (int i = 0; i < parts.Length; i++)
        {
            if (i > 0)
                sb.Append('.');
            sb.Append(StackIndexSuffix().Replace(parts[i], "$1[$2]"));
        }
        return sb.ToString();
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)\$([0-9]+)$")]
    private static partial Regex StackIndexSuffix();
}
