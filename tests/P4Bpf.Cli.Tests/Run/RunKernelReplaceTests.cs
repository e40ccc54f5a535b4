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
    [GeneratedRegex(@"attached \w+ \((?:XDP|TC ingress)\) to \S+ \(port 1; program id ([0-9]+);")]
    private static partial Regex Attached();

    [GeneratedRegex(@"prog/xdp id ([0-9]+)")]
    private static partial Regex XdpProgram();

    private static List<uint> AttachedIds(RunProcess run) => Attached().Matches(run.Output).Select(m => uint.Parse(m.Groups[1].Value)).ToList();

    private static List<uint> XdpIdsOn(string iface) =>
        XdpProgram().Matches(Tooling.Run("ip", $"link show {iface}").Stdout).Select(m => uint.Parse(m.Groups[1].Value)).ToList();

    /// <summary>Which of <paramref name="ours"/> run on a tcx link of <paramref name="iface"/>, from <c>bpftool -j link show</c> (this bpftool's
    /// <c>net show</c> omits tcx and prints the link type as a number, 11, without the interface; restricting to our ids keeps other links out).</summary>
    private static List<uint> TcxIdsOn(string iface, IReadOnlyCollection<uint> ours)
    {
        var ifindex = int.Parse(File.ReadAllText($"/sys/class/net/{iface}/ifindex").Trim());
        using var links = System.Text.Json.JsonDocument.Parse(Tooling.Run("bpftool", "-j link show").Stdout);
        return links.RootElement.EnumerateArray()
            .Where(l => l.TryGetProperty("type", out var t) && (t.ValueKind == System.Text.Json.JsonValueKind.Number ? t.GetInt32() == 11 : t.GetString() == "tcx"))
            .Where(l => !l.TryGetProperty("ifindex", out var i) || i.GetInt32() == ifindex)
            .Select(l => l.GetProperty("prog_id").GetUInt32()).Where(ours.Contains).ToList();
    }

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

    [Fact]
    public async Task Pushing_a_pipeline_again_swaps_the_tcx_program_in_place()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        var ct = TestContext.Current.CancellationToken;
        using var veth = VethPair.Create(outerInNamespace: false);
        var program = Path.Combine(Tooling.RepoRoot, "examples", "ebpf-filter", "ebpf_filter.p4");
        using var run = RunProcess.Start(program, "--target", "kernel", "--iface", $"1={veth.Outer}", "--duration", "8");
        var first = AttachedIds(run).Should().ContainSingle().Subject;
        TcxIdsOn(veth.Outer, [first]).Should().Equal([first], Tooling.Run("bpftool", "link show").Stdout);

        await using (var client = new P4RuntimeClient(run.Address))
        {
            await client.ConnectAsync(cancellationToken: ct);
            var config = await client.GetPipelineAsync();
            await client.SetPipelineAsync(config!.P4Info, config.P4DeviceConfig.ToByteArray(),
                action: SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit);
            var ids = AttachedIds(run);
            ids.Should().HaveCount(2, run.Output).And.OnlyHaveUniqueItems();
            TcxIdsOn(veth.Outer, ids).Should().Equal([ids[^1]], "one tcx program is on the ingress: the new one");

            // UDP to a port no service allows: the swapped-in filter rejects it and counts it in verdicts[2].
            using var peer = RawSocketPort.OpenInNamespace(2, veth.Inner, veth.Namespace);
            peer.Send(Frame(1));
            peer.Send(Frame(2));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
            long rejected = 0;
            while (DateTime.UtcNow < deadline && rejected < 2)
            {
                await Task.Delay(50, ct);
                rejected = (await client.ReadCounterAsync("verdicts", 2)).Single().Data.PacketCount;
            }
            rejected.Should().Be(2);
        }

        run.WaitForExit(15_000).Should().Be(0, run.Output);
        TcxIdsOn(veth.Outer, AttachedIds(run)).Should().BeEmpty("the program is detached on exit");
    }
}
