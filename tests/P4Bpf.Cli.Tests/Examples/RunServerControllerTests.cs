using System.Diagnostics;
using System.Text.RegularExpressions;
using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary>One <c>p4bpf run</c> process serving P4Runtime on a loopback socket, shared by the tests of a class (each example's
/// controller commits its own pipeline to it).</summary>
public sealed partial class RunServerProcess : IAsyncLifetime
{
    private Process? _process;
    private readonly List<string> _output = [];

    /// <summary>HOST:PORT the server listens on.</summary>
    public string Address { get; private set; } = "";

    [GeneratedRegex(@"serving P4Runtime on http://([0-9.]+:[0-9]+)")]
    private static partial Regex Serving();

    public async ValueTask InitializeAsync()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");
        var program = Path.Combine(ExampleStfTests.ExamplesDir, "l3-router", "l3_router.p4");
        _process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "run", program, "--grpc-addr", "127.0.0.1:0", "--cpu-port", "255", "--duration", "600" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(deadline - DateTime.UtcNow).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }
            _output.Add(line);
            if (Serving().Match(line) is { Success: true } m)
            {
                Address = m.Groups[1].Value;
                _ = Task.Run(async () =>
                {
                    while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } more)
                    {
                        lock (_output)
                        {
                            _output.Add(more);
                        }
                    }
                });
                return;
            }
        }
        throw new InvalidOperationException($"p4bpf run did not start serving: {string.Join("\n", _output)}\n{await _process.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Each example's controller program (what <c>p4bpf demo NAME --connect</c> runs) programs a <c>p4bpf run</c> process over a real
/// socket: afterwards the server holds exactly the table entries, multicast groups and clone sessions the same controller installs against
/// an in-process server. (<see cref="ControllerProcessTests"/> also runs a controller as its own process.)</summary>
public sealed class RunServerControllerTests(RunServerProcess run) : IClassFixture<RunServerProcess>
{
    public static TheoryData<string> Examples() => [.. ExampleControllers.All.Select(c => c.Example)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Controller_process_programs_p4bpf_run_over_a_socket(string example)
    {
        var log = new StringWriter();
        var report = await DemoRunner.ConnectAsync(Path.Combine(ExampleStfTests.ExamplesDir, example), run.Address, ExampleControllers.Create(example)!, log,
            TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        log.ToString().Should().Contain($"{run.Address}: pipeline committed");
        report.Should().NotBeEmpty();

        await using var client = new P4RuntimeClient(run.Address);
        await client.LoadP4InfoAsync();
        var served = await State(client);
        served.Should().Equal(await ReferenceState(example), "the run server holds what the controller installs in-process");
    }

    /// <summary>What the controller installs, against an in-process server (no traffic).</summary>
    private static async Task<List<string>> ReferenceState(string example)
    {
        var controller = ExampleControllers.Create(example)!;
        using var core = new P4RuntimeCore(new P4RuntimeCoreOptions { DeviceFactory = SwitchDevice.Factory(new SwitchOptions { CpuPort = 255 }) });
        await using var server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0" }, TestContext.Current.CancellationToken);
        var pipeline = DemoPipeline.Compile(DemoPipeline.ProgramOf(Path.Combine(ExampleStfTests.ExamplesDir, example)));
        await using var client = new P4RuntimeClient(server.Address);
        await client.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, cookie: 1);
        await controller.InstallAsync(client);
        return await State(client);
    }

    /// <summary>Every table entry, multicast group and clone session of device 1, rendered and sorted.</summary>
    private static async Task<List<string>> State(P4RuntimeClient client)
    {
        var entities = await client.ReadAsync(
            new Entity { TableEntry = new TableEntry() },
            new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = new MulticastGroupEntry() } },
            new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = new CloneSessionEntry() } });
        return entities.Select(e => e.ToString()).Order(StringComparer.Ordinal).ToList();
    }
}
