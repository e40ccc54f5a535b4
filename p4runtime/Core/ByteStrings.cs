using System.Numerics;
using Google.Protobuf;
using Google.Rpc;

namespace P4Bpf.P4Runtime.Core;

/// <summary>P4Runtime byte strings (§8.4 Bytestrings): big-endian, any length whose value fits the width on input, canonical (shortest) on output.</summary>
public static class ByteStrings
{
    /// <summary>The unsigned value of <paramref name="bytes"/>; empty strings and values wider than <paramref name="width"/> bits are rejected.</summary>
    /// <param name="code">The code for a value that does not fit (INVALID_ARGUMENT in match fields, OUT_OF_RANGE elsewhere).</param>
    public static BigInteger Parse(ByteString bytes, int width, string what, Code code = Code.InvalidArgument)
    {
        var span = bytes.Span;
        if (span.IsEmpty)
        {
            throw new P4RuntimeException(code, $"{what}: empty byte string");
        }
        var value = new BigInteger(span, isUnsigned: true, isBigEndian: true);
        if (width >= 0 && value.GetBitLength() > width)
        {
            throw new P4RuntimeException(code, $"{what}: value does not fit in {width} bits");
        }
        return value;
    }

    /// <summary>The canonical encoding: the shortest big-endian string holding the value; 0 is one zero byte.</summary>
    /// <summary>The canonical form of an input string whose value is <paramref name="value"/>: the input itself when it already is canonical.</summary>
    public static ByteString Canonical(ByteString input, BigInteger value) =>
        input.Length == 1 || (input.Length > 1 && input.Span[0] != 0) ? input : Canonical(value);

    public static ByteString Canonical(BigInteger value)
    {
        if (value.Sign <= 0)
        {
            return Zero;
        }
        return UnsafeByteOperations.UnsafeWrap(value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    /// <summary>A big-endian string exactly <c>⌈width/8⌉</c> bytes long (what p4c and the tutorials send).</summary>
    public static ByteString Padded(BigInteger value, int width)
    {
        var bytes = new byte[Math.Max(1, (width + 7) / 8)];
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.AsSpan(Math.Max(0, raw.Length - bytes.Length)).CopyTo(bytes.AsSpan(Math.Max(0, bytes.Length - raw.Length)));
        return ByteString.CopyFrom(bytes);
    }

    public static readonly ByteString Zero = ByteString.CopyFrom(0);
}
