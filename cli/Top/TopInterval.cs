using System.Globalization;

namespace P4Bpf.Cli.Top;

/// <summary>Parses refresh intervals: <c>500ms</c>, <c>1s</c>, <c>1.5s</c>, <c>2m</c>, or a bare number of seconds.</summary>
internal static class TopInterval
{
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        var (number, scale) = t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (t[..^2], 0.001)
            : t.EndsWith('s') || t.EndsWith('S') ? (t[..^1], 1.0)
            : t.EndsWith('m') || t.EndsWith('M') ? (t[..^1], 60.0)
            : (t, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < 0 || value * scale > 86400)
        {
            throw new FormatException($"interval '{text}' is not a duration like 500ms, 1s or 2m (0 .. 24h)");
        }
        return TimeSpan.FromSeconds(value * scale);
    }
}
