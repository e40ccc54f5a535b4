using System.CommandLine;

namespace P4Bpf.Cli;

/// <summary>The <c>p4bpf</c> command: wires the stage libraries together, one subcommand per file.</summary>
public static class Program
{
    /// <summary>Builds the command tree; every subcommand that exists is listed here, in help order.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("p4bpf: a P4_16 to eBPF compiler, eBPF engine and P4Runtime switch.");
        foreach (var command in Commands.CommandList.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    public static int Main(string[] args)
    {
        try
        {
            return CreateRootCommand().Parse(args).Invoke();
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"p4bpf: error: {e.Message}");
            return e.ExitCode;
        }
    }
}
