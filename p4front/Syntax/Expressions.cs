using System.Numerics;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Syntax;

/// <summary>An expression (also used for keysets in <c>select</c> and table entries).</summary>
public abstract record Expression(TextSpan Span) : SyntaxNode(Span);

/// <summary>An integer literal: its value, and the width/signedness prefix when written (<c>8w0xFF</c>, <c>4s3</c>).</summary>
public sealed record IntegerLiteralExpression(TextSpan Span, BigInteger Value, int? Width, bool IsSigned, string Text) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.IntegerLiteral;
}

/// <summary><c>true</c> or <c>false</c>.</summary>
public sealed record BooleanLiteralExpression(TextSpan Span, bool Value) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.BooleanLiteral;
}

/// <summary>A string literal; <see cref="Value"/> is the text between the quotes, unescaped (P4 gives escapes no meaning).</summary>
public sealed record StringLiteralExpression(TextSpan Span, string Value) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.StringLiteral;
}

/// <summary>A name: a variable, constant, action, instance, or a type used as a value qualifier (<c>.x</c> when <see cref="IsTopLevel"/>).</summary>
public sealed record NameExpression(TextSpan Span, Identifier Name, bool IsTopLevel) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Name;
}

/// <summary><c>this</c>.</summary>
public sealed record ThisExpression(TextSpan Span) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.This;
}

/// <summary><c>_</c> (don't care) in arguments and keysets.</summary>
public sealed record DontCareExpression(TextSpan Span) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.DontCare;
}

/// <summary><c>default</c> in keysets and switch labels.</summary>
public sealed record DefaultExpression(TextSpan Span) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Default;
}

/// <summary><c>...</c> (the rest of the fields / arguments are don't-care).</summary>
public sealed record DotsExpression(TextSpan Span) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Dots;
}

/// <summary><c>{#}</c>: the invalid header or header union.</summary>
public sealed record InvalidHeaderExpression(TextSpan Span) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.InvalidHeader;
}

/// <summary>A type in value position, e.g. the <c>error</c> of <c>error.NoError</c>.</summary>
public sealed record TypeExpression(TextSpan Span, TypeSyntax Type) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.TypeExpression;
}

/// <summary><c>target.member</c> (fields, enum/error members, methods, <c>apply</c>).</summary>
public sealed record MemberExpression(TextSpan Span, Expression Target, Identifier Member) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Member;
}

/// <summary><c>target[index]</c>.</summary>
public sealed record IndexExpression(TextSpan Span, Expression Target, Expression Index) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Index;
}

/// <summary><c>target[high:low]</c>, or <c>target[base +: width]</c> when <see cref="IsBaseWidth"/>.</summary>
public sealed record SliceExpression(TextSpan Span, Expression Target, Expression First, Expression Second, bool IsBaseWidth) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Slice;
}

/// <summary>A call <c>target&lt;typeArgs&gt;(args)</c>: methods, functions, actions, extern and constructor calls.</summary>
public sealed record CallExpression(TextSpan Span, Expression Target, EquatableArray<TypeSyntax> TypeArguments, EquatableArray<Argument> Arguments) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Call;
}

/// <summary>A prefix operator.</summary>
public enum UnaryOperator
{
    /// <summary><c>!</c></summary>
    LogicalNot,
    /// <summary><c>~</c></summary>
    BitwiseNot,
    /// <summary><c>-</c></summary>
    Negate,
    /// <summary><c>+</c></summary>
    Plus,
}

/// <summary><c>op operand</c>.</summary>
public sealed record UnaryExpression(TextSpan Span, UnaryOperator Operator, Expression Operand) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Unary;
}

/// <summary>An infix operator, including the keyset-only <c>&amp;&amp;&amp;</c> (mask) and <c>..</c> (range).</summary>
public enum BinaryOperator
{
    Multiply, Divide, Modulo,
    Add, Subtract, AddSaturating, SubtractSaturating, Concat,
    ShiftLeft, ShiftRight,
    BitwiseAnd, BitwiseXor, BitwiseOr,
    LessThan, GreaterThan, LessOrEqual, GreaterOrEqual,
    Equal, NotEqual,
    LogicalAnd, LogicalOr,
    /// <summary><c>value &amp;&amp;&amp; mask</c> in keysets.</summary>
    Mask,
    /// <summary><c>low .. high</c> in keysets and <c>for</c> ranges.</summary>
    Range,
}

/// <summary><c>left op right</c>.</summary>
public sealed record BinaryExpression(TextSpan Span, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Binary;
}

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
public sealed record ConditionalExpression(TextSpan Span, Expression Condition, Expression WhenTrue, Expression WhenFalse) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Conditional;
}

/// <summary><c>(type) operand</c>.</summary>
public sealed record CastExpression(TextSpan Span, TypeSyntax Type, Expression Operand) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Cast;
}

/// <summary><c>{ e1, e2, … }</c>: a list/tuple expression (may end with <c>...</c>).</summary>
public sealed record ListExpression(TextSpan Span, EquatableArray<Expression> Elements) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ListExpression;
}

/// <summary>One <c>name = value</c> of a structure expression (and of structured annotations).</summary>
public sealed record NamedExpression(TextSpan Span, Identifier Name, Expression Value) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.NamedExpression;
}

/// <summary><c>{ f1 = e1, f2 = e2 [, ...] }</c>; <see cref="HasDots"/> when it ends with <c>...</c>.</summary>
public sealed record StructExpression(TextSpan Span, EquatableArray<NamedExpression> Fields, bool HasDots) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.StructExpression;
}

/// <summary><c>(k1, k2, …)</c>: a tuple keyset in <c>select</c> cases and table entries.</summary>
public sealed record TupleKeysetExpression(TextSpan Span, EquatableArray<Expression> Elements) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.TupleKeyset;
}

/// <summary><c>select (keys) { cases }</c>, the target of a parser transition.</summary>
public sealed record SelectExpression(TextSpan Span, EquatableArray<Expression> Keys, EquatableArray<SelectCase> Cases) : Expression(Span)
{
    public override SyntaxKind Kind => SyntaxKind.Select;
}

/// <summary><c>keyset : state;</c></summary>
public sealed record SelectCase(TextSpan Span, Expression Keyset, Identifier State) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.SelectCase;
}
