using System.Numerics;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Tests.Switch;

public sealed class V1ModelSwitchTests
{
    private static readonly Lazy<CompiledPipeline> Router = new(() => TestPipelines.V1Router());

    private static P4Switch Load() => P4Switch.Load(Router.Value);

    private static TableEntry Fwd(uint dst, string action, params BigInteger[] args) =>
        new("fwd", [new FieldMatch.Exact(dst)], action, args);

    [Fact]
    public void Unicast_forwards_to_egress_spec_and_counts()
    {
        using var sw = Load();
        sw.Control.AddEntry(Fwd(0x0a000002, "set_port", 3));
        var packet = TestPipelines.Ipv4Packet(0x0a000002);
        var result = sw.Inject(0, packet);
        result.Drops.Should().BeEmpty();
        result.Outputs.Should().ContainSingle().Which.Port.Should().Be(3);
        var expected = (byte[])packet.Clone();
        expected[22] = 63;
        result.Outputs[0].Data.Should().Equal(expected);
        sw.Control.ReadCounter("pkts", 0).Should().Be(new CounterValue(1, (ulong)packet.Length));
        sw.Control.ReadRegister("ingress.last", 0).Should().Be(0x0a000001);
    }

    [Fact]
    public void Miss_runs_the_default_action_and_drops_with_a_reason()
    {
        using var sw = Load();
        var result = sw.Inject(0, TestPipelines.Ipv4Packet(0x0a000009), trace: true);
        result.Outputs.Should().BeEmpty();
        result.Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.MarkedToDrop);
        result.Trace!.ToString().Should().Contain("table ingress.fwd: key").And.Contain("miss");
    }

    [Fact]
    public void Set_default_action_changes_the_miss_behaviour_and_reset_restores_it()
    {
        using var sw = Load();
        sw.Control.SetDefaultAction("ingress.fwd", "set_port", [5]);
        sw.Inject(0, TestPipelines.Ipv4Packet(1)).Outputs.Should().ContainSingle().Which.Port.Should().Be(5);
        sw.Control.ReadDefaultAction("fwd").Should().Match<DefaultActionEntry>(d => d.Action == "ingress.set_port" && !d.IsCompiledDefault);
        sw.Control.ResetDefaultAction("fwd");
        sw.Inject(0, TestPipelines.Ipv4Packet(1)).Outputs.Should().BeEmpty();
    }

    [Fact]
    public void Multicast_replicates_with_rid_and_instance_type()
    {
        using var sw = Load();
        sw.Replication.SetMulticastGroup(5, [new Replica(1, 10), new Replica(2, 11)]);
        sw.Control.AddEntry(Fwd(0x0a000002, "set_mcast", 5));
        var result = sw.Inject(0, TestPipelines.Ipv4Packet(0x0a000002));
        result.Outputs.Select(o => o.Port).Should().Equal(1, 2);
        result.Outputs.Select(o => o.Data[15]).Should().Equal(10, 11);
        result.Outputs.Should().OnlyContain(o => o.Data[19] == V1ModelHarness.Replication);
    }

    [Fact]
    public void Multicast_to_an_unknown_group_drops()
    {
        using var sw = Load();
        sw.Control.AddEntry(Fwd(0x0a000002, "set_mcast", 77));
        sw.Inject(0, TestPipelines.Ipv4Packet(0x0a000002)).Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.UnknownMulticastGroup);
    }

    [Fact]
    public void Ingress_clone_sends_the_original_packet_to_the_session_port()
    {
        using var sw = Load();
        sw.Replication.SetCloneSession(new CloneSession(9, [new Replica(4, 0)]));
        sw.Control.AddEntry(Fwd(0x0a000002, "clone_to", 9));
        var packet = TestPipelines.Ipv4Packet(0x0a000002);
        var result = sw.Inject(0, packet);
        result.Outputs.Select(o => o.Port).Should().BeEquivalentTo([4, 1]);
        result.Outputs.Single(o => o.Port == 4).Data.Should().Equal(packet);
    }

    [Fact]
    public void Clone_to_a_missing_session_is_a_drop_of_the_copy_only()
    {
        using var sw = Load();
        sw.Control.AddEntry(Fwd(0x0a000002, "clone_to", 3));
        var result = sw.Inject(0, TestPipelines.Ipv4Packet(0x0a000002));
        result.Outputs.Should().ContainSingle().Which.Port.Should().Be(1);
        result.Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.UnknownCloneSession);
    }

    [Fact]
    public void Resubmit_reruns_ingress_on_the_original_packet()
    {
        using var sw = Load();
        sw.Control.AddEntry(Fwd(0x0a000002, "resub"));
        var result = sw.Inject(0, TestPipelines.Ipv4Packet(0x0a000002), trace: true);
        var o = result.Outputs.Should().ContainSingle().Subject;
        o.Port.Should().Be(2);
        o.Data[19].Should().Be(V1ModelHarness.Resubmit);
        o.Data[22].Should().Be(64, "the resubmitted packet is the original one");
        result.Trace!.ToString().Should().Contain("resubmit");
    }

    [Fact]
    public void Recirculate_feeds_the_deparsed_packet_back_into_ingress()
    {
        using var sw = Load();
        sw.Control.AddEntry(Fwd(0x0a000002, "set_port", 7));
        var result = sw.Inject(0, TestPipelines.Ipv4Packet(0x0a000002));
        var o = result.Outputs.Should().ContainSingle().Subject;
        o.Port.Should().Be(7);
        o.Data[19].Should().Be(V1ModelHarness.Recirculated);
        o.Data[22].Should().Be(255, "egress set ttl 0 before recirculating and set_port decremented it again");
    }

    [Fact]
    public void Non_ipv4_frames_are_dropped_by_mark_to_drop()
    {
        using var sw = Load();
        var frame = TestPipelines.Ipv4Packet(1);
        frame[12] = 0x86;
        frame[13] = 0xdd;
        sw.Inject(0, frame).Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.MarkedToDrop);
    }
}
