using System.CommandLine;

namespace P4Bpf.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public void Help_lists_every_registered_subcommand()
    {
        var root = Program.CreateRootCommand();
        var output = new StringWriter();
        var result = root.Parse(["--help"]);
        result.InvocationConfiguration.Output = output;
        result.Invoke().Should().Be(0);
        root.Subcommands.Should().NotBeEmpty();
        foreach (var command in root.Subcommands)
        {
            output.ToString().Should().Contain(command.Name);
        }
    }

    [Fact]
    public void Unknown_subcommand_fails()
    {
        var result = Program.CreateRootCommand().Parse(["no-such-command"]);
        result.Errors.Should().NotBeEmpty();
    }
}
