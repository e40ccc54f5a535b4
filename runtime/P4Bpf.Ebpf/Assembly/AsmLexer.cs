namespace P4Bpf.Ebpf.Assembly;

/// <summary>Splits one line of assembly into tokens; <c>#</c>, <c>//</c> and <c>;</c> start comments.</summary>
internal static class AsmLexer
{
    private static readonly string[] Operators =
    [
        "s>>=", "<<=", ">>=", "s/=", "s%=", "s>=", "s<=", "+=", "-=", "*=", "/=", "%=", "|=", "&=", "^=", "==", "!=", ">=", "<=",
        "s>", "s<", ">", "<", "=", "&", "(", ")", "[", "]", "*", ",", ":", "+", "-",
    ];

    public static List<AsmToken> Lex(string line, int lineNumber)
    {
        var tokens = new List<AsmToken>();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '#' || c == ';' || (c == '/' && i + 1 < line.Length && line[i + 1] == '/'))
            {
                break;
            }
            var start = i;
            if (char.IsAsciiDigit(c))
            {
                i++;
                while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new AsmToken(AsmTokenKind.Number, line[start..i], start + 1));
                continue;
            }
            if (c == 's' && i + 1 < line.Length && line[i + 1] is '>' or '<' or '/' or '%' && TryOperator(line, i, out var sop))
            {
                tokens.Add(new AsmToken(AsmTokenKind.Punct, sop, start + 1));
                i += sop.Length;
                continue;
            }
            if (IsIdentStart(c) || (c == '%' && i + 1 < line.Length && char.IsAsciiLetter(line[i + 1])))
            {
                i++;
                while (i < line.Length && IsIdentPart(line[i]))
                {
                    i++;
                }
                tokens.Add(new AsmToken(AsmTokenKind.Ident, line[start..i], start + 1));
                continue;
            }
            if (TryOperator(line, i, out var op))
            {
                tokens.Add(new AsmToken(AsmTokenKind.Punct, op, start + 1));
                i += op.Length;
                continue;
            }
            throw new AssemblyException(lineNumber, start + 1, $"unexpected character '{c}'");
        }
        tokens.Add(new AsmToken(AsmTokenKind.End, "", line.Length + 1));
        return tokens;
    }

    private static bool TryOperator(string line, int i, out string op)
    {
        foreach (var candidate in Operators)
        {
            if (string.CompareOrdinal(line, i, candidate, 0, candidate.Length) == 0)
            {
                op = candidate;
                return true;
            }
        }
        op = "";
        return false;
    }

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == '.' || c == '$';

    private static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
}
