using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary><c>p4bpf demo</c> as a user runs it: a separate process, the default example, a summary with sensible numbers.</summary>
public sealed class DemoCommandTests
{
    private static string Cli => Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");

    [Fact]
    public void Demo_runs_the_l3_router_by_default_and_prints_a_summary()
    {
        var output = Directory.CreateTempSubdirectory("p4bpf-demo-").FullName;
        try
        {
            var (code, stdout, stderr) = Tooling.Run("dotnet", $"\"{Cli}\" demo --examples \"{ExampleStfTests.ExamplesDir}\" -o \"{output}\"", timeoutMs: 60_000);
            code.Should().Be(0, stderr);
            stdout.Should().Contain("== p4bpf demo: l3-router (v1model) ==");
            stdout.Should().Contain("P4Runtime server listening on http://127.0.0.1:");
            stdout.Should().Contain("packets in:  9  (port 1: 8, port 2: 1)");
            stdout.Should().Contain("packets out: 7  (port 1: 4, port 2: 2, port 3: 1)");
            stdout.Should().Contain("to the controller (packet-in): 3");
            stdout.Should().MatchRegex(@"RouterIngress\.ipv4_lpm\s+4 / 1");
            stdout.Should().Contain("ARP who-has 10.0.1.1 from 10.0.1.10: replied 00:00:00:00:01:01");
            File.Exists(Path.Combine(output, "out-port3.pcap")).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Demo_of_an_unknown_example_fails_with_the_list()
    {
        var (code, _, stderr) = Tooling.Run("dotnet", $"\"{Cli}\" demo no-such --examples \"{ExampleStfTests.ExamplesDir}\"", timeoutMs: 60_000);
        code.Should().NotBe(0);
        stderr.Should().Contain("no example 'no-such'").And.Contain("l3-router");
    }

    [Fact]
    public void Demo_of_the_service_chain_says_why_it_cannot_run_and_how_to_run_the_chain()
    {
        var (code, _, stderr) = Tooling.Run("dotnet", $"\"{Cli}\" demo service-chain --examples \"{ExampleStfTests.ExamplesDir}\"", timeoutMs: 60_000);
        code.Should().NotBe(0);
        stderr.Should().Contain("not supported yet").And.Contain("P4Runtime").And.Contain("service_chain.chain");
    }
}
