using P4Bpf.Front.Text;

namespace P4Bpf.Front.Syntax;

/// <summary>The base of every syntax node: immutable, with a <see cref="Kind"/> and a span in the preprocessed text; no parent pointers.</summary>
/// <remarks>Children are other nodes or <see cref="EquatableArray{T}"/>s of nodes, so two trees compare equal by content.</remarks>
public abstract record SyntaxNode(TextSpan Span)
{
    public abstract SyntaxKind Kind { get; }
}

/// <summary>A name as written (identifiers, and keywords used as names such as <c>apply</c> or <c>key</c>).</summary>
public sealed record Identifier(TextSpan Span, string Text) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Identifier;

    public override string ToString() => Text;
}

/// <summary>An annotation <c>@name</c>, <c>@name(tokens)</c> or <c>@name[structured]</c>; the body is kept as unparsed tokens.</summary>
/// <remarks>For <c>@pragma</c> without parentheses the body is the rest of the line. Bodies are parsed by whoever interprets the annotation.</remarks>
public sealed record Annotation(TextSpan Span, Identifier Name, AnnotationBodyKind BodyKind, EquatableArray<Lexing.Token> Body) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Annotation;
}

/// <summary>How an annotation's body was written.</summary>
public enum AnnotationBodyKind
{
    /// <summary><c>@name</c></summary>
    None,
    /// <summary><c>@name( … )</c>: unstructured tokens.</summary>
    Unstructured,
    /// <summary><c>@name[ … ]</c>: an expression list or key-value list, kept as tokens.</summary>
    Structured,
    /// <summary><c>@pragma …</c> up to the end of the line.</summary>
    PragmaLine,
}

/// <summary>A call argument: positional (<see cref="Name"/> null) or named (<c>name = value</c>); <c>_</c> is a <see cref="DontCareExpression"/>.</summary>
public sealed record Argument(TextSpan Span, Identifier? Name, Expression Value) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Argument;
}

/// <summary>The direction of a parameter.</summary>
public enum Direction
{
    /// <summary>No direction written (constructor parameters, action data).</summary>
    None,
    In,
    Out,
    InOut,
}

/// <summary>A parameter <c>@annotations direction type name [= default]</c>.</summary>
public sealed record Parameter(TextSpan Span, EquatableArray<Annotation> Annotations, Direction Direction, TypeSyntax Type, Identifier Name, Expression? DefaultValue) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Parameter;
}

/// <summary>One file after preprocessing: its top-level declarations in order.</summary>
public sealed record P4Program(TextSpan Span, EquatableArray<Declaration> Declarations) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Program;
}
