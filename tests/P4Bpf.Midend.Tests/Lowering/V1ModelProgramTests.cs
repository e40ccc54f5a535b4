using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>v1model programs written in P4, compiled end to end; the test plays the harness: ingress, then egress with the deparser.</summary>
public sealed class V1ModelProgramTests
{
    private static ulong EgressSpec(EbpfGen.Tests.Harness.PipelineRunner run) => (ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec");

    [Fact]
    public void L2Forward_SetsEgressSpecOrDrops()
    {
        using var run = TestCompiler.Runner("v1_l2_forward");
        run.AddEntry("MyIngress.dmac", [new ExactMatch(0x001122334455)], "MyIngress.forward", [7]);
        var packet = Ipv4(Ip(10, 0, 0, 2));
        run.Run("ingress", packet);
        EgressSpec(run).Should().Be(7);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "drop").Should().Be(0);
        run.Run("egress", packet).Packet.Should().Equal(packet);

        var other = Ipv4(Ip(10, 0, 0, 2));
        other[5] = 0x56;
        run.Run("ingress", other);
        EgressSpec(run).Should().Be(V1Model.DropPort);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "drop").Should().Be(1);
    }

    [Fact]
    public void LpmRouter_RewritesMacsAndTtl_DropsTtlZeroAndMisses()
    {
        using var run = TestCompiler.Runner("v1_lpm_router");
        run.AddEntry("MyIngress.ipv4_lpm", [new LpmMatch(Ip(10, 0, 0, 0), 8)], "MyIngress.ipv4_forward", [0xaabbccddeeff, 3]);
        var packet = Ipv4(Ip(10, 9, 8, 7), ttl: 64);
        run.Run("ingress", packet);
        EgressSpec(run).Should().Be(3);
        var output = run.Run("egress", packet).Packet;
        var expected = (byte[])packet.Clone();
        byte[] nextHop = [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];
        nextHop.CopyTo(expected, 0);
        DstMac.CopyTo(expected, 6);
        expected[22] = 63;
        output.Should().Equal(expected);

        run.Run("ingress", Ipv4(Ip(10, 9, 8, 7), ttl: 0));
        EgressSpec(run).Should().Be(V1Model.DropPort, "ttl 0 drops before the table");
        run.Run("ingress", Ipv4(Ip(11, 0, 0, 1)));
        EgressSpec(run).Should().Be(V1Model.DropPort, "a miss runs the default drop");
        run.Run("ingress", Arp());
        EgressSpec(run).Should().Be(V1Model.DropPort, "non-IPv4 drops");
    }

    [Fact]
    public void RegisterAndCounter_KeepStateAcrossPackets()
    {
        using var run = TestCompiler.Runner("v1_register_counter");
        TestCompiler.SetStateField(run, V1Model.StandardMetadataSlot, "ingress_port", 0);
        var first = Ipv4(Ip(10, 0, 0, 2), ttl: 40);
        run.Run("ingress", first);
        EgressSpec(run).Should().Be(1);
        run.Run("egress", first).Packet[15].Should().Be(0, "the register starts at zero");
        var second = Ipv4(Ip(10, 0, 0, 2), ttl: 50);
        run.Run("ingress", second);
        run.Run("egress", second).Packet[15].Should().Be(40, "diffserv carries the previous packet's ttl");
        var counter = run.Layout.Counter("MyIngress.port_packets");
        TestCompiler.Cell(run, counter.Map, 0, counter.PacketsOffset ?? 0).Should().Be(2);
        var register = run.Layout.Register("MyIngress.last_ttl");
        TestCompiler.Cell(run, register.Map, 0, size: 1).Should().Be(50);
    }
}

/// <summary>v1model checksum externs (csum16) computed inline, and slice assignment.</summary>
public sealed class V1ModelChecksumTests
{
    private static ushort HeaderChecksum(byte[] p)
    {
        uint sum = 0;
        for (var i = 14; i < 34; i += 2)
        {
            if (i != 24)
            {
                sum += (uint)(p[i] << 8 | p[i + 1]);
            }
        }
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    public static byte[] WithChecksum(byte[] p)
    {
        var c = HeaderChecksum(p);
        p[24] = (byte)(c >> 8);
        p[25] = (byte)c;
        return p;
    }

    [Fact]
    public void VerifyAndUpdateChecksum_MatchAReferenceComputation()
    {
        using var run = TestCompiler.Runner("v1_checksum");
        var packet = WithChecksum(Ipv4(Ip(10, 1, 2, 3), src: Ip(192, 168, 0, 77), ttl: 17, protocol: 6));
        run.Run("ingress", packet);
        run.StateField(V1Model.StandardMetadataSlot, "checksum_error").Should().Be(0);
        var output = run.Run("egress", packet).Packet;
        var expected = (byte[])packet.Clone();
        expected[22] = 16;
        expected[11] = 0xfe;
        output.Should().Equal(WithChecksum(expected));

        var corrupt = (byte[])packet.Clone();
        corrupt[25] ^= 0x01;
        run.Run("ingress", corrupt);
        run.StateField(V1Model.StandardMetadataSlot, "checksum_error").Should().Be(1);
    }
}
