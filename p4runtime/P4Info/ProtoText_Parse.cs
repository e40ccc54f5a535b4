using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>A text-format syntax error with its line and column.</summary>
public sealed class ProtoTextException(int line, int column, string message) : Exception($"{line}:{column}: {message}")
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

public static partial class ProtoText
{
    /// <summary>Parses text format into a new <typeparamref name="T"/>; comments (<c>#</c>) allowed; errors give a <see cref="ProtoTextException"/>.</summary>
    public static T Parse<T>(string text) where T : IMessage<T>, new()
    {
        var message = new T();
        var reader = new TextReader(text);
        ParseFields(reader, message, end: null);
        return message;
    }

    private static void ParseFields(TextReader r, IMessage message, char? end)
    {
        while (true)
        {
            r.SkipSpace();
            if (r.AtEnd)
            {
                if (end is not null)
                {
                    throw r.Error($"expected '{end}'");
                }
                return;
            }
            if (end is not null && r.Peek == end)
            {
                r.Next();
                return;
            }
            var name = r.Identifier();
            var field = message.Descriptor.FindFieldByName(name) ?? throw r.Error($"{message.Descriptor.Name} has no field '{name}'");
            r.SkipSpace();
            if (field.FieldType == FieldType.Message)
            {
                if (r.Peek == ':')
                {
                    r.Next();
                    r.SkipSpace();
                }
                var close = r.Peek switch { '{' => '}', '<' => '>', _ => throw r.Error("expected '{'") };
                r.Next();
                if (field.IsMap)
                {
                    // Map entry types have no generated parser: read `key: K value: V` (either order) by hand.
                    var (entryKey, entryValue) = ParseMapEntry(r, field.MessageType, close);
                    var dict = (System.Collections.IDictionary)field.Accessor.GetValue(message);
                    dict[entryKey] = entryValue;
                    continue;
                }
                var child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                ParseFields(r, child, close);
                if (field.IsRepeated)
                {
                    ((System.Collections.IList)field.Accessor.GetValue(message)).Add(child);
                }
                else
                {
                    field.Accessor.SetValue(message, child);
                }
                continue;
            }
            if (r.Peek != ':')
            {
                throw r.Error("expected ':'");
            }
            r.Next();
            r.SkipSpace();
            var value = ParseScalar(r, field);
            if (field.IsRepeated)
            {
                ((System.Collections.IList)field.Accessor.GetValue(message)).Add(value);
            }
            else
            {
                field.Accessor.SetValue(message, value);
            }
        }
    }

    private static (object Key, object Value) ParseMapEntry(TextReader r, MessageDescriptor entry, char close)
    {
        var keyField = entry.FindFieldByNumber(1);
        var valueField = entry.FindFieldByNumber(2);
        object? key = null;
        object? value = null;
        while (true)
        {
            r.SkipSpace();
            if (r.AtEnd)
            {
                throw r.Error($"expected '{close}'");
            }
            if (r.Peek == close)
            {
                r.Next();
                break;
            }
            var name = r.Identifier();
            var f = name == "key" ? keyField : name == "value" ? valueField : throw r.Error($"a map entry has no field '{name}' (only key and value)");
            r.SkipSpace();
            if (f.FieldType == FieldType.Message)
            {
                if (r.Peek == ':')
                {
                    r.Next();
                    r.SkipSpace();
                }
                var end = r.Peek switch { '{' => '}', '<' => '>', _ => throw r.Error("expected '{'") };
                r.Next();
                var child = f.MessageType.Parser.ParseFrom(ByteString.Empty);
                ParseFields(r, child, end);
                value = child;
                continue;
            }
            if (r.Peek != ':')
            {
                throw r.Error("expected ':'");
            }
            r.Next();
            r.SkipSpace();
            var scalar = ParseScalar(r, f);
            if (f == keyField)
            {
                key = scalar;
            }
            else
            {
                value = scalar;
            }
        }
        value ??= valueField.FieldType == FieldType.Message ? valueField.MessageType.Parser.ParseFrom(ByteString.Empty) : throw r.Error("a map entry needs a value");
        return (key ?? throw r.Error("a map entry needs a key"), value);
    }

