using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>Protobuf text format (what p4c writes to <c>.txtpb</c>): fields in number order, maps as sorted key/value entries, C-escaped strings and bytes.</summary>
public static partial class ProtoText
{
    public static string Format(IMessage message)
    {
        var sb = new StringBuilder();
        WriteMessage(sb, message, 0);
        return sb.ToString();
    }

    private static void WriteMessage(StringBuilder sb, IMessage message, int indent)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var dict = (System.Collections.IDictionary)value;
                var keyField = field.MessageType.FindFieldByNumber(1);
                var valueField = field.MessageType.FindFieldByNumber(2);
                foreach (var key in dict.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                {
                    Indent(sb, indent).Append(field.Name).Append(" {\n");
                    WriteValue(sb, keyField, key, indent + 1);
                    WriteValue(sb, valueField, dict[key]!, indent + 1);
                    Indent(sb, indent).Append("}\n");
                }
            }
            else if (field.IsRepeated)
            {
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    WriteValue(sb, field, item, indent);
                }
            }
            else if (field.RealContainingOneof is not null || field.HasPresence)
            {
                if (field.Accessor.HasValue(message))
                {
                    WriteValue(sb, field, value, indent);
                }
            }
            else if (!IsDefault(field, value))
            {
                WriteValue(sb, field, value, indent);
            }
        }
    }

    private static bool IsDefault(FieldDescriptor field, object value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ByteString b => b.IsEmpty,
        bool b => !b,
        IMessage => false,
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture) == 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture) == 0,
    };

    private static StringBuilder Indent(StringBuilder sb, int indent) => sb.Append(' ', 2 * indent);

    private static void WriteValue(StringBuilder sb, FieldDescriptor field, object value, int indent)
    {
        Indent(sb, indent).Append(field.Name);
        switch (field.FieldType)
        {
            case FieldType.Message or FieldType.Group:
                sb.Append(" {\n");
                WriteMessage(sb, (IMessage)value, indent + 1);
                Indent(sb, indent).Append("}\n");
                return;
            case FieldType.Enum:
                var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                sb.Append(": ").Append(field.EnumType.FindValueByNumber(number)?.Name ?? number.ToString(CultureInfo.InvariantCulture)).Append('\n');
                return;
            case FieldType.String:
                sb.Append(": \"").Append(Escape(Encoding.UTF8.GetBytes((string)value))).Append("\"\n");
                return;
            case FieldType.Bytes:
                sb.Append(": \"").Append(Escape(((ByteString)value).Span)).Append("\"\n");
                return;
            case FieldType.Bool:
                sb.Append(": ").Append((bool)value ? "true" : "false").Append('\n');
                return;
            default:
                sb.Append(": ").Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                return;
        }
    }

    /// <summary>C escaping as protobuf's <c>CEscape</c>: printable ASCII as is, <c>\n \r \t \" \' \\</c>, everything else as three octal digits.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\'': sb.Append("\\'"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                default:
                    if (b is >= 0x20 and < 0x7f)
                    {
                        sb.Append((char)b);
                    }
                    else
                    {
                        sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    }
                    break;
            }
        }
        return sb.ToString();
    }
}
