using P4Bpf.Front.Text;

namespace P4Bpf.Front.Diagnostics;

/// <summary>Where a diagnostic points: the original file, 1-based line and column after #include/#line mapping, and the span in the preprocessed text.</summary>
public sealed record Location(string FilePath, int Line, int Column, TextSpan Span)
{
    /// <summary>A location for diagnostics that concern no particular place (e.g. command-line options).</summary>
    public static Location None { get; } = new("<command line>", 0, 0, default);

    public bool IsNone => Line == 0;

    public override string ToString() => IsNone ? FilePath : $"{FilePath}({Line},{Column})";
}
