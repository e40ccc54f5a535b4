namespace P4Bpf.Front.Preprocessing;

/// <summary>Character-level helpers shared by the preprocessor: identifiers, pp-numbers, string literals, comment removal.</summary>
internal static class PpScanner
{
    public static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>The end of the token starting at <paramref name="i"/>: an identifier, a pp-number, a string, or one character.</summary>
    public static int TokenEnd(string text, int i)
    {
        var c = text[i];
        if (IsIdentStart(c) || char.IsAsciiDigit(c))
        {
            var j = i + 1;
            while (j < text.Length && IsIdentPart(text[j]))
            {
                j++;
            }
            return j;
        }
        if (c == '"')
        {
            return StringEnd(text, i);
        }
        return i + 1;
    }

    /// <summary>The index after the closing quote of the string starting at <paramref name="i"/> (or the line end if unterminated).</summary>
    public static int StringEnd(string text, int i)
    {
        var j = i + 1;
        while (j < text.Length && text[j] != '"' && text[j] != '\n')
        {
            j += text[j] == '\\' && j + 1 < text.Length && text[j + 1] != '\n' ? 2 : 1;
        }
        return j < text.Length && text[j] == '"' ? j + 1 : j;
    }

    /// <summary>
    /// Replaces comments by spaces (keeping newlines, so lines stay where they were); strings are left intact.
    /// Returns the line (1-based) of an unterminated block comment, or 0.
    /// </summary>
    public static string StripComments(string text, out int unterminatedCommentLine)
    {
        unterminatedCommentLine = 0;
        if (!text.Contains('/'))
        {
            return text;
        }
        var chars = text.ToCharArray();
        var line = 1;
        var i = 0;
        while (i < chars.Length)
        {
            var c = chars[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (c == '"')
            {
                var end = StringEnd(text, i);
                i = end;
            }
            else if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '/')
            {
                while (i < chars.Length && chars[i] != '\n')
                {
                    // A backslash-newline continues a // comment in C; P4 code does not rely on it, so we do not.
                    chars[i++] = ' ';
                }
            }
            else if (c == '/' && i + 1 < chars.Length && chars[i + 1] == '*')
            {
                var startLine = line;
                chars[i] = chars[i + 1] = ' ';
                i += 2;
                var closed = false;
                while (i < chars.Length)
                {
                    if (chars[i] == '*' && i + 1 < chars.Length && chars[i + 1] == '/')
                    {
                        chars[i] = chars[i + 1] = ' ';
                        i += 2;
                        closed = true;
                        break;
                    }
                    if (chars[i] == '\n')
                    {
                        line++;
                    }
                    else
                    {
                        chars[i] = ' ';
                    }
                    i++;
                }
                if (!closed)
                {
                    unterminatedCommentLine = startLine;
                }
            }
            else
            {
                i++;
            }
        }
        return new string(chars);
    }
}
