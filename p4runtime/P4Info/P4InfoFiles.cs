using Google.Protobuf;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>Reads and writes P4Info files like p4c's <c>--p4runtime-files</c>: the format follows the suffix (<c>.txtpb</c>/<c>.txt</c> text, <c>.json</c>, <c>.bin</c>).</summary>
public static class P4InfoFiles
{
    public const string TextHeader = "# proto-file: p4/config/v1/p4info.proto\n# proto-message: p4.config.v1.P4Info\n\n";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());

    public enum Format
    {
        Text,
        Json,
        Binary,
    }

    /// <summary>The format for a file name, or null for an unknown suffix.</summary>
    public static Format? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txtpb" or ".txt" => Format.Text,
        ".json" => Format.Json,
        ".bin" => Format.Binary,
        _ => null,
    };

    public static byte[] Serialize(IMessage message, Format format) => format switch
    {
        Format.Text => System.Text.Encoding.UTF8.GetBytes((message is P4InfoMessage ? TextHeader : "") + ProtoText.Format(message)),
        Format.Json => System.Text.Encoding.UTF8.GetBytes(Json.Format(message) + "\n"),
        _ => message.ToByteArray(),
    };

    public static void Write(P4InfoMessage info, string path)
    {
        var format = FormatOf(path) ?? throw new ArgumentException($"{path}: unknown P4Info file suffix (use .txtpb, .json or .bin)");
        File.WriteAllBytes(path, Serialize(info, format));
    }

    /// <summary>Reads a P4Info file; a malformed file gives an <see cref="InvalidDataException"/> naming the file and position.</summary>
    public static P4InfoMessage Read(string path) => Parse(File.ReadAllBytes(path), FormatOf(path) ?? Format.Text, path);

    public static P4InfoMessage Parse(byte[] bytes, Format format, string origin = "<p4info>")
    {
        try
        {
            return format switch
            {
                Format.Text => ProtoText.Parse<P4InfoMessage>(System.Text.Encoding.UTF8.GetString(bytes)),
                Format.Json => JsonParser.Default.Parse<P4InfoMessage>(System.Text.Encoding.UTF8.GetString(bytes)),
                _ => P4InfoMessage.Parser.ParseFrom(bytes),
            };
        }
        catch (Exception ex) when (ex is ProtoTextException or InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new InvalidDataException($"{origin}: {ex.Message}", ex);
        }
    }
}
