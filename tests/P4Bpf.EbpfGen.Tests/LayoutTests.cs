using System.Numerics;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

public sealed class LayoutTests
{
    [Fact]
    public void Manifest_RoundTripsThroughJson()
    {
        var result = EbpfCodeGenerator.Generate(FeaturePrograms.Counters());
        var json = result.Layout!.ToJson();
        var back = LayoutManifest.FromJson(json);
        back.ToJson().Should().Be(json);
        back.Table("fwd").Actions.Select(a => (a.Name, a.Id)).Should().Equal(("set_port", 1), ("drop_it", 2));
        back.State.Slots.Where(s => s.Role == "pipeline").Select(s => s.Name).Should().Equal("$intrinsics", "xdp_input", "xdp_output");
        json.Should().Contain("\"encoding\": \"little-endian\"");
    }

    [Fact]
    public void Manifest_MalformedJsonIsAJsonException()
    {
        var act = () => LayoutManifest.FromJson("{\"program\": 3");
        act.Should().Throw<System.Text.Json.JsonException>();
    }

    [Fact]
    public void NonConstEntries_BecomeInitialWrites()
    {
        var program = XdpRouter(MatchKind.Ternary, entries:
        [
            new TableEntry(IrList.Of<KeyMatch>(new TernaryMatch(0x0a000000, 0xff000000)), "set_port", IrList.Of<BigInteger>(4), 0),
            new TableEntry(IrList.Of<KeyMatch>(new TernaryMatch(0x0a000009, 0xffffffff)), "set_port", IrList.Of<BigInteger>(9), 0),
        ]);
        var result = EbpfCodeGenerator.Generate(program);
        result.Errors.Should().BeEmpty();
        result.Layout!.InitialWrites.Should().HaveCount(4, "two masks and two tuples");
        using var run = new PipelineRunner(result);
        run.Run("xdp_prog", Ipv4Packet(0x0a000009));
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(4, "without priorities the earlier entry wins");
        run.Run("xdp_prog", Ipv4Packet(0x0a000001));
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(4);
    }

    [Fact]
    public void InvalidIr_IsReportedNotThrown()
    {
        var program = XdpRouter();
        var bad = program with { Controls = IrList.Of(new IrControl("ingress", Block.Of(new ApplyTableStmt("missing", null, null))), program.Controls[1]) };
        var result = EbpfCodeGenerator.Generate(bad);
        result.Success.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Code.Should().Be(4101);
    }

    [Fact]
    public void ProgramLayout_DescribesResetAndDropCode()
    {
        var result = EbpfCodeGenerator.Generate(FeaturePrograms.V1Switch());
        result.Layout!.Programs.Select(p => (p.Name, p.Reset, p.DropCode)).Should().Equal(("ingress", "non-pipeline", 1), ("egress", "none", 1));
    }
}
