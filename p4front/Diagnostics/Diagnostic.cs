using System.Globalization;

namespace P4Bpf.Front.Diagnostics;

/// <summary>One user-facing error or warning: a code, a location and the message arguments.</summary>
public sealed class Diagnostic
{
    public Diagnostic(ErrorCode code, Location location, params object[] arguments)
    {
        Code = code;
        Location = location;
        Arguments = arguments;
    }

    public ErrorCode Code { get; }

    public Location Location { get; }

    public IReadOnlyList<object> Arguments { get; }

    public DiagnosticSeverity Severity => DiagnosticMessages.GetSeverity(Code);

    /// <summary>The stable public id, e.g. <c>P4E2001</c>.</summary>
    public string Id => DiagnosticMessages.GetId(Code);

    public string Message
    {
        get
        {
            var format = DiagnosticMessages.GetFormat(Code);
            try
            {
                return string.Format(CultureInfo.InvariantCulture, format, Arguments.ToArray());
            }
            catch (FormatException)
            {
                return format;
            }
        }
    }

    /// <summary>The first line of the rendered form: <c>file.p4(12,5): error P4E2001: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity.ToString().ToLowerInvariant();
        return Location.IsNone ? $"{Location.FilePath}: {severity} {Id}: {Message}" : $"{Location}: {severity} {Id}: {Message}";
    }
}
