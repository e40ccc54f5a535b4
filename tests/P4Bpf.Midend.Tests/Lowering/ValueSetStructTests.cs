using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>A multi-key select with a value_set of structs: one concatenated key, the value set holds the concatenation.</summary>
public sealed class ValueSetStructTests
{
    private static byte[] Packet(ushort id, byte protocol)
    {
        var p = Ipv4(Ip(10, 0, 0, 2), protocol: protocol);
        p[18] = (byte)(id >> 8);
        p[19] = (byte)id;
        return p;
    }

    private static byte Mark(EbpfGen.Tests.Harness.PipelineRunner run, byte[] packet)
    {
        run.Run("ingress", packet);
        return run.Run("egress", packet).Packet[15];
    }

    [Fact]
    public void StructValueSetMatchesTheConcatenation()
    {
        using var run = TestCompiler.Runner("v1_value_set_struct");
        var vs = run.Layout.ValueSets.Should().ContainSingle().Subject;
        vs.Width.Should().Be(24);
        Mark(run, Packet(0x1234, 17)).Should().Be(0, "the value set is empty");
        run.Map(vs.Map).Update(BitConverter.GetBytes(0x1234_11u), [1]);
        Mark(run, Packet(0x1234, 17)).Should().Be(1);
        Mark(run, Packet(0x1234, 6)).Should().Be(0);
        Mark(run, Packet(0x0bad, 6)).Should().Be(2, "the tuple keyset with a wildcard");
    }
}
