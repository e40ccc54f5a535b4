using System.Globalization;
using System.Net;
using System.Numerics;

namespace P4Bpf.P4Runtime.Client;

/// <summary>Parses the values people type: decimal, <c>0x</c> hex, <c>0b</c> binary, IPv4/IPv6 addresses and MAC addresses.</summary>
public static class ValueText
{
    /// <summary>The value of <paramref name="text"/>, or a <see cref="FormatException"/> naming it.</summary>
    public static BigInteger Parse(string text)
    {
        text = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && BigInteger.TryParse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }
        if (text.StartsWith("0b", StringComparison.OrdinalIgnoreCase) && text.Length > 2 && text[2..].All(c => c is '0' or '1'))
        {
            return text[2..].Aggregate(BigInteger.Zero, (acc, c) => (acc << 1) | (c - '0'));
        }
        if (BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var dec))
        {
            return dec;
        }
        var parts = text.Split(':', '-');
        if (parts.Length == 6 && parts.All(p => p.Length is 1 or 2 && p.All(char.IsAsciiHexDigit)))
        {
            return parts.Aggregate(BigInteger.Zero, (acc, p) => (acc << 8) | byte.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        if ((text.Contains('.') || text.Contains(':')) && IPAddress.TryParse(text, out var ip))
        {
            return new BigInteger(ip.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        }
        throw new FormatException($"'{text}' is not a number, IP address or MAC address");
    }
}
