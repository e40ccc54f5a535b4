using System.Text;

namespace P4Bpf.Runtime.Packets;

/// <summary>An expected packet: hex nibbles, each either a value or a wildcard, with an optional "exactly this long" marker.</summary>
/// <remarks>
/// STF text form: hex digits with any spacing, <c>*</c> for a don't-care nibble, and a trailing <c>$</c> when the
/// packet must end exactly there. Without <c>$</c> the packet may be longer than the pattern (prefix match).
/// Bytes are stored with wildcard nibbles zero in <see cref="Value"/> and zero in <see cref="Mask"/>.
/// </remarks>
public sealed class PacketPattern : IEquatable<PacketPattern>
{
    private readonly byte[] _value;
    private readonly byte[] _mask;

    private PacketPattern(byte[] value, byte[] mask, int nibbleCount, bool exactLength)
    {
        _value = value;
        _mask = mask;
        NibbleCount = nibbleCount;
        ExactLength = exactLength;
    }

    /// <summary>The number of hex digits (wildcards included) in the pattern.</summary>
    public int NibbleCount { get; }

    /// <summary>True when the packet must be exactly <see cref="Length"/> bytes long (<c>$</c> marker).</summary>
    public bool ExactLength { get; }

    /// <summary>Length in bytes (an odd trailing nibble counts as a byte).</summary>
    public int Length => _value.Length;

    /// <summary>The expected bytes; wildcard nibbles are zero.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Per-byte masks: 0xF0/0x0F/0xFF/0x00 depending on which nibbles are checked.</summary>
    public ReadOnlySpan<byte> Mask => _mask;

    /// <summary>True when at least one nibble is a wildcard.</summary>
    public bool HasWildcards
    {
        get
        {
            for (int i = 0; i < NibbleCount; i++)
            {
                if (!IsChecked(i))
                    return true;
            }
            return false;
        }
    }

    /// <summary>A pattern that matches exactly these bytes (and, when exactLength, nothing longer).</summary>
    public static PacketPattern FromBytes(ReadOnlySpan<byte> data, bool exactLength = true)
    {
        var mask = new byte[data.Length];
        mask.AsSpan().Fill(0xFF);
        return new PacketPattern(data.ToArray(), mask, data.Length * 2, exactLength);
    }

