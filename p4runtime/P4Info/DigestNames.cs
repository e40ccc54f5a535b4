using System.Globalization;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>The control-plane names of digests, as p4c gives them: a v1model <c>digest&lt;T&gt;(receiver, data)</c> is named after
/// <c>T</c>, a PSA <c>Digest&lt;T&gt;</c> instance after the instance.</summary>
/// <remarks>The midend names one digest stream per v1model data type <c>$digest_&lt;type&gt;</c> (<c>$digest_struct_learn_t</c>);
/// the layout keeps that name. Both the P4Info builder and the server's core derive the control-plane name from it with
/// <see cref="ControlPlaneNames"/>, so they agree without the layout carrying a second name. A data type without a name
/// (a tuple, a list expression, a bit string) gets p4c's <c>digest_N</c>, numbered from 0 in stream order.</remarks>
public static class DigestNames
{
    /// <summary>The prefix of the midend's v1model digest streams.</summary>
    public const string StreamPrefix = "$digest_";

    /// <summary>Maps each digest stream or instance name (in program/layout order) to its control-plane name.</summary>
    public static IReadOnlyDictionary<string, string> ControlPlaneNames(IEnumerable<string> streamNames)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var unnamed = 0;
        foreach (var name in streamNames)
        {
            if (result.ContainsKey(name))
            {
                continue;
            }
            if (!name.StartsWith(StreamPrefix, StringComparison.Ordinal))
            {
                result[name] = name;
                continue;
            }
            result[name] = TypeName(name[StreamPrefix.Length..])
                ?? "digest_" + (unnamed++).ToString(CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary>The declared name of a struct-like data type (<c>struct_learn_t</c> → <c>learn_t</c>), or null when it has none.</summary>
    private static string? TypeName(string type)
    {
        string? name = null;
        foreach (var kind in (ReadOnlySpan<string>)["header_union_", "struct_", "header_"])
        {
            if (type.StartsWith(kind, StringComparison.Ordinal))
            {
                name = type[kind.Length..];
                break;
            }
        }
        if (name is null || name.Length == 0 || IsUnnamedStruct(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
        {
            return null;
        }
        return name;
    }

    /// <summary>Whether an IR struct name is one the midend made up for a type without a name: <c>anon</c> (a struct without a
    /// declaration) or <c>tupleN</c> (a tuple or list, fields f0, f1 …).</summary>
    internal static bool IsUnnamedStruct(string name) =>
        name == "anon" || (name.StartsWith("tuple", StringComparison.Ordinal) && name.Length > 5 && name[5..].All(char.IsAsciiDigit));
}
