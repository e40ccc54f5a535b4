using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Lexing;

/// <summary>The hand-written P4_16 lexer: preprocessed text in, tokens (ending with <see cref="TokenKind.EndOfFile"/>) out.</summary>
/// <remarks>
/// <c>&gt;&gt;</c> is never one token: two <c>&gt;</c> with <see cref="TokenFlags.AdjacentToPrevious"/> let the grammar
/// tell a shift from two closing type brackets. A sign never belongs to a literal. Errors become diagnostics and
/// <see cref="TokenKind.Bad"/> tokens; the lexer never throws.
/// </remarks>
public sealed class Lexer
{
    private readonly PreprocessedSource _source;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private Lexer(PreprocessedSource source, DiagnosticBag diagnostics)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
    }

    public static IReadOnlyList<Token> Lex(PreprocessedSource source, DiagnosticBag diagnostics) => new Lexer(source, diagnostics).Run();

    private IReadOnlyList<Token> Run()
    {
        var sawSpace = true;
        var sawNewline = true;
        while (true)
        {
            var triviaStart = _pos;
            SkipTrivia(ref sawNewline);
            if (_pos != triviaStart)
            {
                sawSpace = true;
            }
            var flags = (sawSpace ? TokenFlags.None : TokenFlags.AdjacentToPrevious) | (sawNewline ? TokenFlags.FirstOnLine : TokenFlags.None);
            if (_pos >= _text.Length)
            {
                _tokens.Add(new Token(TokenKind.EndOfFile, new TextSpan(_text.Length, 0), "", flags));
                return _tokens;
            }
            var start = _pos;
            var kind = Scan();
            _tokens.Add(new Token(kind, TextSpan.FromBounds(start, _pos), _text[start.._pos], flags));
            sawSpace = false;
            sawNewline = false;
        }
    }

    private void SkipTrivia(ref bool sawNewline)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n')
            {
                sawNewline = true;
                _pos++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = _pos;
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    Report(ErrorCode.ERR_UnterminatedComment, TextSpan.FromBounds(start, start + 2));
                    _pos = _text.Length;
                    return;
                }
                if (_text.AsSpan(_pos, end - _pos).Contains('\n'))
                {
                    sawNewline = true;
                }
                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private bool Match(string s)
    {
        if (string.CompareOrdinal(_text, _pos, s, 0, s.Length) != 0)
        {
            return false;
        }
        _pos += s.Length;
        return true;
    }

    private TokenKind Scan()
    {
        var c = _text[_pos];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ScanIdentifier();
        }
        if (char.IsAsciiDigit(c))
        {
            return ScanNumber();
        }
        if (c == '"')
        {
            return ScanString();
        }
        // Longest match first.
        if (Match("{#}")) return TokenKind.InvalidHeader;
        if (Match("&&&")) return TokenKind.Mask;
        if (Match("|+|=")) return TokenKind.PlusSatAssign;
        if (Match("|-|=")) return TokenKind.MinusSatAssign;
        if (Match("|+|")) return TokenKind.PlusSat;
        if (Match("|-|")) return TokenKind.MinusSat;
        if (Match("...")) return TokenKind.Dots;
        if (Match("<<=")) return TokenKind.ShiftLeftAssign;
        if (Match("..")) return TokenKind.Range;
        if (Match("&&")) return TokenKind.AndAnd;
        if (Match("||")) return TokenKind.OrOr;
        if (Match("==")) return TokenKind.Equal;
        if (Match("!=")) return TokenKind.NotEqual;
        if (Match("<=")) return TokenKind.LessEqual;
        if (Match(">=")) return TokenKind.GreaterEqual;
        if (Match("<<")) return TokenKind.ShiftLeft;
        if (Match("++")) return TokenKind.PlusPlus;
        if (Match("+=")) return TokenKind.PlusAssign;
        if (Match("+:")) return TokenKind.PlusColon;
        if (Match("-=")) return TokenKind.MinusAssign;
        if (Match("*=")) return TokenKind.StarAssign;
        if (Match("/=")) return TokenKind.SlashAssign;
        if (Match("%=")) return TokenKind.PercentAssign;
        if (Match("&=")) return TokenKind.AmpersandAssign;
        if (Match("|=")) return TokenKind.PipeAssign;
        if (Match("^=")) return TokenKind.CaretAssign;
        _pos++;
        switch (c)
        {
            case '{': return TokenKind.LeftBrace;
            case '}': return TokenKind.RightBrace;
            case '(': return TokenKind.LeftParen;
            case ')': return TokenKind.RightParen;
            case '[': return TokenKind.LeftBracket;
            case ']': return TokenKind.RightBracket;
            case ';': return TokenKind.Semicolon;
            case ',': return TokenKind.Comma;
            case '.': return TokenKind.Dot;
            case ':': return TokenKind.Colon;
            case '?': return TokenKind.Question;
            case '@': return TokenKind.At;
            case '=': return TokenKind.Assign;
            case '<': return TokenKind.LessThan;
            case '>': return TokenKind.GreaterThan;
            case '+': return TokenKind.Plus;
            case '-': return TokenKind.Minus;
            case '*': return TokenKind.Star;
            case '/': return TokenKind.Slash;
            case '%': return TokenKind.Percent;
            case '&': return TokenKind.Ampersand;
            case '|': return TokenKind.Pipe;
            case '^': return TokenKind.Caret;
            case '~': return TokenKind.Tilde;
            case '!': return TokenKind.Bang;
        }
        // Keep a surrogate pair or an odd byte together in one bad token.
        if (char.IsHighSurrogate(c) && _pos < _text.Length && char.IsLowSurrogate(_text[_pos]))
        {
            _pos++;
        }
        // Reported by the parser if the token is not inside an annotation body (where anything goes).
        return TokenKind.Bad;
    }

    private TokenKind ScanIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }
        var text = _text[start.._pos];
        if (text == "_")
        {
            return TokenKind.DontCare;
        }
        return Keywords.TryGet(text, out var keyword) ? keyword : TokenKind.Identifier;
    }

    private TokenKind ScanNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }
        var text = _text[start.._pos];
        if (!IntegerLiteral.TryParse(text, out _, out var error))
        {
            Report(ErrorCode.ERR_InvalidIntegerLiteral, TextSpan.FromBounds(start, _pos), text);
            _ = error;
        }
        return TokenKind.Integer;
    }

    private TokenKind ScanString()
    {
        var start = _pos;
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            _pos += _text[_pos] == '\\' && _pos + 1 < _text.Length ? 2 : 1;
        }
        if (_pos < _text.Length && _text[_pos] == '"')
        {
            _pos++;
            return TokenKind.String;
        }
        Report(ErrorCode.ERR_UnterminatedString, TextSpan.FromBounds(start, Math.Min(_pos, start + 1)));
        return TokenKind.Bad;
    }

    private void Report(ErrorCode code, TextSpan span, params object[] args) => _diagnostics.Add(code, _source.GetLocation(span), args);
}
