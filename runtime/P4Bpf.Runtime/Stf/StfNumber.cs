using System.Globalization;
using System.Numerics;

namespace P4Bpf.Runtime.Stf;

/// <summary>Parses STF numbers: decimal, <c>0x</c> hex, <c>0b</c> binary, <c>0o</c> octal, with <c>_</c> separators and, in hex/binary, <c>*</c> don't-care digits.</summary>
public static class StfNumber
{
    /// <summary>Parses a number that may contain <c>*</c> digits; Mask is null when it has none.</summary>
    public static bool TryParse(string text, out BigInteger value, out BigInteger? mask, out int digitBits, out string? error)
    {
        value = BigInteger.Zero;
        mask = null;
        digitBits = 0;
        error = null;
        var s = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = false;
        if (s.StartsWith('-'))
        {
            negative = true;
            s = s[1..];
        }
        int radix = 10;
        if (s.Length > 2 && s[0] == '0' && char.IsAsciiLetter(s[1]))
        {
            radix = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'b' => 2, 'o' => 8, 'd' => 10, _ => 0 };
            if (radix == 0)
            {
                error = $"unknown number prefix '{s[..2]}' in '{text}'";
                return false;
            }
            s = s[2..];
        }
        if (s.Length == 0)
        {
            error = $"number '{text}' has no digits";
            return false;
        }
        int bitsPerDigit = radix switch { 16 => 4, 8 => 3, 2 => 1, _ => 0 };
        BigInteger m = BigInteger.Zero;
        bool hasStar = false;
        foreach (char c in s)
        {
            int digit;
            if (c == '*')
            {
                if (bitsPerDigit == 0)
                {
                    error = $"'*' digits need a hex or binary number: '{text}'";
                    return false;
                }
                hasStar = true;
                digit = -1;
            }
            else
            {
                digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                if (digit >= radix)
                {
                    error = $"'{c}' is not a digit in '{text}'";
                    return false;
                }
            }
            value = value * radix + Math.Max(digit, 0);
            if (bitsPerDigit > 0)
                m = (m << bitsPerDigit) | (digit < 0 ? 0 : (1 << bitsPerDigit) - 1);
        }
        digitBits = bitsPerDigit * s.Length;
        if (hasStar)
        {
            if (negative)
            {
                error = $"a negative number cannot have '*' digits: '{text}'";
                return false;
            }
            mask = m;
        }
        if (negative)
            value = -value;
        return true;
    }

    /// <summary>Parses a plain number (no <c>*</c> digits).</summary>
    public static bool TryParse(string text, out BigInteger value, out string? error)
    {
        if (!TryParse(text, out value, out var mask, out _, out error))
            return false;
        if (mask is not null)
        {
            error = $"'*' digits are not allowed here: '{text}'";
            return false;
        }
        return true;
    }

    /// <summary>Formats as <c>0x…</c> lower-case hex (negative values as <c>-0x…</c>).</summary>
    public static string ToHex(BigInteger value) =>
        value.Sign < 0 ? "-" + ToHex(-value) : "0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));
}
