using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>A PSA program written in P4, compiled end to end: the ingress program's output metadata and deparsed packet (InternetChecksum inline).</summary>
public sealed class PsaProgramTests
{
    [Fact]
    public void Forward_SendsToPortOrDrops()
    {
        using var run = TestCompiler.Runner("psa_forward");
        run.AddEntry("ingress.route", [new ExactMatch(Ip(10, 0, 0, 2))], "ingress.fwd", [5]);
        var packet = Ipv4(Ip(10, 0, 0, 2));
        TestCompiler.SetStateField(run, PsaModel.IngressOutputSlot, "drop", 1);
        var (_, output) = run.Run("ingress", packet);
        var expected = (byte[])packet.Clone();
        expected[22] = 63;
        output.Should().Equal(V1ModelChecksumTests.WithChecksum(expected), "the deparser decrements ttl and recomputes the checksum");
        run.StateField(PsaModel.IngressOutputSlot, "drop").Should().Be(0);
        run.StateField(PsaModel.IngressOutputSlot, "egress_port").Should().Be(5);

        TestCompiler.SetStateField(run, PsaModel.IngressOutputSlot, "drop", 0);
        run.Run("ingress", Ipv4(Ip(10, 0, 0, 3)));
        run.StateField(PsaModel.IngressOutputSlot, "drop").Should().Be(1, "a miss runs ingress_drop");
    }
}
