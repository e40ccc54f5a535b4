using System.Text;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Preprocessing;

public sealed partial class Preprocessor
{
    private const int MaxExpansionLength = 1 << 20;

    /// <summary>Expands the macros of one line; a function-like call left open may pull in following lines of <paramref name="file"/>.</summary>
    private string ExpandLine(string line, FileState? file, LineOrigin origin)
    {
        if (_macros.Count == 0)
        {
            return line;
        }
        return Expand(line, [], file, origin);
    }

    private string Expand(string text, HashSet<string> disabled, FileState? file, LineOrigin origin)
    {
        StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var end = PpScanner.TokenEnd(text, i);
            if (!PpScanner.IsIdentStart(c) || !_macros.TryGetValue(text[i..end], out var macro) || disabled.Contains(macro.Name))
            {
                i = end;
                continue;
            }
            string replacement;
            var next = end;
            if (!macro.IsFunctionLike)
            {
                replacement = Expand(macro.Body, [.. disabled, macro.Name], null, origin);
            }
            else
            {
                var open = end;
                while (open < text.Length && char.IsWhiteSpace(text[open]))
                {
                    open++;
                }
                if (open >= text.Length && file is not null && disabled.Count == 0)
                {
                    // The '(' may be on the next line: peek at it without consuming anything else.
                    var peek = NextNonBlankLine(file);
                    if (peek is not null && peek.TrimStart().StartsWith('('))
                    {
                        text = text + " " + TakeLine(file);
                    }
                }
                if (open >= text.Length || text[open] != '(')
                {
                    i = end;
                    continue;
                }
                var arguments = CollectArguments(ref text, open, file, disabled.Count == 0, out next);
                if (arguments is null)
                {
                    Report(ErrorCode.ERR_UnterminatedMacroCall, origin, i + 1, macro.Name);
                    return text;
                }
                var expected = macro.Parameters!.Count;
                if (arguments.Count == 1 && expected == 0 && arguments[0].Trim().Length == 0)
                {
                    arguments.Clear();
                }
                if (macro.IsVariadic && arguments.Count >= expected - 1)
                {
                    var fixedCount = expected - 1;
                    var rest = string.Join(",", arguments.Skip(fixedCount));
                    arguments = [.. arguments.Take(fixedCount), rest];
                }
                if (arguments.Count != expected)
                {
                    Report(ErrorCode.ERR_MacroArgumentCount, origin, i + 1, macro.Name, expected, arguments.Count);
                    i = next;
                    continue;
                }
                var substituted = Substitute(macro, arguments, disabled, origin);
                replacement = Expand(substituted, [.. disabled, macro.Name], null, origin);
            }
            result ??= new StringBuilder(text.Length + replacement.Length);
            result.Append(text, copied, i - copied).Append(replacement);
            if (result.Length > MaxExpansionLength)
            {
                Report(ErrorCode.ERR_InvalidMacroDefinition, origin, i + 1, $"expansion of '{macro.Name}' is too large");
                return text;
            }
            copied = next;
            i = next;
        }
        if (result is null)
        {
            return text;
        }
        result.Append(text, copied, text.Length - copied);
        return result.ToString();
    }

    private static string? NextNonBlankLine(FileState file)
    {
        for (var j = file.Index; j < file.Lines.Length; j++)
        {
            if (file.Lines[j].Trim().Length > 0)
            {
                return file.Lines[j].TrimStart().StartsWith('#') ? null : file.Lines[j];
            }
        }
        return null;
    }

    private static string? TakeLine(FileState file) => file.Index < file.Lines.Length ? ReadLogicalLine(file) : null;

    /// <summary>Splits <c>( a, (b, c), "d,e" )</c> into raw arguments; may append following lines while the call is open.</summary>
    private static List<string>? CollectArguments(ref string text, int open, FileState? file, bool mayReadLines, out int next)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = open + 1;
        var i = open;
        while (true)
        {
            if (i >= text.Length)
            {
                if (!mayReadLines || file is null || TakeLine(file) is not { } more || more.TrimStart().StartsWith('#'))
                {
                    next = text.Length;
                    return null;
                }
                text = text + " " + more;
                continue;
            }
            var c = text[i];
            if (c == '"')
            {
                i = PpScanner.StringEnd(text, i);
                continue;
            }
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0)
                {
                    arguments.Add(text[start..i]);
                    next = i + 1;
                    return arguments;
                }
            }
            else if (c == ',' && depth == 1)
            {
                arguments.Add(text[start..i]);
                start = i + 1;
            }
            i++;
        }
    }

    /// <summary>Replaces parameters in the body: <c>#p</c> stringizes, <c>a ## b</c> pastes raw arguments, others get the expanded argument.</summary>
    private string Substitute(Macro macro, List<string> arguments, HashSet<string> disabled, LineOrigin origin)
    {
        var body = macro.Body;
        var parameters = macro.Parameters!;
        var result = new StringBuilder(body.Length * 2);
        var i = 0;
        var pasteNext = false;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '#' && i + 1 < body.Length && body[i + 1] == '#')
            {
                // Token paste: drop the whitespace around '##'.
                while (result.Length > 0 && char.IsWhiteSpace(result[^1]))
                {
                    result.Length--;
                }
                i += 2;
                while (i < body.Length && char.IsWhiteSpace(body[i]))
                {
                    i++;
                }
                pasteNext = true;
                continue;
            }
            if (c == '#')
            {
                var j = i + 1;
                while (j < body.Length && char.IsWhiteSpace(body[j]))
                {
                    j++;
                }
                if (j < body.Length && PpScanner.IsIdentStart(body[j]))
                {
                    var end = PpScanner.TokenEnd(body, j);
                    var index = IndexOf(parameters, body[j..end]);
                    if (index >= 0)
                    {
                        result.Append('"').Append(arguments[index].Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                        i = end;
                        continue;
                    }
                }
            }
            var tokenEnd = PpScanner.TokenEnd(body, i);
            if (PpScanner.IsIdentStart(c))
            {
                var index = IndexOf(parameters, body[i..tokenEnd]);
                if (index >= 0)
                {
                    var raw = arguments[index].Trim();
                    var pastedAfter = NextIsPaste(body, tokenEnd);
                    result.Append(pasteNext || pastedAfter ? raw : Expand(raw, disabled, null, origin));
                    pasteNext = false;
                    i = tokenEnd;
                    continue;
                }
            }
            pasteNext = false;
            result.Append(body, i, tokenEnd - i);
            i = tokenEnd;
        }
        return result.ToString();
    }

    private static bool NextIsPaste(string body, int i)
    {
        while (i < body.Length && char.IsWhiteSpace(body[i]))
        {
            i++;
        }
        return i + 1 < body.Length && body[i] == '#' && body[i + 1] == '#';
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Evaluates an <c>#if</c>/<c>#elif</c> condition: <c>defined</c>, then macro expansion, then unknown names are 0.</summary>
    private bool EvaluateCondition(string text, FileState file, LineOrigin origin)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var end = PpScanner.TokenEnd(text, i);
            if (text[i..end] == "defined")
            {
                var j = end;
                while (j < text.Length && char.IsWhiteSpace(text[j]))
                {
                    j++;
                }
                var paren = j < text.Length && text[j] == '(';
                if (paren)
                {
                    j++;
                }
                var name = FirstIdentifier(text[j..]);
                if (name is null)
                {
                    Report(ErrorCode.ERR_InvalidConditionExpression, origin, 1, "'defined' needs a macro name");
                    return false;
                }
                j = text.IndexOf(name, j, StringComparison.Ordinal) + name.Length;
                if (paren)
                {
                    while (j < text.Length && char.IsWhiteSpace(text[j]))
                    {
                        j++;
                    }
                    if (j >= text.Length || text[j] != ')')
                    {
                        Report(ErrorCode.ERR_InvalidConditionExpression, origin, 1, "missing ')' after 'defined('");
                        return false;
                    }
                    j++;
                }
                builder.Append(_macros.ContainsKey(name) ? " 1 " : " 0 ");
                i = j;
                continue;
            }
            builder.Append(text, i, end - i);
            i = end;
        }
        var expanded = ExpandLine(builder.ToString(), null, origin);
        if (!ConditionEvaluator.TryEvaluate(expanded, out var value, out var error))
        {
            Report(ErrorCode.ERR_InvalidConditionExpression, origin, 1, error);
            return false;
        }
        _ = file;
        return value != 0;
    }
}
