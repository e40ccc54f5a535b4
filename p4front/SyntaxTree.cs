using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Parsing;
using P4Bpf.Front.Preprocessing;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front;

/// <summary>One parsed P4 file: the preprocessed source (with its line map) and the program's syntax tree.</summary>
public sealed class SyntaxTree
{
    private SyntaxTree(PreprocessedSource source, P4Program root)
    {
        Source = source;
        Root = root;
    }

    public PreprocessedSource Source { get; }

    /// <summary>The program; contains <see cref="BadDeclaration"/> nodes where syntax errors were reported.</summary>
    public P4Program Root { get; }

    /// <summary>Maps a node's span back to the original file, line and column.</summary>
    public Location GetLocation(TextSpan span) => Source.GetLocation(span);

    /// <summary>Preprocesses and parses a file; every problem goes to <paramref name="diagnostics"/>.</summary>
    public static SyntaxTree ParseFile(string path, PreprocessorOptions options, DiagnosticBag diagnostics)
    {
        var source = Preprocessor.ProcessFile(path, options, diagnostics);
        return new SyntaxTree(source, P4Parser.Parse(source, diagnostics));
    }

    /// <summary>Preprocesses and parses an in-memory text named <paramref name="filePath"/>.</summary>
    public static SyntaxTree ParseText(string text, string filePath, PreprocessorOptions options, DiagnosticBag diagnostics)
    {
        var source = Preprocessor.ProcessText(text, filePath, options, diagnostics);
        return new SyntaxTree(source, P4Parser.Parse(source, diagnostics));
    }

    /// <summary>Renders a diagnostic with the source line it points at (if it is in a file this tree read).</summary>
    public string Format(Diagnostic diagnostic) => DiagnosticFormatter.Format(diagnostic, Source.GetOriginalLine);
}
