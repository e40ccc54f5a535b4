using P4Bpf.EbpfGen.Layout;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

public sealed class MultiKeyTests
{
    private static PipelineRunner Compile(IrProgram program)
    {
        var result = EbpfCodeGenerator.Generate(program);
        result.Errors.Should().BeEmpty();
        return new PipelineRunner(result);
    }

    private static long? Port(PipelineRunner run, byte[] packet)
    {
        var (verdict, _) = run.Run("xdp_prog", packet);
        return verdict == (ulong)XdpModel.XdpTx ? (long)run.StateField(XdpModel.OutputSlot, "output_port") : null;
    }

    [Fact]
    public void ExactPlusLpm_UsesAnLpmTrieWithTheExactFieldFirst()
    {
        using var run = Compile(MultiKeyPrograms.Router(MatchKind.Exact, MatchKind.Lpm));
        var t = run.Layout.Table("fwd");
        t.Kind.Should().Be(TableKind.Lpm);
        t.Key.Select(k => (k.Name, k.Offset)).Should().Equal(("proto", 4), ("dst", 5));
        t.LpmPrefixBase.Should().Be(8);
        run.AddEntry("fwd", [new ExactMatch(6), new LpmMatch(0x0a000000, 8)], "set_port", [1]);
        run.AddEntry("fwd", [new ExactMatch(6), new LpmMatch(0x0a010000, 16)], "set_port", [2]);
        run.AddEntry("fwd", [new ExactMatch(17), new LpmMatch(0x0a000000, 8)], "set_port", [3]);
        Port(run, Ipv4Packet(0x0a010101, protocol: 6)).Should().Be(2);
        Port(run, Ipv4Packet(0x0a020101, protocol: 6)).Should().Be(1);
        Port(run, Ipv4Packet(0x0a010101, protocol: 17)).Should().Be(3);
        Port(run, Ipv4Packet(0x0a010101, protocol: 1)).Should().BeNull();
    }

    [Fact]
    public void OptionalTernaryRange_CombineInTheTupleSpaceSearch()
    {
        using var run = Compile(MultiKeyPrograms.Router(MatchKind.Optional, MatchKind.Ternary, MatchKind.Range));
        var t = run.Layout.Table("fwd");
        t.Kind.Should().Be(TableKind.Ternary);
        t.Key.Select(k => k.Match).Should().Equal("optional", "ternary", "range");
        run.AddEntry("fwd", [new OptionalMatch(6), new TernaryMatch(0, 0), new RangeMatch(0, 255)], "set_port", [1], priority: 1);
        run.AddEntry("fwd", [new OptionalMatch(null), new TernaryMatch(0x0a000000, 0xff000000), new RangeMatch(10, 20)], "set_port", [2], priority: 5);
        run.AddEntry("fwd", [new OptionalMatch(17), new TernaryMatch(0x0a000001, 0xffffffff), new RangeMatch(0, 255)], "set_port", [3], priority: 9);
        Port(run, Ipv4Packet(0x0b000001, src: 0x01020305, protocol: 6)).Should().Be(1);
        Port(run, Ipv4Packet(0x0a000001, src: 0x0102030f, protocol: 6)).Should().Be(2);
        Port(run, Ipv4Packet(0x0a000001, src: 0x01020315, protocol: 6)).Should().Be(1);
        Port(run, Ipv4Packet(0x0a000001, src: 0x01020315, protocol: 17)).Should().Be(3);
        Port(run, Ipv4Packet(0x0a000002, src: 0x0102030a, protocol: 1)).Should().Be(2);
        Port(run, Ipv4Packet(0x0a000002, src: 0x01020309, protocol: 1)).Should().BeNull();
    }

    [Fact]
    public void TooManyMasks_IsAControlPlaneError()
    {
        using var run = Compile(MultiKeyPrograms.Router(MatchKind.Ternary, MatchKind.Ternary));
        var masks = run.Layout.Table("fwd").MaxMasks;
        for (var i = 0; i < masks; i++)
        {
            run.AddEntry("fwd", [new TernaryMatch(0, 0), new TernaryMatch(0, 1L << i)], "set_port", [1], priority: 1);
        }
        var act = () => run.AddEntry("fwd", [new TernaryMatch(0, 0), new TernaryMatch(0, 1L << masks)], "set_port", [1], priority: 1);
        act.Should().Throw<InvalidOperationException>().WithMessage("*masks*");
    }

    [Fact]
    public void RangeToPrefixes_IsMinimal()
    {
        TableEntryEncoder.RangeToPrefixes(0, 255, 8).Should().Equal((0, 0));
        TableEntryEncoder.RangeToPrefixes(1, 254, 8).Should().HaveCount(14);
        TableEntryEncoder.RangeToPrefixes(5, 5, 8).Should().Equal((5, 255));
        TableEntryEncoder.RangeToPrefixes(4, 7, 8).Should().Equal((4, 0xfc));
    }
}
