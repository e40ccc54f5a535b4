using System.Numerics;

namespace P4Bpf.Front.Lexing;

/// <summary>The value of a P4 integer literal: <c>[width(w|s)][0x|0o|0d|0b]digits</c> with <c>_</c> separators.</summary>
public readonly record struct IntegerLiteral(BigInteger Value, int? Width, bool IsSigned)
{
    /// <summary>Parses literal text such as <c>8w0xFF</c>, <c>4s3</c>, <c>0b1010_1010</c>, <c>16w0377</c> (decimal).</summary>
    public static bool TryParse(string text, out IntegerLiteral literal, out string error)
    {
        literal = default;
        int? width = null;
        var signed = false;
        var body = text;
        var marker = IndexOfWidthMarker(text);
        if (marker > 0)
        {
            if (!int.TryParse(text.AsSpan(0, marker), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w))
            {
                error = "invalid width";
                return false;
            }
            width = w;
            signed = text[marker] == 's';
            body = text[(marker + 1)..];
        }
        var radix = 10;
        if (body.Length > 1 && body[0] == '0' && char.IsAsciiLetter(body[1]))
        {
            radix = char.ToLowerInvariant(body[1]) switch
            {
                'x' => 16,
                'o' => 8,
                'd' => 10,
                'b' => 2,
                _ => 0,
            };
            if (radix == 0)
            {
                error = $"unknown base prefix '{body[..2]}'";
                return false;
            }
            body = body[2..];
        }
        if (body.Length == 0 || (body[0] == '_' && radix == 10 && marker <= 0))
        {
            error = "missing digits";
            return false;
        }
        var value = BigInteger.Zero;
        var digits = 0;
        foreach (var c in body)
        {
            if (c == '_')
            {
                continue;
            }
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix)
            {
                error = $"invalid digit '{c}' for base {radix}";
                return false;
            }
            value = value * radix + d;
            digits++;
        }
        if (digits == 0)
        {
            error = "missing digits";
            return false;
        }
        literal = new IntegerLiteral(value, width, signed);
        error = "";
        return true;
    }

    /// <summary>The index of the <c>w</c>/<c>s</c> after a decimal width prefix, or -1.</summary>
    private static int IndexOfWidthMarker(string text)
    {
        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i > 0 && i < text.Length && (text[i] == 'w' || text[i] == 's') ? i : -1;
    }
}
