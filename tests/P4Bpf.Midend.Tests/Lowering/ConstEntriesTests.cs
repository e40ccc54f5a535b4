using P4Bpf.Midend.Architectures;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Const entries with a non-const default: the entries are compiled into code, the default lives in the default map.</summary>
public sealed class ConstEntriesTests
{
    private static ulong EgressSpec(EbpfGen.Tests.Harness.PipelineRunner run) => (ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec");

    [Fact]
    public void ConstEntriesMatchInCode_DefaultIsProgrammable()
    {
        using var run = TestCompiler.Runner("v1_const_entries");
        var layout = run.Layout.Table("MyIngress.by_proto");
        layout.Kind.Should().Be(EbpfGen.Layout.TableKind.Const);
        layout.Map.Should().BeNull();
        layout.DefaultMap.Should().NotBeNull();

        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2), ttl: 0x45, protocol: 17));
        EgressSpec(run).Should().Be(3, "the first const entry matches udp with ttl 0x4_");
        var tcp = Ipv4(Ip(10, 0, 0, 2), ttl: 7, protocol: 6);
        run.Run("ingress", tcp);
        EgressSpec(run).Should().Be(4);
        run.Run("egress", tcp).Packet[22].Should().Be(9, "set_ttl_port rewrote the ttl");

        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2), ttl: 0x30, protocol: 17));
        EgressSpec(run).Should().Be(5, "a miss runs the compiled default");
        run.SetDefault("MyIngress.by_proto", "MyIngress.set_port", 8);
        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2), ttl: 0x30, protocol: 17));
        EgressSpec(run).Should().Be(8, "the control plane's default replaces it");
        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2), ttl: 0x41, protocol: 17));
        EgressSpec(run).Should().Be(3, "const entries still win");
    }
}
