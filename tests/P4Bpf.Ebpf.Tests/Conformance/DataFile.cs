using System.Globalization;

namespace P4Bpf.Ebpf.Tests.Conformance;

/// <summary>A parsed bpf_conformance/uBPF <c>.data</c> test: <c>-- asm</c> or <c>-- raw</c>, optional <c>-- mem</c>, <c>-- result</c>, <c>-- error</c>.</summary>
internal sealed record DataFile(string? Asm, IReadOnlyList<ulong>? Raw, byte[] Mem, ulong? Result, string? Error)
{
    /// <summary>Parses the text; unknown sections (<c>-- c</c>, <c>-- no register offset</c>, …) are ignored.</summary>
    public static DataFile Parse(string text)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith("-- ", StringComparison.Ordinal))
            {
                current = [];
                sections[line[3..].Trim()] = current;
                continue;
            }
            if (current is null)
            {
                continue; // header comments before the first section
            }
            current.Add(line);
        }
        string? asm = sections.TryGetValue("asm", out var a) ? string.Join('\n', a) : null;
        List<ulong>? raw = null;
        if (sections.TryGetValue("raw", out var r))
        {
            raw = [.. Payload(r).Select(l => ulong.Parse(StripHex(l), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))];
        }
        var mem = sections.TryGetValue("mem", out var m)
            ? [.. Payload(m).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(b => byte.Parse(b, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))]
            : Array.Empty<byte>();
        ulong? result = null;
        if (sections.TryGetValue("result", out var res) && Payload(res).FirstOrDefault() is { } value)
        {
            result = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.Parse(value[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                : value.StartsWith('-') ? (ulong)long.Parse(value, CultureInfo.InvariantCulture) : ulong.Parse(value, CultureInfo.InvariantCulture);
        }
        var error = sections.TryGetValue("error", out var e) ? Payload(e).FirstOrDefault() : null;
        return new DataFile(asm, raw, mem, result, error);
    }

    private static IEnumerable<string> Payload(List<string> lines) =>
        lines.Select(l => (l.IndexOf('#') is var h and >= 0 ? l[..h] : l).Trim()).Where(l => l.Length > 0);

    private static string StripHex(string s) => s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? s[2..] : s;

    /// <summary>The raw section as bytes (each line is one little-endian 64-bit slot).</summary>
    public byte[] RawBytes()
    {
        var bytes = new byte[Raw!.Count * 8];
        for (var i = 0; i < Raw.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), Raw[i]);
        }
        return bytes;
    }
}
