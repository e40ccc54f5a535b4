using P4Bpf.Front.Diagnostics;

namespace P4Bpf.Front.Preprocessing;

/// <summary>What the preprocessor needs besides the input: include directories, predefined macros and a file reader.</summary>
public sealed record PreprocessorOptions
{
    /// <summary>Directories searched by <c>#include</c> after the embedded headers (for &lt;…&gt;) or the including file's folder (for "…").</summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Predefined object-like macros (name → replacement text), as given by <c>-D NAME[=VALUE]</c>.</summary>
    public IReadOnlyDictionary<string, string> Defines { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether <c>#include &lt;core.p4&gt;</c> and friends are served from <see cref="ArchitectureHeaders"/> first.</summary>
    public bool UseEmbeddedHeaders { get; init; } = true;

    /// <summary>Reads a file, or returns null if it does not exist; replaceable for tests.</summary>
    public Func<string, string?> ReadFile { get; init; } = path => File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>Parses <c>NAME</c> or <c>NAME=VALUE</c> (value defaults to <c>1</c>, as in cpp); reports malformed names.</summary>
    public static bool TryParseDefine(string option, out string name, out string value)
    {
        var eq = option.IndexOf('=');
        name = eq < 0 ? option : option[..eq];
        value = eq < 0 ? "1" : option[(eq + 1)..];
        return name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }

    /// <summary>Builds options from command-line style <c>-D</c> values, reporting malformed ones.</summary>
    public static IReadOnlyDictionary<string, string> ParseDefines(IEnumerable<string> options, DiagnosticBag diagnostics)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in options)
        {
            if (TryParseDefine(option, out var name, out var value))
            {
                result[name] = value;
            }
            else
            {
                diagnostics.Add(ErrorCode.ERR_InvalidDefineOption, Location.None, option);
            }
        }
        return result;
    }
}
