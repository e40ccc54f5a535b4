using System.Diagnostics;

namespace P4Bpf.Cli.Graphs;

/// <summary>Turns DOT text into SVG or PNG with Graphviz's <c>dot</c> (Debian package <c>graphviz</c>).</summary>
internal static class GraphRenderer
{
    public const string MissingDotMessage = "Graphviz 'dot' was not found on PATH (install the 'graphviz' package), or use --format dot";

    /// <summary>The path of the <c>dot</c> executable, or null when Graphviz is not installed.</summary>
    public static string? FindDot()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(dir, "dot");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Renders <paramref name="dot"/> to <paramref name="outputPath"/> in <paramref name="format"/> (<c>svg</c> or <c>png</c>); throws <see cref="CliException"/> with dot's message on failure.</summary>
    public static void Render(string dot, string format, string outputPath)
    {
        if (format is not ("svg" or "png"))
        {
            throw new CliException($"cannot render to '{format}': only svg and png");
        }
        var exe = FindDot() ?? throw new CliException(MissingDotMessage);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-T" + format);
        psi.ArgumentList.Add("-o");
        psi.ArgumentList.Add(outputPath);
        using var process = Process.Start(psi) ?? throw new CliException("could not start " + exe);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new CliException($"dot did not finish rendering {outputPath} in 120 s");
        }
        _ = stdout.Result;
        if (process.ExitCode != 0)
        {
            throw new CliException($"dot failed on {outputPath} (exit {process.ExitCode}): {stderr.Result.Trim()}");
        }
    }
}
