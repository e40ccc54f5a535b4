using System.Globalization;

namespace P4Bpf.P4Runtime.P4InfoGen;

/// <summary>A P4 annotation on a control-plane object (<c>@id(5)</c>, <c>@brief("...")</c>, <c>@my_note</c>): its name and its body text without parentheses.</summary>
public sealed record P4Annotation(string Name, string? Body = null)
{
    /// <summary>The annotation as p4c writes it into <c>Preamble.annotations</c>: <c>@name(body)</c> or <c>@name</c>.</summary>
    public override string ToString() => Body is null ? "@" + Name : $"@{Name}({Body})";

    /// <summary>The body as a string literal's contents (quotes removed), for <c>@brief</c> and <c>@description</c>.</summary>
    public string StringBody => Body is { Length: >= 2 } b && b[0] == '"' && b[^1] == '"' ? b[1..^1] : Body ?? "";

    /// <summary>The body as an integer (decimal or 0x hex), for <c>@id</c>; null when it is not one.</summary>
    public uint? IntegerBody
    {
        get
        {
            var b = (Body ?? "").Trim();
            if (b.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return uint.TryParse(b[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : null;
            }
            return uint.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
        }
    }
}

/// <summary>What the IR does not carry but P4Info needs: annotations by fully qualified object name and the <c>@controller_header</c> headers.</summary>
/// <remarks>The front end supplies this from the typed tree; an empty instance gives p4c's output for an unannotated program.</remarks>
public sealed record P4InfoExtras
{
    public static readonly P4InfoExtras None = new();

    /// <summary>Annotations by control-plane name (tables, actions, externs, "main" for the package); match fields and params as <c>table/field</c>, <c>action/param</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<P4Annotation>> Annotations { get; init; } = new Dictionary<string, IReadOnlyList<P4Annotation>>();

    /// <summary>Headers annotated <c>@controller_header("packet_in")</c> / <c>("packet_out")</c>, by that name.</summary>
    public IReadOnlyDictionary<string, Midend.Ir.HeaderType> ControllerHeaders { get; init; } = new Dictionary<string, Midend.Ir.HeaderType>();

    public IReadOnlyList<P4Annotation> For(string name) => Annotations.TryGetValue(name, out var a) ? a : [];
}
