using P4Bpf.Front.Text;

namespace P4Bpf.Front.Syntax;

/// <summary>A type as written in the source.</summary>
public abstract record TypeSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>The keyword types without arguments.</summary>
public enum BaseTypeKeyword
{
    Bool,
    Error,
    MatchKind,
    String,
    /// <summary><c>int</c> without a width: the arbitrary-precision integer.</summary>
    Int,
    /// <summary><c>bit</c> without a width, which means <c>bit&lt;1&gt;</c>.</summary>
    Bit,
    Void,
    /// <summary><c>_</c> as a type argument.</summary>
    DontCare,
}

/// <summary><c>bool</c>, <c>error</c>, <c>match_kind</c>, <c>string</c>, <c>int</c>, <c>bit</c>, <c>void</c>, <c>_</c>.</summary>
public sealed record BaseTypeSyntax(TextSpan Span, BaseTypeKeyword Keyword) : TypeSyntax(Span)
{
    public override SyntaxKind Kind => SyntaxKind.BaseType;
}

/// <summary>The keyword of a sized type.</summary>
public enum SizedTypeKeyword
{
    Bit,
    Int,
    Varbit,
}

/// <summary><c>bit&lt;W&gt;</c>, <c>int&lt;W&gt;</c>, <c>varbit&lt;W&gt;</c>; W is an integer literal or a parenthesised expression.</summary>
public sealed record SizedTypeSyntax(TextSpan Span, SizedTypeKeyword Keyword, Expression Width) : TypeSyntax(Span)
{
    public override SyntaxKind Kind => SyntaxKind.SizedType;
}

/// <summary>A type (or type variable) named by an identifier, <c>.Name</c> when <see cref="IsTopLevel"/> (dot prefix).</summary>
public sealed record NamedTypeSyntax(TextSpan Span, Identifier Name, bool IsTopLevel) : TypeSyntax(Span)
{
    public override SyntaxKind Kind => SyntaxKind.NamedType;
}

/// <summary><c>Name&lt;args&gt;</c>: a generic type applied to type arguments.</summary>
public sealed record SpecializedTypeSyntax(TextSpan Span, NamedTypeSyntax BaseType, EquatableArray<TypeSyntax> Arguments) : TypeSyntax(Span)
{
    public override SyntaxKind Kind => SyntaxKind.SpecializedType;
}

/// <summary><c>T[size]</c>: a header stack or array.</summary>
public sealed record ArrayTypeSyntax(TextSpan Span, TypeSyntax ElementType, Expression Size) : TypeSyntax(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ArrayType;
}

/// <summary><c>tuple&lt;T1, T2, …&gt;</c>.</summary>
public sealed record TupleTypeSyntax(TextSpan Span, EquatableArray<TypeSyntax> Elements) : TypeSyntax(Span)
{
    public override SyntaxKind Kind => SyntaxKind.TupleType;
}

/// <summary><c>list&lt;T&gt;</c>.</summary>
public sealed record ListTypeSyntax(TextSpan Span, TypeSyntax ElementType) : TypeSyntax(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ListType;
}
