using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>for loops over a narrow variable are unrolled into nested ifs.</summary>
public sealed class ForLoopTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(5, 15)]
    [InlineData(7, 28)]
    [InlineData(0x4f, 28)]
    public void DataDependentBound(byte ttl, byte sum)
    {
        using var run = TestCompiler.Runner("v1_for_loop");
        var packet = Ipv4(Ip(10, 0, 0, 2), ttl: ttl);
        run.Run("ingress", packet);
        var output = run.Run("egress", packet).Packet;
        output[15].Should().Be(sum);
        // j steps 0, 3, 6, then wraps to 1, 4, then 7 ends the loop: 0 + 3 + 6 + 1 + 4 = 14.
        output[19].Should().Be(14);
    }
}
