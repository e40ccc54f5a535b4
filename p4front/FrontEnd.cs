using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;
using P4Bpf.Front.Semantics;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;

namespace P4Bpf.Front;

/// <summary>The result of the front end on one file: the syntax tree, the typed program and every diagnostic.</summary>
/// <remarks>
/// <see cref="Program"/> is null when preprocessing or parsing failed (binding is skipped so syntax errors do not
/// cascade); when it is set but <see cref="Success"/> is false, it holds <see cref="BadExpression"/>s where semantic
/// errors were and must not be lowered.
/// </remarks>
public sealed class FrontEndResult
{
    internal FrontEndResult(SyntaxTree tree, TypedProgram? program, DiagnosticBag diagnostics)
    {
        Tree = tree;
        Program = program;
        Diagnostics = diagnostics;
    }

    public SyntaxTree Tree { get; }

    public TypedProgram? Program { get; }

    public DiagnosticBag Diagnostics { get; }

    /// <summary>True when there is a typed program and no error was reported.</summary>
    public bool Success => Program is not null && !Diagnostics.HasErrors;

    /// <summary>Renders a diagnostic with its source line and caret.</summary>
    public string Format(Diagnostic diagnostic) => Tree.Format(diagnostic);

    /// <summary>The <see cref="TypedPrinter"/> dump of the declarations written in the checked file itself (not its includes), or "" without a program.</summary>
    public string DumpTyped()
    {
        if (Program is null)
        {
            return "";
        }
        var mainFile = Tree.Source.Origins.Count > 0 ? Tree.GetLocation(Tree.Root.Span).FilePath : "";
        var lastLineFile = Tree.Source.Origins.Count > 0 ? Tree.Source.Origins[^1].FilePath : mainFile;
        return TypedPrinter.Print(Program, d => Tree.GetLocation(d.Span).FilePath == lastLineFile);
    }
}

/// <summary>The one entry point of the P4_16 front end: preprocess → parse → bind and type-check → typed program + diagnostics.</summary>
public static class FrontEnd
{
    /// <summary>Checks a file on disk (includes resolve through <paramref name="options"/> and the embedded architecture headers).</summary>
    public static FrontEndResult CheckFile(string path, PreprocessorOptions? options = null)
    {
        var diagnostics = new DiagnosticBag();
        var tree = SyntaxTree.ParseFile(path, options ?? new PreprocessorOptions(), diagnostics);
        return Check(tree, diagnostics);
    }

    /// <summary>Checks an in-memory source named <paramref name="filePath"/> in diagnostics.</summary>
    public static FrontEndResult CheckText(string text, string filePath, PreprocessorOptions? options = null)
    {
        var diagnostics = new DiagnosticBag();
        var tree = SyntaxTree.ParseText(text, filePath, options ?? new PreprocessorOptions(), diagnostics);
        return Check(tree, diagnostics);
    }

    /// <summary>Binds a parsed tree; <paramref name="diagnostics"/> already holds the preprocessor's and parser's diagnostics.</summary>
    public static FrontEndResult Check(SyntaxTree tree, DiagnosticBag diagnostics)
    {
        if (diagnostics.HasErrors)
        {
            return new FrontEndResult(tree, null, diagnostics);
        }
        return new FrontEndResult(tree, Bind(tree.Root, tree.Source, diagnostics), diagnostics);
    }

    private static TypedProgram? Bind(Syntax.P4Program root, PreprocessedSource source, DiagnosticBag diagnostics)
    {
        try
        {
            return Binder.Bind(root, source, diagnostics);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A checker bug must still surface as a located diagnostic, never as a crash of the caller.
            diagnostics.Add(ErrorCode.ERR_InternalError, Location.None, $"{exception.GetType().Name}: {exception.Message}");
            return null;
        }
    }
}
