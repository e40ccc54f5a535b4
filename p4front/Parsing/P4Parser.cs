using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;
using Pidgin;
using static Pidgin.Parser;

namespace P4Bpf.Front.Parsing;

/// <summary>Parses preprocessed P4_16 source into a <see cref="P4Program"/>; syntax errors become diagnostics, never exceptions.</summary>
public static class P4Parser
{
    /// <summary>After this many syntax errors in one file the parser stops reporting.</summary>
    public const int MaxErrors = 25;

    /// <summary>A declaration, or the error that made the parser skip to the next declaration.</summary>
    private readonly record struct Item(Declaration Declaration, ParseError<Token>? Error);

    /// <summary>Skips at least one token, then up to the next line that starts a top-level declaration; returns the skipped span.</summary>
    private static readonly Parser<Token, TextSpan> SkipUntilBoundary =
        Map((first, rest) => rest.Aggregate(first.Span, (span, t) => span.Cover(t.Span)),
            Parser<Token>.Token(t => t.Kind != TokenKind.EndOfFile),
            Parser<Token>.Token(t => !IsBoundary(t)).Many());

    /// <summary>The program: declarations with <c>RecoverWith</c> at each declaration boundary, then end of file.</summary>
    private static readonly Parser<Token, IEnumerable<Item>> Program =
        Try(Not(Tok(TokenKind.EndOfFile))).Then(
                P4Grammar.Declaration.Select(d => new Item(d, null))
                    .RecoverWith(error => OneOf(
                        Lookahead(Tok(TokenKind.EndOfFile)).Select(t => new Item(new BadDeclaration(t.Span), error)),
                        SkipUntilBoundary.Select(span => new Item(new BadDeclaration(span), error)))))
            .Many()
            .Before(Tok(TokenKind.EndOfFile));

    private static bool IsBoundary(Token t) => t.Kind == TokenKind.EndOfFile || (t.IsFirstOnLine && t.Kind is TokenKind.Header or TokenKind.HeaderUnion
        or TokenKind.Struct or TokenKind.Enum or TokenKind.Typedef or TokenKind.Extern or TokenKind.Parser or TokenKind.Control
        or TokenKind.Package or TokenKind.MatchKind or TokenKind.Error or TokenKind.At);

    private static Parser<Token, Token> Tok(TokenKind kind) => Parser<Token>.Token(t => t.Kind == kind);

    /// <summary>Lexes, classifies type names and parses; returns the program (with <see cref="BadDeclaration"/>s where errors were).</summary>
    public static P4Program Parse(PreprocessedSource source, DiagnosticBag diagnostics)
    {
        var tokens = TypeNameScanner.Classify(Lexer.Lex(source, diagnostics));
        return Parse(tokens, source, diagnostics);
    }

    internal static P4Program Parse(Token[] tokens, PreprocessedSource source, DiagnosticBag diagnostics)
    {
        var result = Program.Parse(tokens);
        var declarations = new List<Declaration>();
        var errors = 0;
        if (result.Success)
        {
            foreach (var item in result.Value)
            {
                declarations.Add(item.Declaration);
                if (item.Error is { } error)
                {
                    errors++;
                    if (errors <= MaxErrors)
                    {
                        Report(error, tokens, source, diagnostics);
                    }
                }
            }
        }
        else
        {
            errors++;
            Report(result.Error!, tokens, source, diagnostics);
        }
        if (errors > MaxErrors)
        {
            diagnostics.Add(ErrorCode.ERR_TooManyErrors, source.GetLocation(tokens[^1].Span));
        }
        var span = tokens.Length > 0 ? TextSpan.FromBounds(0, tokens[^1].Span.End) : default;
        return new P4Program(span, declarations.ToEquatableArray());
    }

    private static void Report(ParseError<Token> error, Token[] tokens, PreprocessedSource source, DiagnosticBag diagnostics)
    {
        var index = Math.Clamp(error.ErrorOffset, 0, tokens.Length - 1);
        var token = error.Unexpected.HasValue ? error.Unexpected.Value : tokens[index];
        var expected = DescribeExpected(error);
        var location = source.GetLocation(token.Span);
        if (token.Kind == TokenKind.Bad)
        {
            if (!token.Text.StartsWith('"'))
            {
                diagnostics.Add(ErrorCode.ERR_UnexpectedCharacter, location, token.Text);
            }
            return; // an unterminated string was reported by the lexer
        }
        if (token.Kind == TokenKind.EndOfFile || error.EOF)
        {
            // point just after the last token, where the missing text belongs (as clang and p4c do), not at the end of the file
            var last = Array.FindLastIndex(tokens, t => t.Kind != TokenKind.EndOfFile);
            var at = last >= 0 ? new TextSpan(tokens[last].Span.End, 0) : token.Span;
            diagnostics.Add(ErrorCode.ERR_UnexpectedEndOfFile, source.GetLocation(at), expected);
        }
        else
        {
            diagnostics.Add(ErrorCode.ERR_UnexpectedToken, location, token.ToString(), expected);
        }
    }

    private static string DescribeExpected(ParseError<Token> error)
    {
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var expected in error.Expected)
        {
            if (expected.Label is { } label)
            {
                labels.Add(label);
            }
            else if (expected.Tokens is { IsDefault: false } tokens && tokens.Length > 0)
            {
                labels.Add(string.Join(" ", tokens.Select(t => t.ToString())));
            }
        }
        if (error.Message is { Length: > 0 } message)
        {
            labels.Add(message);
        }
        Collapse(labels, ExpressionStarts, "expression", "integer", "'true'");
        Collapse(labels, StatementStarts, "statement", "'if'", "'return'");
        Collapse(labels, DeclarationStarts, "declaration", "'header'", "'control'");
        if (labels.Count == 0)
        {
            return "something else";
        }
        var list = labels.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    private static readonly string[] ExpressionStarts =
    [
        "integer", "string", "'true'", "'false'", "'this'", "'...'", "'{#}'", "'error'", "'_'", "identifier", "name",
        "type name", "'.'", "'{'", "'('", "'!'", "'~'", "'-'", "'+'",
    ];

    private static readonly string[] StatementStarts =
    [
        "';'", "'if'", "'return'", "'exit'", "'break'", "'continue'", "'switch'", "'@'", "'for'", "'const'", "'{'", "type",
        "'bit'", "'int'", "'varbit'", "'bool'", "'string'", "'tuple'", "'list'", "'match_kind'", "expression",
    ];

    private static readonly string[] DeclarationStarts =
    [
        "';'", "'@'", "'const'", "'extern'", "'action'", "'parser'", "'control'", "'header'", "'header_union'", "'struct'",
        "'enum'", "'typedef'", "'type'", "'package'", "'error'", "'match_kind'", "'void'", "identifier", "type name", "'.'",
        "'bit'", "'int'", "'varbit'", "'bool'", "'string'", "'tuple'", "'list'",
    ];

    /// <summary>Replaces the many first tokens of a production by its name when the production's signature tokens are all present.</summary>
    private static void Collapse(SortedSet<string> labels, string[] members, string name, params string[] signature)
    {
        if (signature.All(labels.Contains))
        {
            labels.ExceptWith(members);
            labels.Add(name);
        }
    }
}