    /// <summary>Parses the STF text form; on failure gives the 0-based offset of the bad character in text.</summary>
    /// <remarks><c>allowWildcards</c>: False for injected packets: <c>*</c> and <c>$</c> are then errors.</remarks>
    public static bool TryParse(string text, bool allowWildcards, out PacketPattern? pattern, out int errorOffset, out string? error)
    {
        pattern = null;
        errorOffset = -1;
        error = null;
        var nibbles = new List<int>(text.Length);
        bool exact = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
                continue;
            if (exact)
            {
                (errorOffset, error) = (i, $"unexpected '{c}' after the end marker '$'");
                return false;
            }
            if (char.IsAsciiHexDigit(c))
                nibbles.Add(Convert.ToInt32(c.ToString(), 16));
            else if (c == '*' && allowWildcards)
                nibbles.Add(-1);
            else if (c == '$' && allowWildcards)
                exact = true;
            else
            {
                (errorOffset, error) = (i, allowWildcards
                    ? $"unexpected '{c}' in packet data (hex digits, '*' or a final '$')"
                    : $"unexpected '{c}' in packet data (hex digits only)");
                return false;
            }
        }
        if (!allowWildcards && nibbles.Count % 2 != 0)
        {
            (errorOffset, error) = (text.Length, $"packet data has an odd number of hex digits ({nibbles.Count})");
            return false;
        }
        var value = new byte[(nibbles.Count + 1) / 2];
        var mask = new byte[value.Length];
        for (int n = 0; n < nibbles.Count; n++)
        {
            int shift = n % 2 == 0 ? 4 : 0;
            if (nibbles[n] >= 0)
            {
                value[n / 2] |= (byte)(nibbles[n] << shift);
                mask[n / 2] |= (byte)(0xF << shift);
            }
        }
        pattern = new PacketPattern(value, mask, nibbles.Count, exact);
        return true;
    }

    /// <summary>Parses the STF text form, throwing <see cref="FormatException"/> on bad text (for tests and literals).</summary>
    public static PacketPattern Parse(string text) =>
        TryParse(text, allowWildcards: true, out var p, out int at, out var error) ? p! : throw new FormatException($"{error} at offset {at}");

    /// <summary>True when the packet matches every checked nibble and the length rule.</summary>
    public bool Matches(ReadOnlySpan<byte> packet) => FindMismatch(packet) is null;

    /// <summary>The first difference between the pattern and packet, or null when they match.</summary>
    public PacketMismatch? FindMismatch(ReadOnlySpan<byte> packet)
    {
        int common = Math.Min(NibbleCount, packet.Length * 2);
        for (int n = 0; n < common; n++)
        {
            if (IsChecked(n) && NibbleOf(packet, n) != NibbleOf(_value, n))
                return new PacketMismatch(PacketMismatchKind.Differs, n / 2, n);
        }
        if (packet.Length * 2 < NibbleCount)
            return new PacketMismatch(PacketMismatchKind.TooShort, packet.Length, packet.Length * 2);
        if (ExactLength && packet.Length > Length)
            return new PacketMismatch(PacketMismatchKind.TooLong, Length, Length * 2);
        return null;
    }

    /// <summary>Whether nibble n (0 = high nibble of byte 0) is compared.</summary>
    public bool IsChecked(int nibble) => ((_mask[nibble / 2] >> (nibble % 2 == 0 ? 4 : 0)) & 0xF) != 0;

    /// <summary>A two-sided hex dump of the pattern and the packet with the first mismatch marked; see <see cref="PacketDiff"/>.</summary>
    public string RenderDiff(ReadOnlySpan<byte> actual) => PacketDiff.Render(this, actual);

    /// <summary>The STF text form: hex digits, <c>*</c> wildcards, <c>$</c> when exact.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(NibbleCount + 2);
        for (int n = 0; n < NibbleCount; n++)
            sb.Append(NibbleChar(n));
        if (ExactLength)
            sb.Append(" $");
        return sb.ToString();
    }

    /// <summary>The character for nibble n: a lower-case hex digit or <c>*</c>.</summary>
    public char NibbleChar(int nibble) => IsChecked(nibble) ? "0123456789abcdef"[NibbleOf(_value, nibble)] : '*';

    public bool Equals(PacketPattern? other) =>
        other is not null && NibbleCount == other.NibbleCount && ExactLength == other.ExactLength
        && _value.AsSpan().SequenceEqual(other._value) && _mask.AsSpan().SequenceEqual(other._mask);

    public override bool Equals(object? obj) => Equals(obj as PacketPattern);

    public override int GetHashCode() => HashCode.Combine(NibbleCount, ExactLength, ToString());

    internal static int NibbleOf(ReadOnlySpan<byte> data, int nibble) =>
        nibble % 2 == 0 ? data[nibble / 2] >> 4 : data[nibble / 2] & 0xF;
}

/// <summary>How a packet failed to match a <see cref="PacketPattern"/>.</summary>
public enum PacketMismatchKind
{
    /// <summary>A checked nibble differs.</summary>
    Differs,
    /// <summary>The packet ends before the pattern does.</summary>
    TooShort,
    /// <summary>The pattern has the <c>$</c> marker and the packet is longer.</summary>
    TooLong,
}

/// <summary>The first place where a packet differs from a pattern.</summary>
public sealed record PacketMismatch(PacketMismatchKind Kind, int ByteOffset, int NibbleOffset)
{
    public override string ToString() => Kind switch
    {
        PacketMismatchKind.Differs => $"differs at byte {ByteOffset} (nibble {NibbleOffset})",
        PacketMismatchKind.TooShort => $"packet too short: ends at byte {ByteOffset}",
        _ => $"packet too long: expected exactly {ByteOffset} bytes",
    };
}
