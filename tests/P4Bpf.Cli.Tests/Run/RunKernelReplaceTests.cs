using System.Text.RegularExpressions;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.Runtime.Ports;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Run;

/// <summary><c>p4bpf run --target kernel</c> when a controller pushes a new pipeline: the new program is swapped onto the interface's XDP link
/// (BPF_LINK_UPDATE) instead of a second attach, the old one goes away, and the new pipeline's maps drive the data path.</summary>
public sealed partial class RunKernelReplaceTests
{
    [GeneratedRegex(@"attached xdp_ddos \(XDP\) to \S+ \(port 1; program id ([0-9]+);")]
    private static partial Regex Attached();

    [GeneratedRegex(@"prog/xdp id ([0-9]+)")]
    private static partial Regex XdpProgram();

    private static List<uint> AttachedIds(RunProcess run) => Attached().Matches(run.Output).Select(m => uint.Parse(m.Groups[1].Value)).ToList();

    private static List<uint> XdpIdsOn(string iface) =>
        XdpProgram().Matches(Tooling.Run("ip", $"link show {iface}").Stdout).Select(m => uint.Parse(m.Groups[1].Value)).ToList();

    /// <summary>An Ethernet + IPv4 frame from 10.9.0.<paramref name="mark"/> (blocked below), marked in the source MAC.</summary>
    private static byte[] Frame(byte mark)
    {
        var f = new byte[64];
        byte[] dst = [0x02, 0, 0, 0, 0, 0x01], src = [0x02, 0xaa, 0xbb, 0xcc, 0xdd, mark], from = [10, 9, 0, mark], to = [10, 0, 0, 2];
        dst.CopyTo(f, 0);
        src.CopyTo(f, 6);
        f[12] = 0x08;
        f[14] = 0x45;
        f[17] = 50;
        f[22] = 64;
        f[23] = 17;
        from.CopyTo(f, 26);
        to.CopyTo(f, 30);
        return f;
    }

    [Fact]
    public async Task Pushing_a_pipeline_again_swaps_the_xdp_program_in_place()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var ct = TestContext.Current.CancellationToken;
        using var veth = VethPair.Create(outerInNamespace: false);
        var program = Path.Combine(Tooling.RepoRoot, "examples", "xdp-ddos", "xdp_ddos.p4");
        using var run = RunProcess.Start(program, "--target", "kernel", "--iface", $"1={veth.Outer}", "--duration", "10");
        var first = AttachedIds(run).Should().ContainSingle().Subject;
        XdpIdsOn(veth.Outer).Should().Equal([first]);

        await using (var client = new P4RuntimeClient(run.Address))
        {
            await client.ConnectAsync(cancellationToken: ct);
            var config = await client.GetPipelineAsync();
            config.Should().NotBeNull();
            // Twice: the second push replaces a program that was itself swapped in.
            for (var push = 2; push <= 3; push++)
            {
                await client.SetPipelineAsync(config!.P4Info, config.P4DeviceConfig.ToByteArray(),
                    action: SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit);
                var ids = AttachedIds(run);
                ids.Should().HaveCount(push, run.Output);
                ids.Should().OnlyHaveUniqueItems("each push loads a new program");
                XdpIdsOn(veth.Outer).Should().Equal([ids[^1]], "one XDP program is on the interface: the newest");
            }
            run.Output.Should().NotContain("error");

            // The new pipeline's maps drive the data path: a blocklist entry drops frames and counts them in its slot.
            await client.LoadP4InfoAsync();
            await client.InsertAsync(client.Entry("blocklist", new Dictionary<string, string> { ["hdr.ipv4.srcAddr"] = "10.9.0.0/16" }, "block",
                new Dictionary<string, string> { ["slot"] = "3" }));
            using var peer = RawSocketPort.OpenInNamespace(2, veth.Inner, veth.Namespace);
            peer.Send(Frame(1));
            peer.Send(Frame(2));
            peer.Send(Frame(3));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            long dropped = 0;
            while (DateTime.UtcNow < deadline && dropped < 3)
            {
                await Task.Delay(50, ct);
                dropped = (await client.ReadCounterAsync("dropped", 3)).Single().Data.PacketCount;
            }
            dropped.Should().Be(3, "the swapped-in program runs on the interface and counts the blocked frames");
        }

        run.WaitForExit(15_000).Should().Be(0, run.Output);
        XdpIdsOn(veth.Outer).Should().BeEmpty("the program is detached on exit");
    }
}
