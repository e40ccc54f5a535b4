using System.Diagnostics;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary>An example controller as its own process (<c>p4bpf demo NAME --connect</c>) against a P4Runtime server over a socket:
/// the l2-switch controller commits its pipeline, installs the flood group, enables the learning digest, and learns from the digest
/// lists the test provokes.</summary>
public sealed class ControllerProcessTests
{
    private static readonly byte[] H1ToH2 = Convert.FromHexString("00000000000200000000000108004500001c00010000401100000a0000010a000002");
    private static readonly byte[] H2ToH1 = Convert.FromHexString("00000000000100000000000208004500001c00010000401100000a0000020a000001");

    [Fact]
    public async Task L2_controller_process_learns_over_the_socket()
    {
        P4Switch? sw = null;
        using var core = new P4RuntimeCore(new P4RuntimeCoreOptions
        {
            DeviceFactory = SwitchDevice.Factory(new SwitchOptions(), s => sw = s),
        });
        await using var server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0" }, TestContext.Current.CancellationToken);
        var address = new Uri(server.Address).Authority;
        var cli = Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "demo", "l2-switch", "--connect", address, "--serve-seconds", "5", "--examples", ExampleStfTests.ExamplesDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // The controller commits the pipeline, creates flood group 1 and enables the digest (its Write comes after the group's).
            (await Eventually(() => sw?.Replication.MulticastGroup(1) is { Count: 4 })).Should().BeTrue("the controller installs the flood group");
            var flood = sw!.Inject(1, H1ToH2);
            flood.Outputs.Select(o => o.Port).Should().BeEquivalentTo([2, 3, 4], "h2 is unknown: flooded, not back to port 1");
            // Digests sent before the controller enabled them are not reported (P4Runtime §16.4): h1 keeps talking until it is learnt.
            (await Eventually(() => sw.Control.ReadEntries("dmac").Count() == 1 || Resend(sw, 1, H1ToH2))).Should().BeTrue("the controller learns h1 from the digest");
            var unicast = sw.Inject(2, H2ToH1);
            unicast.Outputs.Select(o => o.Port).Should().Equal([1], "h1 is known now");
            (await Eventually(() => sw.Control.ReadEntries("dmac").Count() == 2)).Should().BeTrue("the controller learns h2 from the digest");
            sw.Inject(1, H1ToH2).Outputs.Select(o => o.Port).Should().Equal([2], "h2 is known now");
        }
        finally
        {
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.ExitCode.Should().Be(0, await stderr);
        var text = await stdout;
        text.Should().Contain("pipeline committed (v1model)");
        text.Should().Contain("learnt 00:00:00:00:00:01 on port 1");
        text.Should().Contain("learnt 00:00:00:00:00:02 on port 2");
    }

    [Fact]
    public async Task Vxlan_ctl_script_programs_a_running_server()
    {
        P4Switch? sw = null;
        using var core = new P4RuntimeCore(new P4RuntimeCoreOptions { DeviceFactory = SwitchDevice.Factory(new SwitchOptions(), s => sw = s) });
        await using var server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0" }, TestContext.Current.CancellationToken);
        var dir = Path.Combine(ExampleStfTests.ExamplesDir, "vxlan");
        var pipeline = P4Bpf.Cli.Demo.DemoPipeline.Compile(Path.Combine(dir, "vxlan.p4"));
        await using (var client = new P4Bpf.P4Runtime.Client.P4RuntimeClient(server.Address))
        {
            await client.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
            await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig);
        }
        var start = new ProcessStartInfo("bash") { ArgumentList = { Path.Combine(dir, "ctl.sh"), new Uri(server.Address).Authority }, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["P4BPF"] = "dotnet " + Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.WaitForExit(60_000).Should().BeTrue();
        process.ExitCode.Should().Be(0, await stderr);
        (await stdout).Should().Contain("ok");
        var frame = P4Bpf.Cli.Demo.DemoRunner.ReadInputs(Path.Combine(dir, "pcaps")).First(p => p.Port == 1).Record.Data;
        var result = sw!.Inject(1, frame);
        result.Outputs.Should().ContainSingle().Which.Port.Should().Be(2);
        result.Outputs[0].Data.Length.Should().Be(frame.Length + 50, "outer Ethernet, IPv4, UDP and VXLAN");
    }

    /// <summary>Sends the packet again (for <see cref="Eventually"/>); always false.</summary>
    private static bool Resend(P4Switch sw, int port, byte[] packet)
    {
        sw.Inject(port, packet);
        return false;
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
