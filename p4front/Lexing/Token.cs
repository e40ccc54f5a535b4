using P4Bpf.Front.Text;

namespace P4Bpf.Front.Lexing;

/// <summary>Layout facts about a token that the grammar needs.</summary>
[Flags]
public enum TokenFlags
{
    None = 0,
    /// <summary>No whitespace separates this token from the previous one (makes <c>&gt; &gt;</c> a shift).</summary>
    AdjacentToPrevious = 1,
    /// <summary>The token is the first on its line (used by error recovery and <c>@pragma</c>).</summary>
    FirstOnLine = 2,
}

/// <summary>One lexed token: its kind, its span in the preprocessed text and its text.</summary>
public readonly record struct Token(TokenKind Kind, TextSpan Span, string Text, TokenFlags Flags = TokenFlags.None)
{
    public bool IsAdjacent => (Flags & TokenFlags.AdjacentToPrevious) != 0;

    public bool IsFirstOnLine => (Flags & TokenFlags.FirstOnLine) != 0;

    public bool IsIdentifierLike => Kind is TokenKind.Identifier or TokenKind.TypeIdentifier;

    public override string ToString() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Identifier or TokenKind.TypeIdentifier => $"identifier '{Text}'",
        TokenKind.Integer => $"integer '{Text}'",
        TokenKind.String => $"string {Text}",
        _ => $"'{Text}'",
    };
}
