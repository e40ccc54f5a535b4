namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Controls as constructor arguments of controls: an instance declared beside, and one constructed in place.</summary>
public sealed class ControlArgumentTests
{
    [Fact]
    public void ControlArgumentsAreAppliedWithTheirOwnConstructorArguments()
    {
        var packet = new byte[14 + 2 + 4];
        Packets.DstMac.CopyTo(packet, 0);
        Packets.SrcMac.CopyTo(packet, 6);
        packet[12] = 0x12;
        packet[13] = 0x38;
        packet[14] = 10;
        packet[15] = 20;
        using var run = TestCompiler.Runner("v1_control_ctor_arg");
        run.Run("ingress", packet);
        var output = run.Run("egress", packet).Packet;
        output[14].Should().Be(16, "Twice(add3): x + 3 + 3");
        output[15].Should().Be(30, "Twice(Add(5)): y + 5 + 5");
    }
}
