using MatchKind = P4Bpf.Midend.Ir.MatchKind;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Tests.Switch;

public sealed class ArchitectureSwitchTests
{
    [Fact]
    public void Ebpf_filter_passes_on_hit_and_drops_with_reasons()
    {
        using var sw = P4Switch.Load(TestPipelines.EbpfFilter());
        sw.Control.AddEntry(new TableEntry("allow", [new FieldMatch.Exact(0x0a000002)], "pass", []));
        var packet = TestPipelines.Ipv4Packet(0x0a000002);
        sw.Inject(3, packet).Outputs.Should().ContainSingle().Which.Should().Match<SwitchOutput>(o => o.Port == 3 && o.Data.SequenceEqual(packet));
        sw.Inject(3, TestPipelines.Ipv4Packet(0x0a000003)).Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.FilterRejected);
        var arp = (byte[])packet.Clone();
        arp[13] = 0x06;
        var drop = sw.Inject(3, arp).Drops.Should().ContainSingle().Subject;
        drop.Reason.Should().Be(DropReason.ParserReject);
        drop.Detail.Should().Be("NoMatch");
    }

    [Fact]
    public void Xdp_redirect_rewrites_and_sends_to_output_port()
    {
        using var sw = P4Switch.Load(TestPipelines.XdpRouter(MatchKind.Lpm));
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Lpm(0x0a000000, 8)], "set_port", [6]));
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Lpm(0x0a010000, 16)], "tx", []));
        var r1 = sw.Inject(1, TestPipelines.Ipv4Packet(0x0a020304));
        r1.Outputs.Should().ContainSingle().Which.Port.Should().Be(6);
        r1.Outputs[0].Data[22].Should().Be(63);
        var r2 = sw.Inject(1, TestPipelines.Ipv4Packet(0x0a010304));
        r2.Outputs.Should().ContainSingle().Which.Port.Should().Be(1, "XDP_TX goes back out of the input port");
        sw.Inject(1, TestPipelines.Ipv4Packet(0x0b000001)).Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.XdpDrop);
    }

    [Fact]
    public void Xdp_ternary_entries_respect_priority_and_delete_restores_the_lower_one()
    {
        using var sw = P4Switch.Load(TestPipelines.XdpRouter(MatchKind.Ternary));
        var low = new TableEntry("fwd", [new FieldMatch.Ternary(0x0a000000, 0xff000000)], "set_port", [2], Priority: 1);
        var high = new TableEntry("fwd", [new FieldMatch.Ternary(0x0a000005, 0xff0000ff)], "set_port", [3], Priority: 10);
        sw.Control.AddEntry(low);
        sw.Control.AddEntry(high);
        sw.Inject(0, TestPipelines.Ipv4Packet(0x0a010105)).Outputs.Single().Port.Should().Be(3);
        sw.Inject(0, TestPipelines.Ipv4Packet(0x0a010106)).Outputs.Single().Port.Should().Be(2);
        sw.Control.ReadEntries("fwd").Should().HaveCount(2);
        sw.Control.DeleteEntry(high);
        sw.Inject(0, TestPipelines.Ipv4Packet(0x0a010105)).Outputs.Single().Port.Should().Be(2);
        sw.Control.ModifyEntry(low with { Args = [9] });
        sw.Inject(0, TestPipelines.Ipv4Packet(0x0a010105)).Outputs.Single().Port.Should().Be(9);
    }

    [Fact]
    public void Xdp_range_and_optional_keys_match()
    {
        using var sw = P4Switch.Load(TestPipelines.XdpRouter(MatchKind.Range));
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Range(10, 20)], "set_port", [4], Priority: 5));
        sw.Inject(0, TestPipelines.Ipv4Packet(15)).Outputs.Single().Port.Should().Be(4);
        sw.Inject(0, TestPipelines.Ipv4Packet(21)).Outputs.Should().BeEmpty();
        using var opt = P4Switch.Load(TestPipelines.XdpRouter(MatchKind.Optional));
        opt.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Optional(null)], "set_port", [8], Priority: 1));
        opt.Inject(0, TestPipelines.Ipv4Packet(12345)).Outputs.Single().Port.Should().Be(8);
    }

    [Fact]
    public void Control_errors_are_typed_and_change_nothing()
    {
        using var sw = P4Switch.Load(TestPipelines.XdpRouter());
        var entry = new TableEntry("fwd", [new FieldMatch.Exact(1)], "set_port", [2]);
        sw.Control.AddEntry(entry);
        FluentActions.Invoking(() => sw.Control.AddEntry(entry)).Should().Throw<ControlException>().Which.Code.Should().Be(ControlErrorCode.AlreadyExists);
        FluentActions.Invoking(() => sw.Control.AddEntry(entry with { Keys = [new FieldMatch.Exact(1L << 40)] })).Should().Throw<ControlException>().Which.Code.Should().Be(ControlErrorCode.OutOfRange);
        FluentActions.Invoking(() => sw.Control.AddEntry(entry with { Keys = [new FieldMatch.Exact(5)], Action = "nope" })).Should().Throw<ControlException>().Which.Code.Should().Be(ControlErrorCode.NotFound);
        FluentActions.Invoking(() => sw.Control.AddEntry(entry with { Keys = [new FieldMatch.Exact(2)], Args = [] })).Should().Throw<ControlException>().Which.Code.Should().Be(ControlErrorCode.InvalidArgument);
        FluentActions.Invoking(() => sw.Control.DeleteEntry(entry with { Keys = [new FieldMatch.Exact(3)] })).Should().Throw<ControlException>().Which.Code.Should().Be(ControlErrorCode.NotFound);
        sw.Control.ReadEntries("fwd").Should().ContainSingle().Which.Should().BeEquivalentTo(entry);
    }

    [Fact]
    public void Psa_unicast_multicast_clone_and_default_drop()
    {
        using var sw = P4Switch.Load(TestPipelines.PsaRouter());
        sw.Inject(0, TestPipelines.Ipv4Packet(1)).Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.MarkedToDrop, "PSA ingress drops by default");
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(2)], "send", [5]));
        var uni = sw.Inject(0, TestPipelines.Ipv4Packet(2)).Outputs.Should().ContainSingle().Subject;
        uni.Port.Should().Be(5);
        uni.Data[22].Should().Be(63);
        uni.Data[19].Should().Be(PsaHarness.NormalUnicast);
        sw.Replication.SetMulticastGroup(3, [new Replica(1, 7), new Replica(2, 8)]);
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(3)], "mcast", [3]));
        var mc = sw.Inject(0, TestPipelines.Ipv4Packet(3)).Outputs;
        mc.Select(o => (o.Port, o.Data[15], o.Data[19])).Should().Equal((1, (byte)7, (byte)PsaHarness.NormalMulticast), (2, (byte)8, (byte)PsaHarness.NormalMulticast));
        sw.Replication.SetCloneSession(new CloneSession(4, [new Replica(9, 1)]));
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(4)], "clone_to", [4]));
        var cl = sw.Inject(0, TestPipelines.Ipv4Packet(4)).Outputs;
        cl.Select(o => o.Port).Should().BeEquivalentTo([9, 1]);
        cl.Single(o => o.Port == 9).Data[19].Should().Be(PsaHarness.CloneI2E);
    }

    [Fact]
    public void Psa_recirculation_comes_back_with_the_recirculate_path()
    {
        using var sw = P4Switch.Load(TestPipelines.PsaRouter());
        sw.Control.AddEntry(new TableEntry("fwd", [new FieldMatch.Exact(2)], "send", [PsaHarness.PortRecirculate]));
        var o = sw.Inject(0, TestPipelines.Ipv4Packet(2)).Outputs.Should().ContainSingle().Subject;
        o.Port.Should().Be(4);
        o.Data[19].Should().Be(PsaHarness.NormalUnicast);
    }
}