    private static object ParseScalar(TextReader r, FieldDescriptor field)
    {
        switch (field.FieldType)
        {
            case FieldType.String:
                return Encoding.UTF8.GetString(r.QuotedBytes());
            case FieldType.Bytes:
                return ByteString.CopyFrom(r.QuotedBytes());
            case FieldType.Bool:
                var b = r.Identifier();
                return b is "true" or "True" or "t" or "1" ? true : b is "false" or "False" or "f" or "0" ? false : throw r.Error($"bad bool '{b}'");
            case FieldType.Enum:
                var token = r.Identifier();
                var ev = field.EnumType.FindValueByName(token)
                    ?? (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? field.EnumType.FindValueByNumber(n) : null)
                    ?? throw r.Error($"{field.EnumType.Name} has no value '{token}'");
                return Enum.ToObject(field.EnumType.ClrType, ev.Number);
            default:
                var text = r.Identifier();
                try
                {
                    return field.FieldType switch
                    {
                        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (object)ParseInt<int>(text),
                        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => ParseInt<long>(text),
                        FieldType.UInt32 or FieldType.Fixed32 => ParseInt<uint>(text),
                        FieldType.UInt64 or FieldType.Fixed64 => ParseInt<ulong>(text),
                        FieldType.Double => double.Parse(text, CultureInfo.InvariantCulture),
                        FieldType.Float => float.Parse(text, CultureInfo.InvariantCulture),
                        _ => throw r.Error($"unsupported field type {field.FieldType}"),
                    };
                }
                catch (Exception ex) when (ex is FormatException or OverflowException)
                {
                    throw r.Error($"bad number '{text}' for {field.Name}");
                }
        }
    }

    private static T ParseInt<T>(string text) where T : System.Numerics.IBinaryInteger<T>
    {
        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? T.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : T.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private sealed class TextReader(string text)
    {
        private int pos;

        public bool AtEnd => pos >= text.Length;

        public char Peek => AtEnd ? '\0' : text[pos];

        public void Next() => pos++;

        public ProtoTextException Error(string message)
        {
            var line = 1 + text.AsSpan(0, Math.Min(pos, text.Length)).Count('\n');
            var col = pos - (text.LastIndexOf('\n', Math.Max(0, Math.Min(pos, text.Length) - 1)) + 1) + 1;
            return new ProtoTextException(line, col, message);
        }

        public void SkipSpace()
        {
            while (!AtEnd)
            {
                if (char.IsWhiteSpace(text[pos]) || text[pos] == ',' || text[pos] == ';')
                {
                    pos++;
                }
                else if (text[pos] == '#')
                {
                    while (!AtEnd && text[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else
                {
                    return;
                }
            }
        }

        public string Identifier()
        {
            var start = pos;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '.' or '-' or '+'))
            {
                pos++;
            }
            return pos > start ? text[start..pos] : throw Error("expected a name or value");
        }

        public byte[] QuotedBytes()
        {
            var bytes = new List<byte>();
            do
            {
                var quote = Peek;
                if (quote is not ('"' or '\''))
                {
                    throw Error("expected a quoted string");
                }
                pos++;
                while (true)
                {
                    if (AtEnd || text[pos] == '\n')
                    {
                        throw Error("unterminated string");
                    }
                    var c = text[pos++];
                    if (c == quote)
                    {
                        break;
                    }
                    if (c != '\\')
                    {
                        bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                        continue;
                    }
                    var e = AtEnd ? throw Error("bad escape") : text[pos++];
                    switch (e)
                    {
                        case 'n': bytes.Add(10); break;
                        case 'r': bytes.Add(13); break;
                        case 't': bytes.Add(9); break;
                        case 'a': bytes.Add(7); break;
                        case 'b': bytes.Add(8); break;
                        case 'f': bytes.Add(12); break;
                        case 'v': bytes.Add(11); break;
                        case 'x':
                            var hexStart = pos;
                            while (!AtEnd && pos - hexStart < 2 && char.IsAsciiHexDigit(text[pos]))
                            {
                                pos++;
                            }
                            bytes.Add(pos > hexStart ? byte.Parse(text.AsSpan(hexStart, pos - hexStart), NumberStyles.HexNumber, CultureInfo.InvariantCulture) : throw Error("bad \\x escape"));
                            break;
                        case >= '0' and <= '7':
                            var v = e - '0';
                            for (var i = 0; i < 2 && !AtEnd && text[pos] is >= '0' and <= '7'; i++)
                            {
                                v = (v * 8) + (text[pos++] - '0');
                            }
                            bytes.Add((byte)v);
                            break;
                        default:
                            bytes.Add((byte)e);
                            break;
                    }
                }
                SkipSpace();
            }
            while (Peek is '"' or '\'');
            return bytes.ToArray();
        }
    }
}
