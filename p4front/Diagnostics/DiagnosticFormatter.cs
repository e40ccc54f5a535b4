using System.Text;

namespace P4Bpf.Front.Diagnostics;

/// <summary>Renders diagnostics like compilers people know: the header line, the source line, and a caret under the span.</summary>
public static class DiagnosticFormatter
{
    /// <summary>Renders one diagnostic; <paramref name="getSourceLine"/> returns the text of (file, 1-based line) or null.</summary>
    public static string Format(Diagnostic diagnostic, Func<string, int, string?>? getSourceLine)
    {
        var builder = new StringBuilder();
        builder.Append(diagnostic.ToString());
        var location = diagnostic.Location;
        var line = location.IsNone || getSourceLine is null ? null : getSourceLine(location.FilePath, location.Line);
        if (line is not null)
        {
            line = line.TrimEnd('\r', '\n');
            builder.Append('\n').Append(line).Append('\n');
            var column = Math.Clamp(location.Column - 1, 0, line.Length);
            for (var i = 0; i < column; i++)
            {
                builder.Append(line[i] == '\t' ? '\t' : ' ');
            }
            var width = Math.Clamp(location.Span.Length, 1, Math.Max(1, line.Length - column));
            builder.Append('^');
            builder.Append('~', width - 1);
        }
        return builder.ToString();
    }
}
