using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary>What STF cannot check: the l2-switch's learning digests (one per packet from an unknown source, with its MAC and
/// ingress port; none once the controller has learnt the address).</summary>
public sealed class ExampleDigestTests
{
    private static readonly byte[] H1ToH2 = Convert.FromHexString("00000000000200000000000108004500001c00010000401100000a0000010a000002");
    private static readonly byte[] H2ToH1 = Convert.FromHexString("00000000000100000000000208004500001c00010000401100000a0000020a000001");

    [Fact]
    public void L2_switch_reports_unknown_sources_by_digest_and_stops_once_they_are_learnt()
    {
        using var sw = P4Switch.Load(ExampleStfTests.Compile(Path.Combine(ExampleStfTests.ExamplesDir, "l2-switch", "l2_switch.p4")));
        sw.Replication.SetMulticastGroup(1, [new Replica(1, 1), new Replica(2, 2), new Replica(3, 3), new Replica(4, 4)]);
        var digest = sw.Layout.Digests.Should().ContainSingle().Subject.Name;

        sw.Inject(1, H1ToH2).Outputs.Select(o => o.Port).Should().BeEquivalentTo([2, 3, 4]);
        var first = sw.Control.DrainDigests(digest).Should().ContainSingle().Subject;
        first.Fields["srcAddr"].Should().Be(1);
        first.Fields["ingress_port"].Should().Be(1);

        sw.Control.AddEntry(new TableEntry("smac", [new FieldMatch.Exact(1)], "NoAction", []));
        sw.Control.AddEntry(new TableEntry("dmac", [new FieldMatch.Exact(1)], "forward", [1]));
        sw.Inject(1, H1ToH2);
        sw.Control.DrainDigests(digest).Should().BeEmpty("h1 is learnt");

        sw.Inject(2, H2ToH1).Outputs.Select(o => o.Port).Should().Equal([1]);
        var second = sw.Control.DrainDigests(digest).Should().ContainSingle().Subject;
        second.Fields["srcAddr"].Should().Be(2);
        second.Fields["ingress_port"].Should().Be(2);
    }
}
