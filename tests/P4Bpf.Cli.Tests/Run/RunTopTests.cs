using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Run;

/// <summary><c>p4bpf run … --top</c>: the live view of <c>top</c>, read over P4Runtime from the run's own server, printed while it serves (stdout is not a terminal here).</summary>
public sealed class RunTopTests
{
    private static string RouterPath => Path.Combine(Tooling.RepoRoot, "examples", "l3-router", "l3_router.p4");

    [Fact]
    public void Top_shows_frames_of_the_servers_tables_until_the_duration_ends()
    {
        using var run = RunProcess.Start(RouterPath, "--top", "--top-interval", "500ms", "--duration", "4");
        run.WaitForExit(30_000).Should().Be(0, run.Output);
        var output = run.Output;
        output.Should().Contain($"p4bpf top  http://{run.Address}  device 1", "the header of a frame names the server it reads");
        output.Should().Contain("Tables").And.Contain("Counters").And.Contain("Ports");
        output.Should().Contain("1024", "the size of ipv4_lpm, read from the P4Info over P4Runtime");
        output.Should().Contain("interval 0.", "later frames are redrawn every --top-interval with rates");
        output.Should().NotContain("--top:", "the view never lost the server");
    }

    [Fact]
    public void Top_with_tls_is_refused_clearly()
    {
        var cert = Path.Combine(Path.GetTempPath(), $"p4bpf-runtop-{Guid.NewGuid():N}.pem");
        var (exit, _, stderr) = Tooling.Run("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "p4bpf.dll")}\" run \"{RouterPath}\" --top --tls-cert \"{cert}\" --tls-key \"{cert}\"");
        exit.Should().Be(2, stderr);
        stderr.Should().Contain("not supported yet: --top with --tls-cert");
    }
}
