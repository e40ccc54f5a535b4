using System.Globalization;

namespace P4Bpf.Front.Preprocessing;

/// <summary>Evaluates the integer expressions of <c>#if</c> after macro expansion, with C precedence; unknown identifiers are 0.</summary>
internal sealed class ConditionEvaluator
{
    private readonly string _text;
    private int _pos;

    private ConditionEvaluator(string text) => _text = text;

    public static bool TryEvaluate(string text, out long value, out string error)
    {
        var evaluator = new ConditionEvaluator(text);
        try
        {
            value = evaluator.Conditional();
            evaluator.SkipSpace();
            if (evaluator._pos < text.Length)
            {
                error = $"unexpected '{text[evaluator._pos..].Trim()}'";
                return false;
            }
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            value = 0;
            error = e.Message;
            return false;
        }
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool Accept(string op)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) != 0)
        {
            return false;
        }
        // Do not take '<' out of '<<' or '<=', '&' out of '&&', and so on.
        if (op.Length == 1 && _pos + 1 < _text.Length)
        {
            var next = _text[_pos + 1];
            if ((op is "<" or ">") && (next == op[0] || next == '='))
            {
                return false;
            }
            if ((op is "&" or "|") && next == op[0])
            {
                return false;
            }
            if ((op is "!" or "=") && next == '=')
            {
                return false;
            }
        }
        _pos += op.Length;
        return true;
    }

    private long Conditional()
    {
        var condition = Binary(0);
        if (!Accept("?"))
        {
            return condition;
        }
        var whenTrue = Conditional();
        if (!Accept(":"))
        {
            throw new FormatException("expected ':'");
        }
        var whenFalse = Conditional();
        return condition != 0 ? whenTrue : whenFalse;
    }

    private static readonly string[][] Levels =
    [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<=", ">=", "<", ">"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"],
    ];

    private long Binary(int level)
    {
        if (level == Levels.Length)
        {
            return Unary();
        }
        var left = Binary(level + 1);
        while (true)
        {
            var op = Levels[level].FirstOrDefault(Accept);
            if (op is null)
            {
                return left;
            }
            var right = Binary(level + 1);
            left = op switch
            {
                "||" => left != 0 || right != 0 ? 1 : 0,
                "&&" => left != 0 && right != 0 ? 1 : 0,
                "|" => left | right,
                "^" => left ^ right,
                "&" => left & right,
                "==" => left == right ? 1 : 0,
                "!=" => left != right ? 1 : 0,
                "<=" => left <= right ? 1 : 0,
                ">=" => left >= right ? 1 : 0,
                "<" => left < right ? 1 : 0,
                ">" => left > right ? 1 : 0,
                "<<" => left << (int)(right & 63),
                ">>" => left >> (int)(right & 63),
                "+" => left + right,
                "-" => left - right,
                "*" => left * right,
                "/" => right == 0 ? throw new FormatException("division by zero") : left / right,
                _ => right == 0 ? throw new FormatException("division by zero") : left % right,
            };
        }
    }

    private long Unary()
    {
        if (Accept("!"))
        {
            return Unary() == 0 ? 1 : 0;
        }
        if (Accept("~"))
        {
            return ~Unary();
        }
        if (Accept("-"))
        {
            return -Unary();
        }
        if (Accept("+"))
        {
            return Unary();
        }
        if (Accept("("))
        {
            var value = Conditional();
            if (!Accept(")"))
            {
                throw new FormatException("expected ')'");
            }
            return value;
        }
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new FormatException("unexpected end of expression");
        }
        var start = _pos;
        if (PpScanner.IsIdentStart(_text[_pos]))
        {
            _pos = PpScanner.TokenEnd(_text, _pos);
            return 0;
        }
        if (!char.IsAsciiDigit(_text[_pos]))
        {
            throw new FormatException($"unexpected '{_text[_pos]}'");
        }
        _pos = PpScanner.TokenEnd(_text, _pos);
        var literal = _text[start.._pos].TrimEnd('u', 'U', 'l', 'L');
        if (literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(literal[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }
        if (literal.Length > 1 && literal[0] == '0' && literal.All(char.IsAsciiDigit))
        {
            try
            {
                return Convert.ToInt64(literal, 8);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                throw new FormatException($"invalid number '{literal}'");
            }
        }
        if (long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        throw new FormatException($"invalid number '{literal}'");
    }
}
