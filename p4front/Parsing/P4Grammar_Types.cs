using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using Pidgin;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

internal static partial class P4Grammar
{
    /// <summary>The width of a sized type: an integer literal or a parenthesised expression.</summary>
    private static Parser<Token, Expression> TypeWidth => field ??=
        Rec(() => WidthExpression);

    private static Parser<Token, (Expression Width, Token Close)> AngleWidth => field ??=
        Map((open, width, close) => (width, close), Tok(TokenKind.LessThan), TypeWidth, Tok(TokenKind.GreaterThan));

    private static Parser<Token, TypeSyntax> Sized(TokenKind keyword, SizedTypeKeyword sized, BaseTypeKeyword? bare) =>
        bare is { } b
            ? Map((kw, width) => width.HasValue
                    ? new SizedTypeSyntax(kw.Span.Cover(width.Value.Close.Span), sized, width.Value.Width)
                    : (TypeSyntax)new BaseTypeSyntax(kw.Span, b),
                Tok(keyword), AngleWidth.Optional())
            : Map((kw, width) => (TypeSyntax)new SizedTypeSyntax(kw.Span.Cover(width.Close.Span), sized, width.Width), Tok(keyword), AngleWidth);

    /// <summary><c>baseType</c>.</summary>
    private static Parser<Token, TypeSyntax> BaseType => field ??=
        OneOf(
            Tok(TokenKind.Bool).Select(t => (TypeSyntax)new BaseTypeSyntax(t.Span, BaseTypeKeyword.Bool)),
            Tok(TokenKind.MatchKind).Select(t => (TypeSyntax)new BaseTypeSyntax(t.Span, BaseTypeKeyword.MatchKind)),
            Tok(TokenKind.Error).Select(t => (TypeSyntax)new BaseTypeSyntax(t.Span, BaseTypeKeyword.Error)),
            Tok(TokenKind.StringKeyword).Select(t => (TypeSyntax)new BaseTypeSyntax(t.Span, BaseTypeKeyword.String)),
            Sized(TokenKind.Bit, SizedTypeKeyword.Bit, BaseTypeKeyword.Bit),
            Sized(TokenKind.Int, SizedTypeKeyword.Int, BaseTypeKeyword.Int),
            Sized(TokenKind.Varbit, SizedTypeKeyword.Varbit, null));

    /// <summary><c>prefixedType</c>: <c>T</c> or <c>.T</c>.</summary>
    private static Parser<Token, NamedTypeSyntax> TypeName => field ??=
        OneOf(
            Tok(TokenKind.TypeIdentifier).Select(t => new NamedTypeSyntax(t.Span, ToIdentifier(t), false)),
            Try(Map((dot, t) => new NamedTypeSyntax(dot.Span.Cover(t.Span), ToIdentifier(t), true), Tok(TokenKind.Dot), Tok(TokenKind.TypeIdentifier))))
        .Labelled("type name");

    /// <summary><c>typeArg</c>: a type, <c>void</c>, <c>_</c>, or a non-type name (a type variable the pre-scan did not see).</summary>
    private static Parser<Token, TypeSyntax> TypeArgument => field ??=
        OneOf(
            Rec(() => TypeRef),
            Tok(TokenKind.Void).Select(t => (TypeSyntax)new BaseTypeSyntax(t.Span, BaseTypeKeyword.Void)),
            Tok(TokenKind.DontCare).Select(t => (TypeSyntax)new BaseTypeSyntax(t.Span, BaseTypeKeyword.DontCare)),
            NonTypeName.Select(n => (TypeSyntax)new NamedTypeSyntax(n.Span, n, false)));

    /// <summary><c>&lt; typeArgumentList &gt;</c> with the span of the closing bracket.</summary>
    private static Parser<Token, (EquatableArray<TypeSyntax> Arguments, Token Close)> TypeArgumentList => field ??=
        Map((open, args, close) => (args.ToEquatableArray(), close),
            Tok(TokenKind.LessThan), TypeArgument.Separated(Comma), Tok(TokenKind.GreaterThan));

    /// <summary><c>namedType</c>: a type name with optional type arguments.</summary>
    private static Parser<Token, TypeSyntax> NamedOrSpecializedType => field ??=
        Map((name, args) => args.HasValue
                ? new SpecializedTypeSyntax(name.Span.Cover(args.Value.Close.Span), name, args.Value.Arguments)
                : (TypeSyntax)name,
            TypeName, TypeArgumentList.Optional());

    private static Parser<Token, TypeSyntax> TupleType => field ??=
        Map((kw, args) => (TypeSyntax)new TupleTypeSyntax(kw.Span.Cover(args.Close.Span), args.Arguments), Tok(TokenKind.Tuple), TypeArgumentList);

    private static Parser<Token, TypeSyntax> ListType => field ??=
        Map((kw, open, element, close) => (TypeSyntax)new ListTypeSyntax(kw.Span.Cover(close.Span), element),
            Tok(TokenKind.List), Tok(TokenKind.LessThan), TypeArgument, Tok(TokenKind.GreaterThan));

    private static Parser<Token, Func<TypeSyntax, TypeSyntax>> ArraySuffix => field ??=
        Map((open, size, close) => (Func<TypeSyntax, TypeSyntax>)(element => new ArrayTypeSyntax(element.Span.Cover(close.Span), element, size)),
            Tok(TokenKind.LeftBracket), Rec(() => Expression!), Tok(TokenKind.RightBracket));

    /// <summary>The C-style <c>name[size]</c> declarator p4c accepts on fields and variables (<c>bit&lt;8&gt; a[4];</c>): wraps the type in an array type.</summary>
    private static Parser<Token, Func<TypeSyntax, TypeSyntax>> OptArrayDeclarator => field ??=
        ArraySuffix.Optional().Select(s => s.HasValue ? s.Value : (Func<TypeSyntax, TypeSyntax>)(t => t));

    /// <summary><c>typeRef</c>: base, named, specialized, tuple, list and array types.</summary>
    private static Parser<Token, TypeSyntax> TypeRef => field ??=
        Map((type, suffixes) => suffixes.Aggregate(type, (t, f) => f(t)),
            OneOf(BaseType, NamedOrSpecializedType, TupleType, ListType),
            ArraySuffix.Many());

    /// <summary><c>typeOrVoid</c>: a type, <c>void</c>, or an identifier standing for a type variable.</summary>
    private static Parser<Token, TypeSyntax> TypeOrVoid => field ??=
        OneOf(
            TypeRef,
            Tok(TokenKind.Void).Select(t => (TypeSyntax)new BaseTypeSyntax(t.Span, BaseTypeKeyword.Void)),
            Tok(TokenKind.Identifier).Select(t => (TypeSyntax)new NamedTypeSyntax(t.Span, ToIdentifier(t), false)));

    /// <summary><c>optTypeParameters</c>: <c>&lt;A, B&gt;</c> or nothing.</summary>
    private static Parser<Token, EquatableArray<Identifier>> OptTypeParameters => field ??=
        Name.SeparatedAtLeastOnce(Comma)
            .Between(Tok(TokenKind.LessThan), Tok(TokenKind.GreaterThan))
            .Optional()
            .Select(p => p.HasValue ? p.Value.ToEquatableArray() : EquatableArray<Identifier>.Empty);
}
