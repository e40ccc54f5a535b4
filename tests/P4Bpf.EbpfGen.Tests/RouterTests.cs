using System.Numerics;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>xdp_model router compiled and run in our interpreter: exact, lpm, ternary and range tables, defaults, const entries.</summary>
public sealed class RouterTests
{
    private static PipelineRunner Compile(IrProgram program)
    {
        var result = EbpfCodeGenerator.Generate(program);
        result.Errors.Should().BeEmpty();
        return new PipelineRunner(result);
    }

    [Fact]
    public void ExactHit_SetsPortDecrementsTtlAndTransmits()
    {
        using var run = Compile(XdpRouter());
        run.AddEntry("fwd", [new ExactMatch(0x0a000002)], "set_port", [7]);
        var packet = Ipv4Packet(0x0a000002, ttl: 64);
        var (verdict, output) = run.Run("xdp_prog", packet);
        verdict.Should().Be((ulong)XdpModel.XdpTx);
        var expected = (byte[])packet.Clone();
        expected[22] = 63;
        output.Should().Equal(expected);
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(7);
    }

    [Fact]
    public void ExactMiss_RunsCompiledDefaultDrop()
    {
        using var run = Compile(XdpRouter());
        run.AddEntry("fwd", [new ExactMatch(0x0a000002)], "set_port", [7]);
        var (verdict, _) = run.Run("xdp_prog", Ipv4Packet(0x0a000003));
        verdict.Should().Be((ulong)XdpModel.XdpDrop);
    }

    [Fact]
    public void ControlPlaneDefault_OverridesCompiledDefault()
    {
        using var run = Compile(XdpRouter());
        run.SetDefault("fwd", "set_port", 3);
        var (verdict, output) = run.Run("xdp_prog", Ipv4Packet(0x0a000003, ttl: 10));
        verdict.Should().Be((ulong)XdpModel.XdpTx);
        output[22].Should().Be(9);
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(3);
    }

    [Fact]
    public void NonIpv4_Passes_Unchanged()
    {
        using var run = Compile(XdpRouter());
        var packet = Ipv4Packet(0x0a000002);
        packet[12] = 0x86;
        packet[13] = 0xdd;
        var (verdict, output) = run.Run("xdp_prog", packet);
        verdict.Should().Be((ulong)XdpModel.XdpPass);
        output.Should().Equal(packet);
    }

    [Fact]
    public void ShortPacket_IsDroppedByTheParser()
    {
        using var run = Compile(XdpRouter());
        var (verdict, _) = run.Run("xdp_prog", Ipv4Packet(0x0a000002)[..20]);
        verdict.Should().Be((ulong)XdpModel.XdpDrop);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "parser_error").Should().Be(1);
    }

    [Fact]
    public void Lpm_LongestPrefixWins()
    {
        using var run = Compile(XdpRouter(MatchKind.Lpm));
        run.AddEntry("fwd", [new LpmMatch(0x0a000000, 8)], "set_port", [1]);
        run.AddEntry("fwd", [new LpmMatch(0x0a010000, 16)], "set_port", [2]);
        run.AddEntry("fwd", [new LpmMatch(0x0a010200, 24)], "set_port", [3]);
        Port(run, 0x0a010203).Should().Be(3);
        Port(run, 0x0a01ff03).Should().Be(2);
        Port(run, 0x0aff0003).Should().Be(1);
        run.Run("xdp_prog", Ipv4Packet(0x0b000001)).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
    }

    [Fact]
    public void Ternary_HighestPriorityWins()
    {
        using var run = Compile(XdpRouter(MatchKind.Ternary));
        run.AddEntry("fwd", [new TernaryMatch(0x0a000000, 0xff000000)], "set_port", [1], priority: 10);
        run.AddEntry("fwd", [new TernaryMatch(0x00000005, 0x000000ff)], "set_port", [2], priority: 20);
        run.AddEntry("fwd", [new TernaryMatch(0x0a000005, 0xffffffff)], "set_port", [3], priority: 5);
        Port(run, 0x0a000005).Should().Be(2);
        Port(run, 0x0a000006).Should().Be(1);
        Port(run, 0x0b000005).Should().Be(2);
        run.Run("xdp_prog", Ipv4Packet(0x0b000006)).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
    }

    [Fact]
    public void Range_ExpandsIntoPrefixes()
    {
        using var run = Compile(XdpRouter(MatchKind.Range));
        run.AddEntry("fwd", [new RangeMatch(100, 200)], "set_port", [1], priority: 1);
        run.AddEntry("fwd", [new RangeMatch(150, 160)], "set_port", [2], priority: 2);
        Port(run, 100).Should().Be(1);
        Port(run, 149).Should().Be(1);
        Port(run, 150).Should().Be(2);
        Port(run, 160).Should().Be(2);
        Port(run, 161).Should().Be(1);
        Port(run, 200).Should().Be(1);
        run.Run("xdp_prog", Ipv4Packet(201)).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
        run.Run("xdp_prog", Ipv4Packet(99)).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
    }

    [Fact]
    public void ConstEntries_AreCompiledIntoCode()
    {
        var program = XdpRouter(MatchKind.Ternary,
            new DefaultAction("drop_it", IrList<BigInteger>.Empty, true),
            [
                new TableEntry(IrList.Of<KeyMatch>(new TernaryMatch(0x0a000000, 0xff000000)), "set_port", IrList.Of<BigInteger>(4), 1),
                new TableEntry(IrList.Of<KeyMatch>(new ExactMatch(0x0a000009)), "set_port", IrList.Of<BigInteger>(9), 2),
            ],
            entriesConst: true);
        using var run = Compile(program);
        run.Layout.Table("fwd").Kind.Should().Be(Layout.TableKind.Const);
        Port(run, 0x0a000009).Should().Be(9);
        Port(run, 0x0a000001).Should().Be(4);
        run.Run("xdp_prog", Ipv4Packet(0x0b000001)).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
    }

    private static BigInteger Port(PipelineRunner run, uint dst)
    {
        var (verdict, _) = run.Run("xdp_prog", Ipv4Packet(dst));
        verdict.Should().Be((ulong)XdpModel.XdpTx, $"dst {dst:x8} should hit");
        return run.StateField(XdpModel.OutputSlot, "output_port");
    }
}
