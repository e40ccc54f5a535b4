using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using Pidgin;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

/// <summary>
/// The P4_16 grammar (grammar.adoc) as Pidgin parsers over <see cref="Token"/>s, built once.
/// </summary>
/// <remarks>
/// Split by concept: tokens, names and annotations here; types, expressions, statements, declarations and
/// tables in the other parts. References across parts go through <see cref="Parser.Rec{TToken,T}(Func{Parser{TToken,T}})"/>
/// so the static initialisation order of the parts does not matter.
/// </remarks>
internal static partial class P4Grammar
{
    private static readonly Parser<Token, Token>[] TokenParsers = BuildTokenParsers();

    private static Parser<Token, Token>[] BuildTokenParsers()
    {
        var kinds = System.Enum.GetValues<TokenKind>();
        var parsers = new Parser<Token, Token>[kinds.Length];
        foreach (var kind in kinds)
        {
            var k = kind;
            parsers[(int)kind] = Parser<Token>.Token(t => t.Kind == k).Labelled(TokenText.Describe(kind));
        }
        return parsers;
    }

    /// <summary>A parser for one token of the given kind.</summary>
    private static Parser<Token, Token> Tok(TokenKind kind) => TokenParsers[(int)kind];

    private static Parser<Token, Token> Semi => Tok(TokenKind.Semicolon);

    private static Parser<Token, Token> Comma => Tok(TokenKind.Comma);

    /// <summary>A <c>&gt;</c> that is not the first half of <c>&gt;&gt;</c>, <c>&gt;=</c>… (used for relational operators).</summary>
    private static Parser<Token, Token> LoneGreater => field ??=
        Try(Tok(TokenKind.GreaterThan).Before(Not(Parser<Token>.Token(t => t.IsAdjacent && t.Kind is TokenKind.GreaterThan or TokenKind.GreaterEqual))))
            .Labelled("'>'");

    /// <summary><c>&gt;&gt;</c>: two adjacent <c>&gt;</c> tokens.</summary>
    private static Parser<Token, Token> ShiftRightToken => field ??=
        Try(Map((a, b) => new Token(TokenKind.GreaterThan, a.Span.Cover(b.Span), ">>"), Tok(TokenKind.GreaterThan), Parser<Token>.Token(t => t.Kind == TokenKind.GreaterThan && t.IsAdjacent)))
            .Labelled("'>>'");

    /// <summary><c>&gt;&gt;=</c>: a <c>&gt;</c> followed by an adjacent <c>&gt;=</c>.</summary>
    private static Parser<Token, Token> ShiftRightAssignToken => field ??=
        Try(Map((a, b) => new Token(TokenKind.GreaterEqual, a.Span.Cover(b.Span), ">>="), Tok(TokenKind.GreaterThan), Parser<Token>.Token(t => t.Kind == TokenKind.GreaterEqual && t.IsAdjacent)))
            .Labelled("'>>='");

    private static Identifier ToIdentifier(Token t) => new(t.Span, t.Text);

    /// <summary><c>nonTypeName</c>: identifiers and the keywords that may be used as names.</summary>
    private static Parser<Token, Identifier> NonTypeName => field ??=
        Parser<Token>.Token(t => t.Kind is TokenKind.Identifier or TokenKind.Apply or TokenKind.Key or TokenKind.Actions
                or TokenKind.State or TokenKind.Entries or TokenKind.Type or TokenKind.Priority)
            .Select(ToIdentifier)
            .Labelled("identifier");

    /// <summary><c>name</c>: a non-type name, <c>list</c>, or a type identifier.</summary>
    private static Parser<Token, Identifier> Name => field ??=
        Parser<Token>.Token(t => t.Kind is TokenKind.Identifier or TokenKind.TypeIdentifier or TokenKind.Apply or TokenKind.Key
                or TokenKind.Actions or TokenKind.State or TokenKind.Entries or TokenKind.Type or TokenKind.Priority or TokenKind.List)
            .Select(ToIdentifier)
            .Labelled("name");

    /// <summary><c>nonTableKwName</c>: a table property name other than <c>key</c>, <c>actions</c>, <c>entries</c>.</summary>
    private static Parser<Token, Identifier> NonTableKeywordName => field ??=
        Parser<Token>.Token(t => t.Kind is TokenKind.Identifier or TokenKind.TypeIdentifier or TokenKind.Apply or TokenKind.State
                or TokenKind.Type or TokenKind.Priority)
            .Select(ToIdentifier)
            .Labelled("table property name");

