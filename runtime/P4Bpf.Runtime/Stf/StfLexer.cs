namespace P4Bpf.Runtime.Stf;

/// <summary>Splits one STF line (comment already removed) into tokens.</summary>
internal static class StfLexer
{
    private static readonly string[] Puncts = ["&&&", "->", "==", "!=", "<=", ">=", ":", "(", ")", ",", "/", "=", ".", "[", "]", "*", "-", "<", ">"];

    /// <summary>Tokenises text starting at 0-based offset start; columns are offsets + 1. Returns false with an error on a bad character.</summary>
    public static bool TryTokenize(string text, int start, int line, List<StfToken> tokens, out StfParseError? error)
    {
        error = null;
        int i = start;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int begin = i;
            if (char.IsAsciiLetter(c) || c == '_' || c == '$')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                    i++;
                tokens.Add(new StfToken(StfTokenKind.Identifier, text[begin..i], begin + 1));
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '*'
                    || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && IsDecimalSoFar(text, begin, i))))
                    i++;
                tokens.Add(new StfToken(StfTokenKind.Number, text[begin..i], begin + 1));
                continue;
            }
            if (c == '"')
            {
                int close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    error = new StfParseError(line, begin + 1, "unterminated quoted name");
                    return false;
                }
                tokens.Add(new StfToken(StfTokenKind.String, text[(i + 1)..close], begin + 1));
                i = close + 1;
                continue;
            }
            string? punct = null;
            foreach (var p in Puncts)
            {
                if (string.CompareOrdinal(text, i, p, 0, p.Length) == 0)
                {
                    punct = p;
                    break;
                }
            }
            if (punct is null)
            {
                error = new StfParseError(line, begin + 1, $"unexpected character '{c}'");
                return false;
            }
            tokens.Add(new StfToken(StfTokenKind.Punct, punct, begin + 1));
            i += punct.Length;
        }
        tokens.Add(new StfToken(StfTokenKind.End, "", text.Length + 1));
        return true;
    }

    /// <summary>A '.' continues a number only in a plain decimal (<c>0.000006</c>), never in <c>0x…</c>.</summary>
    private static bool IsDecimalSoFar(string text, int begin, int end)
    {
        for (int k = begin; k < end; k++)
        {
            if (!char.IsAsciiDigit(text[k]))
                return false;
        }
        return true;
    }
}
