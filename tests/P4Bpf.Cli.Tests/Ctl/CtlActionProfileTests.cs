using System.CommandLine;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Switch;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Ctl;

/// <summary><c>ctl member …</c>, <c>ctl group …</c> and <c>ctl table-add --member/--group</c> against a real P4Runtime server on
/// loopback running the ECMP test program (selector <c>ecmp</c> on table <c>route</c>, profile <c>tagger</c> on table <c>tag</c>).</summary>
public sealed class CtlActionProfileTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-ctl-ap-").FullName;
    private P4RuntimeServer? _server;
    private P4Switch? _switch;
    private ulong _election = 10;

    private static string Ecmp => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.P4Runtime.Tests", "data", "ecmp.p4");

    public async ValueTask InitializeAsync()
    {
        var core = new P4RuntimeCore(new P4RuntimeCoreOptions
        {
            DeviceIds = [1],
            DeviceFactory = SwitchDevice.Factory(new SwitchOptions { CpuPort = 64 }, sw => _switch = sw),
        });
        _server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0", DetailedErrors = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server.Core.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Runs <c>p4bpf ctl</c> in-process (each call a new controller with a higher election id, so it is the primary).</summary>
    private (int Code, string Output) Ctl(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Program.CreateRootCommand()
            .Parse(["ctl", "--addr", _server!.Address, "--election-id", (_election++).ToString(System.Globalization.CultureInfo.InvariantCulture), .. args])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString());
    }

    private string Ok(params string[] args)
    {
        var (code, output) = Ctl(args);
        code.Should().Be(0, $"ctl {string.Join(' ', args)} succeeds");
        return output;
    }

    /// <summary>An IPv4/UDP frame from 192.168.7.<paramref name="src"/> to 10.1.2.3; returns (port, DSCP byte) of the one copy that leaves.</summary>
    private (int Port, byte Dscp) Forward(byte src, byte protocol = 17)
    {
        var p = new byte[64];
        byte[] header = [0x45, 0, 0, 50, 0, 1, 0, 0, 64, protocol, 0, 0, 192, 168, 7, src, 10, 1, 2, 3];
        p[12] = 0x08;
        header.CopyTo(p, 14);
        var output = _switch!.Inject(1, p).Outputs.Should().ContainSingle().Subject;
        return (output.Port, output.Data[15]);
    }

    private void SetPipeline()
    {
        Program.CreateRootCommand().Parse(["compile", Ecmp, "-o", _dir]).Invoke().Should().Be(0);
        Ok("set-pipeline", "--p4info", Path.Combine(_dir, "ecmp.p4info.txtpb"), "--object", Path.Combine(_dir, "ecmp.o"));
    }

    [Fact]
    public void One_shot_action_sets_are_written_and_read_back_in_the_same_form()
    {
        SetPipeline();
        Ok("table-add", "route", "-m", "hdr.ipv4.dstAddr=10.0.0.0/8",
            "--one-shot", "set_nexthop(port=2, dmac=0x020000000002)*2", "--one-shot", "set_nexthop(port=3,dmac=0x020000000003)");
        var line = Ok("table-read", "route").Split('\n')[0];
        line.Should().Be("MyIngress.route hdr.ipv4.dstAddr=0x0a000000/8 -> one-shot {MyIngress.set_nexthop(port=0x02, dmac=0x020000000002)*2, MyIngress.set_nexthop(port=0x03, dmac=0x020000000003)*1}");
        Enumerable.Range(1, 32).Select(s => Forward((byte)s).Port).Distinct().Order().Should().Equal([2, 3]);
        Ctl("table-add", "route", "-m", "hdr.ipv4.dstAddr=11.0.0.0/8", "--one-shot", "set_nexthop(port=2)*0").Code.Should().Be(1, "a weight is positive");
        Ctl("table-add", "route", "-m", "hdr.ipv4.dstAddr=11.0.0.0/8", "--one-shot", "drop()", "--group", "1").Code.Should().Be(1, "one kind of action per entry");
        Ctl("member", "add", "ecmp", "1", "drop").Code.Should().Be(1, "the selector is programmed with one-shot sets");
    }

    [Fact]
    public void Members_groups_and_entries_that_use_them_are_written_read_and_deleted()
    {
        SetPipeline();

        Ok("member", "add", "ecmp", "1", "set_nexthop", "port=2", "dmac=0x020000000002").Should().Be("ok\n");
        Ok("member", "add", "ecmp", "2", "set_nexthop", "port=3", "dmac=0x020000000003");
        Ok("member", "add", "tagger", "5", "set_dscp", "dscp=0x2e");
        Ok("group", "add", "ecmp", "10", "1", "2:3");
        Ok("table-add", "route", "-m", "hdr.ipv4.dstAddr=10.0.0.0/8", "--group", "10");
        Ok("table-add", "tag", "-m", "hdr.ipv4.protocol=17", "--member", "5");

        Ok("table-read", "route").Should().Be("MyIngress.route hdr.ipv4.dstAddr=0x0a000000/8 -> group 10\n1 entries\n");
        Ok("table-read", "tag").Should().Be("MyIngress.tag hdr.ipv4.protocol=0x11 -> member 5\n1 entries\n");
        Ok("member", "read", "ecmp").Should().Be(
            "MyIngress.ecmp member 1 -> MyIngress.set_nexthop(port=0x02, dmac=0x020000000002)\n" +
            "MyIngress.ecmp member 2 -> MyIngress.set_nexthop(port=0x03, dmac=0x020000000003)\n2 members\n");
        Ok("member", "read").Should().Contain("MyIngress.tagger member 5 -> MyIngress.set_dscp(dscp=0x2e)\n").And.EndWith("3 members\n");
        Ok("member", "read", "tagger", "5").Should().Be("MyIngress.tagger member 5 -> MyIngress.set_dscp(dscp=0x2e)\n1 members\n");
        Ok("group", "read", "ecmp").Should().Be("MyIngress.ecmp group 10: 1:1 2:3\n1 groups\n");

        var ports = Enumerable.Range(1, 32).Select(s => Forward((byte)s)).ToList();
        ports.Select(p => p.Port).Distinct().Order().Should().Equal([2, 3], "the group spreads flows over both members");
        ports.Should().AllSatisfy(p => p.Dscp.Should().Be(0x2e, "the tag entry runs member 5"));

        // Modify: member 2 now leaves on port 4, and the group holds only member 2.
        Ok("member", "modify", "ecmp", "2", "set_nexthop", "port=4", "dmac=0x020000000004");
        Ok("group", "modify", "ecmp", "10", "2");
        Enumerable.Range(1, 16).Select(s => Forward((byte)s).Port).Distinct().Should().Equal([4]);
        Ok("group", "read", "ecmp", "10").Should().Be("MyIngress.ecmp group 10: 2:1\n1 groups\n");
        Ok("table-modify", "route", "-m", "hdr.ipv4.dstAddr=10.0.0.0/8", "--member", "1");
        Ok("table-read", "route").Should().Contain("-> member 1");
        Forward(9).Port.Should().Be(2);

        // Errors: a duplicate member, a bad weight, an action together with --group, unknown ids.
        Ctl("member", "add", "ecmp", "1", "set_nexthop", "port=2", "dmac=0x1").Code.Should().Be(1, "member 1 exists");
        Ctl("group", "add", "ecmp", "11", "1:0").Code.Should().Be(1, "a weight is positive");
        Ctl("group", "add", "ecmp", "11", "x").Code.Should().Be(1);
        Ctl("table-add", "route", "-m", "hdr.ipv4.dstAddr=11.0.0.0/8", "--group", "10", "drop").Code.Should().Be(1, "an entry runs a group or an action, not both");
        Ctl("table-add", "route", "-m", "hdr.ipv4.dstAddr=11.0.0.0/8", "--group", "99").Code.Should().Be(1, "group 99 does not exist");
        Ctl("member", "read", "ecmp", "99").Code.Should().Be(1);
        Ctl("member", "add", "nope", "1", "drop").Code.Should().Be(1, "no such profile");
        Ctl("member", "delete", "ecmp", "2").Code.Should().Be(1, "group 10 still holds member 2");

        // Delete in dependency order.
        Ok("table-delete", "route", "-m", "hdr.ipv4.dstAddr=10.0.0.0/8");
        Ok("group", "delete", "ecmp", "10");
        Ok("member", "delete", "ecmp", "2");
        Ok("group", "read").Should().Be("0 groups\n");
        Ok("member", "read", "ecmp").Should().Be("MyIngress.ecmp member 1 -> MyIngress.set_nexthop(port=0x02, dmac=0x020000000002)\n1 members\n");
    }
}
