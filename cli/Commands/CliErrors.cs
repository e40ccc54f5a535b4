namespace P4Bpf.Cli.Commands;

/// <summary>Turns <see cref="CliException"/> thrown inside a command action into the one-line error and exit code that <c>Program.Main</c> uses.</summary>
/// <remarks>System.CommandLine's default handler would otherwise print a stack trace for exceptions thrown from actions.</remarks>
internal static class CliErrors
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"p4bpf: error: {e.Message}");
            return e.ExitCode;
        }
    }
}
