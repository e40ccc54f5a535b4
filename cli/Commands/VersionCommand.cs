using System.CommandLine;
using System.Reflection;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf version</c>: prints the tool version and the runtime it runs on.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the p4bpf version and the .NET runtime.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            Console.WriteLine($"p4bpf {version} (.NET {Environment.Version})");
            return 0;
        });
        return command;
    }
}
