using P4Bpf.Front.Lexing;

namespace P4Bpf.Front.Parsing;

/// <summary>How tokens are named in "expected …" messages.</summary>
internal static class TokenText
{
    private static readonly Dictionary<TokenKind, string> Punctuation = new()
    {
        [TokenKind.DontCare] = "_", [TokenKind.LeftBrace] = "{", [TokenKind.RightBrace] = "}", [TokenKind.LeftParen] = "(",
        [TokenKind.RightParen] = ")", [TokenKind.LeftBracket] = "[", [TokenKind.RightBracket] = "]", [TokenKind.Semicolon] = ";",
        [TokenKind.Comma] = ",", [TokenKind.Dot] = ".", [TokenKind.Colon] = ":", [TokenKind.Question] = "?", [TokenKind.At] = "@",
        [TokenKind.InvalidHeader] = "{#}", [TokenKind.Range] = "..", [TokenKind.Dots] = "...", [TokenKind.Assign] = "=",
        [TokenKind.Equal] = "==", [TokenKind.NotEqual] = "!=", [TokenKind.LessThan] = "<", [TokenKind.GreaterThan] = ">",
        [TokenKind.LessEqual] = "<=", [TokenKind.GreaterEqual] = ">=", [TokenKind.ShiftLeft] = "<<", [TokenKind.Plus] = "+",
        [TokenKind.Minus] = "-", [TokenKind.Star] = "*", [TokenKind.Slash] = "/", [TokenKind.Percent] = "%",
        [TokenKind.PlusPlus] = "++", [TokenKind.PlusSat] = "|+|", [TokenKind.MinusSat] = "|-|", [TokenKind.Ampersand] = "&",
        [TokenKind.Pipe] = "|", [TokenKind.Caret] = "^", [TokenKind.Tilde] = "~", [TokenKind.Bang] = "!",
        [TokenKind.AndAnd] = "&&", [TokenKind.OrOr] = "||", [TokenKind.Mask] = "&&&", [TokenKind.PlusAssign] = "+=",
        [TokenKind.MinusAssign] = "-=", [TokenKind.StarAssign] = "*=", [TokenKind.SlashAssign] = "/=",
        [TokenKind.PercentAssign] = "%=", [TokenKind.ShiftLeftAssign] = "<<=", [TokenKind.AmpersandAssign] = "&=",
        [TokenKind.PipeAssign] = "|=", [TokenKind.CaretAssign] = "^=", [TokenKind.PlusSatAssign] = "|+|=",
        [TokenKind.MinusSatAssign] = "|-|=", [TokenKind.PlusColon] = "+:",
    };

    private static readonly Dictionary<TokenKind, string> KeywordText =
        Keywords.All.ToDictionary(k => { Keywords.TryGet(k, out var kind); return kind; }, k => k);

    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Identifier => "identifier",
        TokenKind.TypeIdentifier => "type name",
        TokenKind.Integer => "integer",
        TokenKind.String => "string",
        TokenKind.Bad => "invalid token",
        _ when Punctuation.TryGetValue(kind, out var p) => $"'{p}'",
        _ when KeywordText.TryGetValue(kind, out var k) => $"'{k}'",
        _ => kind.ToString(),
    };
}