    /// <summary>The type identifier of a declaration: any name (the pre-scan has usually made it a type identifier).</summary>
    private static Parser<Token, Identifier> DeclaredName => Name;

    // ---------------- annotations ----------------

    private static Parser<Token, IEnumerable<Token>> ParenthesizedTokens => field ??=
        Rec(() => OneOf(
            Map((open, body, close) => (IEnumerable<Token>)[open, .. body, close],
                Tok(TokenKind.LeftParen), ParenthesizedTokens!.Many().Select(b => b.SelectMany(x => x)), Tok(TokenKind.RightParen)),
            Parser<Token>.Token(t => t.Kind is not (TokenKind.LeftParen or TokenKind.RightParen or TokenKind.EndOfFile))
                .Select(t => (IEnumerable<Token>)[t])));

    private static Parser<Token, IEnumerable<Token>> BracketedTokens => field ??=
        Rec(() => OneOf(
            Map((open, body, close) => (IEnumerable<Token>)[open, .. body, close],
                Tok(TokenKind.LeftBracket), BracketedTokens!.Many().Select(b => b.SelectMany(x => x)), Tok(TokenKind.RightBracket)),
            Parser<Token>.Token(t => t.Kind is not (TokenKind.LeftBracket or TokenKind.RightBracket or TokenKind.EndOfFile))
                .Select(t => (IEnumerable<Token>)[t])));

    private readonly record struct AnnotationTail(AnnotationBodyKind Kind, EquatableArray<Token> Body, TextSpan? End);

    private static Parser<Token, AnnotationTail> UnstructuredBody => field ??=
        Map((open, body, close) => new AnnotationTail(AnnotationBodyKind.Unstructured, body.SelectMany(x => x).ToEquatableArray(), close.Span),
            Tok(TokenKind.LeftParen), ParenthesizedTokens.Many(), Tok(TokenKind.RightParen));

    private static Parser<Token, AnnotationTail> StructuredBody => field ??=
        Map((open, body, close) => new AnnotationTail(AnnotationBodyKind.Structured, body.SelectMany(x => x).ToEquatableArray(), close.Span),
            Tok(TokenKind.LeftBracket), BracketedTokens.Many(), Tok(TokenKind.RightBracket));

    /// <summary>The old <c>@pragma name args</c> form: the body runs to the end of the line.</summary>
    private static Parser<Token, AnnotationTail> PragmaLineBody => field ??=
        Parser<Token>.Token(t => !t.IsFirstOnLine && t.Kind != TokenKind.EndOfFile).Many()
            .Select(tokens =>
            {
                var body = tokens.ToEquatableArray();
                return new AnnotationTail(body.IsEmpty ? AnnotationBodyKind.None : AnnotationBodyKind.PragmaLine, body, body.IsEmpty ? null : body[^1].Span);
            });

    private static Parser<Token, Annotation> AnnotationParser => field ??=
        Map((at, name, tail) => new Annotation(at.Span.Cover(tail.End ?? name.Span), name, tail.Kind, tail.Body),
            Tok(TokenKind.At),
            Name,
            OneOf(UnstructuredBody, StructuredBody, Parser<Token>.Return(new AnnotationTail(AnnotationBodyKind.None, EquatableArray<Token>.Empty, null))));

    /// <summary>An annotation, including the <c>@pragma</c> line form.</summary>
    private static Parser<Token, Annotation> AnnotationOrPragma => field ??=
        OneOf(
            Try(Map((at, name, tail) => new Annotation(at.Span.Cover(tail.End ?? name.Span), name, tail.Kind, tail.Body),
                Tok(TokenKind.At),
                Parser<Token>.Token(t => t.Kind == TokenKind.Identifier && t.Text == "pragma").Select(ToIdentifier),
                Not(Tok(TokenKind.LeftParen)).Then(PragmaLineBody))),
            AnnotationParser);

    /// <summary><c>optAnnotations</c>.</summary>
    private static Parser<Token, EquatableArray<Annotation>> OptAnnotations => field ??=
        AnnotationOrPragma.Many().Select(a => a.ToEquatableArray());

    private static TextSpan StartOf(EquatableArray<Annotation> annotations, TextSpan fallback) =>
        annotations.IsEmpty ? fallback : annotations[0].Span;
}
