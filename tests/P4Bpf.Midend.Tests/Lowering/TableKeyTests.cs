using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Table keys whose expressions need statements first (function calls) are computed at each apply.</summary>
public sealed class TableKeyTests
{
    [Fact]
    public void KeyWithFunctionCall()
    {
        using var run = TestCompiler.Runner("v1_key_side_effect");
        run.AddEntry("MyIngress.by_ttl", [new ExactMatch(65)], "MyIngress.set_port", [5]);
        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2), ttl: 64));
        ((ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec")).Should().Be(5, "the key is ttl + 1");
        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2), ttl: 65));
        ((ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec")).Should().Be(1);
    }
}
