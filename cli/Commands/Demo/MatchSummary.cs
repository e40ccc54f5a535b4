using System.Globalization;
using System.Net;
using System.Numerics;
using Google.Protobuf;
using P4.V1;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Cli.Demo;

/// <summary>Renders a P4Runtime table entry's match the way people write it: addresses dotted, prefixes with /LEN, ranges LO..HI.</summary>
internal static class MatchSummary
{
    public static string Render(P4RuntimeClient client, TableEntry entry)
    {
        var table = client.P4Info!.Info.Tables.First(t => t.Preamble.Id == entry.TableId);
        var parts = new List<string>();
        foreach (var m in entry.Match)
        {
            var field = table.MatchFields.First(f => f.Id == m.FieldId);
            var name = field.Name[(field.Name.LastIndexOf('.') + 1)..];
            var text = m.FieldMatchTypeCase switch
            {
                FieldMatch.FieldMatchTypeOneofCase.Exact => Value(m.Exact.Value, field.Bitwidth),
                FieldMatch.FieldMatchTypeOneofCase.Lpm => $"{Value(m.Lpm.Value, field.Bitwidth)}/{m.Lpm.PrefixLen}",
                FieldMatch.FieldMatchTypeOneofCase.Ternary => $"{Value(m.Ternary.Value, field.Bitwidth)}&&&{Value(m.Ternary.Mask, field.Bitwidth)}",
                FieldMatch.FieldMatchTypeOneofCase.Range => $"{Value(m.Range.Low, field.Bitwidth)}..{Value(m.Range.High, field.Bitwidth)}",
                FieldMatch.FieldMatchTypeOneofCase.Optional => Value(m.Optional.Value, field.Bitwidth),
                _ => "*",
            };
            parts.Add($"{name}={text}");
        }
        return parts.Count == 0 ? "(default)" : string.Join(" ", parts);
    }

    /// <summary>32-bit values as dotted IPv4, 48-bit ones as MACs, the rest in decimal.</summary>
    public static string Value(ByteString bytes, int width)
    {
        var v = new BigInteger(bytes.Span, isUnsigned: true, isBigEndian: true);
        return width switch
        {
            32 => new IPAddress(Pad(v, 4)).ToString(),
            48 => string.Join(":", Pad(v, 6).Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
            _ => v.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static byte[] Pad(BigInteger v, int size)
    {
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[size];
        raw.AsSpan(Math.Max(0, raw.Length - size)).CopyTo(result.AsSpan(Math.Max(0, size - raw.Length)));
        return result;
    }
}
