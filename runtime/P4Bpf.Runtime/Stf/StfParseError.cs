namespace P4Bpf.Runtime.Stf;

/// <summary>A problem in an STF file, located by 1-based line and column.</summary>
public sealed record StfParseError(int Line, int Column, string Message)
{
    /// <summary>Renders as <c>file:line:col: error: message</c>.</summary>
    public string Format(string file) => $"{file}:{Line}:{Column}: error: {Message}";

    public override string ToString() => $"{Line}:{Column}: {Message}";
}
