using P4.Config.V1;
using P4.V1;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Client;

/// <summary>Builds a <see cref="FieldMatch"/> from text: <c>V</c> (exact/optional), <c>V/LEN</c> (lpm), <c>V&amp;&amp;&amp;M</c> (ternary), <c>LO..HI</c> (range).</summary>
public static class MatchText
{
    public static FieldMatch Parse(MatchField field, string text)
    {
        text = text.Trim();
        var m = new FieldMatch { FieldId = field.Id };
        switch (field.MatchType)
        {
            case MatchField.Types.MatchType.Exact:
                m.Exact = new FieldMatch.Types.Exact { Value = Bytes(text) };
                break;
            case MatchField.Types.MatchType.Optional:
                m.Optional = new FieldMatch.Types.Optional { Value = Bytes(text) };
                break;
            case MatchField.Types.MatchType.Lpm:
            {
                var slash = text.LastIndexOf('/');
                m.Lpm = slash < 0
                    ? new FieldMatch.Types.LPM { Value = Bytes(text), PrefixLen = field.Bitwidth }
                    : new FieldMatch.Types.LPM { Value = Bytes(text[..slash]), PrefixLen = int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture) };
                break;
            }
            case MatchField.Types.MatchType.Ternary:
            {
                var parts = text.Split("&&&");
                var all = (System.Numerics.BigInteger.One << field.Bitwidth) - 1;
                m.Ternary = new FieldMatch.Types.Ternary
                {
                    Value = Bytes(parts[0]),
                    Mask = parts.Length > 1 ? Bytes(parts[1]) : ByteStrings.Canonical(all),
                };
                break;
            }
            case MatchField.Types.MatchType.Range:
            {
                var parts = text.Split("..");
                m.Range = new FieldMatch.Types.Range { Low = Bytes(parts[0]), High = Bytes(parts.Length > 1 ? parts[1] : parts[0]) };
                break;
            }
            default:
                throw new FormatException($"match field {field.Name} has an unsupported match kind");
        }
        return m;
    }

    private static Google.Protobuf.ByteString Bytes(string text) => ByteStrings.Canonical(ValueText.Parse(text));
}
