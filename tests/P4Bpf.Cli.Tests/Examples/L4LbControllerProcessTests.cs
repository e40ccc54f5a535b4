using System.Diagnostics;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary>The l4-lb controller as its own process (<c>p4bpf demo l4-lb --connect</c>) against a P4Runtime server over a socket:
/// it writes the selector members, the group and the VIP entry; the sample traffic then spreads over the backends, and the
/// controller's flow log (digests) sees every flow stay on one backend.</summary>
public sealed class L4LbControllerProcessTests
{
    [Fact]
    public async Task L4lb_controller_process_programs_the_selector_over_the_socket()
    {
        P4Switch? sw = null;
        using var core = new P4RuntimeCore(new P4RuntimeCoreOptions { DeviceFactory = SwitchDevice.Factory(new SwitchOptions(), s => sw = s) });
        await using var server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0" }, TestContext.Current.CancellationToken);
        var cli = Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "demo", "l4-lb", "--connect", new Uri(server.Address).Authority, "--serve-seconds", "5", "--examples", ExampleStfTests.ExamplesDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var perPort = new Dictionary<int, int>();
        try
        {
            (await Eventually(() => sw?.Control.ReadEntries("lb").Count() == 1)).Should().BeTrue("the controller inserts the VIP entry");
            sw!.Control.ReadMembers("backends").Should().HaveCount(3);
            sw.Control.ReadGroups("backends").Should().ContainSingle().Which.Value.Should().Equal([1u, 2u, 3u]);
            foreach (var (port, record) in P4Bpf.Cli.Demo.DemoRunner.ReadInputs(Path.Combine(ExampleStfTests.ExamplesDir, "l4-lb", "pcaps")))
            {
                foreach (var o in sw.Inject(port, record.Data).Outputs)
                {
                    perPort[o.Port] = perPort.GetValueOrDefault(o.Port) + 1;
                }
            }
        }
        finally
        {
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.ExitCode.Should().Be(0, await stderr);
        perPort.Should().BeEquivalentTo(new Dictionary<int, int> { [2] = 11, [3] = 11, [4] = 6 }, "the flows' CRC32 mod 3 (make-pcaps.py) picks the backends");
        var text = await stdout;
        text.Should().Contain("backend 00:00:00:00:0b:01 (port 2): 11 packets, 8 flows");
        text.Should().Contain("backend 00:00:00:00:0b:03 (port 4): 6 packets, 6 flows");
        text.Should().Contain("flow log: 28 packets in 24 flows; 4 flows sent more than one packet, each stayed on its backend");
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return condition();
    }
}
