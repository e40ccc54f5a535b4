using System.Text;

namespace P4Bpf.Runtime.Packets;

/// <summary>Renders an expected pattern and an actual packet side by side, 16 bytes a row, with the first mismatch marked.</summary>
/// <remarks>
/// Layout (one pair of rows per 16 bytes, <c>^^</c> under the first differing byte, <c>--</c> for a missing byte):
/// <code>
/// expected 14 bytes (exact), actual 14 bytes: differs at byte 5 (nibble 11)
/// 0000 exp 00 01 02 03 ** 05 06 07 08 09 0a 0b 0c 0d
///      got 00 01 02 03 04 06 06 07 08 09 0a 0b 0c 0d
///                         ^^
/// </code>
/// </remarks>
public static class PacketDiff
{
    private const int BytesPerRow = 16;

    /// <summary>The diff text; ends with "match" instead of a mismatch description when the packet matches.</summary>
    public static string Render(PacketPattern expected, ReadOnlySpan<byte> actual)
    {
        var mismatch = expected.FindMismatch(actual);
        var sb = new StringBuilder();
        sb.Append($"expected {expected.Length} bytes{(expected.ExactLength ? " (exact)" : "")}, actual {actual.Length} bytes: ");
        sb.Append(mismatch is null ? "match" : mismatch.ToString());
        sb.Append('\n');
        int total = Math.Max(expected.Length, actual.Length);
        int markByte = mismatch?.ByteOffset ?? -1;
        for (int row = 0; row < total; row += BytesPerRow)
        {
            int end = Math.Min(row + BytesPerRow, total);
            sb.Append($"{row:x4} exp");
            for (int i = row; i < end; i++)
                sb.Append(' ').Append(ExpectedByte(expected, i));
            sb.Append('\n');
            sb.Append("     got");
            for (int i = row; i < end; i++)
                sb.Append(' ').Append(i < actual.Length ? actual[i].ToString("x2") : "--");
            sb.Append('\n');
            if (markByte >= row && markByte < end)
            {
                sb.Append(' ', 8 + (markByte - row) * 3 + 1).Append("^^").Append('\n');
            }
        }
        if (markByte >= total)
            sb.Append(' ', 8 + (markByte % BytesPerRow) * 3 + 1).Append("^^ (end of packet)").Append('\n');
        return sb.ToString();
    }

    private static string ExpectedByte(PacketPattern pattern, int index)
    {
        if (index >= pattern.Length)
            return "--";
        int hi = index * 2, lo = index * 2 + 1;
        char a = pattern.NibbleChar(hi);
        char b = lo < pattern.NibbleCount ? pattern.NibbleChar(lo) : '*';
        return $"{a}{b}";
    }
}
