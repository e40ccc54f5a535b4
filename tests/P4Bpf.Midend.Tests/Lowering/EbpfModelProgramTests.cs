using System.Numerics;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>ebpf_model programs written in P4, compiled end to end and run in the interpreter on real packets (TC verdicts).</summary>
public sealed class EbpfModelProgramTests
{
    private const ulong Ok = EbpfModel.TcActOk;
    private const ulong Shot = EbpfModel.TcActShot;

    [Fact]
    public void ExactFilter_AcceptsOnlyInstalledSources()
    {
        using var run = TestCompiler.Runner("ebpf_exact_filter");
        run.AddEntry("pipe.check_src", [new ExactMatch(Ip(10, 0, 0, 1))], "pipe.Allow", []);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 9), src: Ip(10, 0, 0, 1))).Verdict.Should().Be(Ok);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 9), src: Ip(10, 0, 0, 2))).Verdict.Should().Be(Shot);
        run.Run("ebpf_filter", Arp()).Verdict.Should().Be(Shot, "the parser rejects non-IPv4");
        run.Run("ebpf_filter", Ipv4(1)[..20]).Verdict.Should().Be(Shot, "a truncated packet is rejected");
    }

    [Fact]
    public void LpmFilter_LongestPrefixDecides()
    {
        using var run = TestCompiler.Runner("ebpf_lpm_filter");
        run.AddEntry("pipe.dst_prefix", [new LpmMatch(Ip(10, 0, 0, 0), 8)], "pipe.Keep", []);
        run.AddEntry("pipe.dst_prefix", [new LpmMatch(Ip(10, 1, 0, 0), 16)], "pipe.Drop", []);
        run.Run("ebpf_filter", Ipv4(Ip(10, 2, 3, 4))).Verdict.Should().Be(Ok);
        run.Run("ebpf_filter", Ipv4(Ip(10, 1, 2, 3))).Verdict.Should().Be(Shot);
        run.Run("ebpf_filter", Ipv4(Ip(11, 0, 0, 1))).Verdict.Should().Be(Shot, "the default action drops");
        run.Run("ebpf_filter", Arp()).Verdict.Should().Be(Ok, "non-IPv4 skips the table");
    }

    [Fact]
    public void TernaryFilter_HighestPriorityWins_ConstEntriesAndVerify()
    {
        using var run = TestCompiler.Runner("ebpf_ternary_filter");
        run.Layout.Table("pipe.ttl_guard").Kind.Should().Be(EbpfGen.Layout.TableKind.Const);
        run.AddEntry("pipe.acl", [new TernaryMatch(17, 0xff), new TernaryMatch(Ip(10, 0, 0, 0), 0xff000000)], "pipe.permit", [], priority: 10);
        run.AddEntry("pipe.acl", [WildcardMatch.Instance, new TernaryMatch(Ip(10, 0, 0, 5), 0xffffffff)], "pipe.deny", [], priority: 20);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 1))).Verdict.Should().Be(Ok);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 5))).Verdict.Should().Be(Shot, "the deny entry has the higher priority");
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 1), protocol: 6)).Verdict.Should().Be(Shot, "TCP matches no entry");
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 1), ttl: 1)).Verdict.Should().Be(Shot, "the const entries deny ttl 0 and 1");
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 1), ttl: 2)).Verdict.Should().Be(Ok);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 1), version: 6)).Verdict.Should().Be(Shot, "verify(version == 4) rejects");
        run.StateField(ArchitectureModel.IntrinsicsSlot, "parser_error").Should().Be(IrProgram.CoreErrors.AsImmutableArray().IndexOf("ParserInvalidArgument"));
    }

    [Fact]
    public void CounterArrays_CountPerProtocolAndPerClass()
    {
        using var run = TestCompiler.Runner("ebpf_counter");
        run.AddEntry("pipe.classes", [new ExactMatch(Ip(10, 0, 0, 9))], "pipe.classify", [3]);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 9))).Verdict.Should().Be(Ok);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 8))).Verdict.Should().Be(Ok);
        run.Run("ebpf_filter", Ipv4(Ip(10, 0, 0, 8), protocol: 6)).Verdict.Should().Be(Ok);
        var proto = run.Layout.Counter("pipe.by_proto");
        TestCompiler.Cell(run, proto.Map, 17, size: 4).Should().Be(2);
        TestCompiler.Cell(run, proto.Map, 6, size: 4).Should().Be(1);
        var cls = run.Layout.Counter("pipe.by_class");
        TestCompiler.Cell(run, cls.Map, 3, size: 4).Should().Be(1, "the hit ran classify(3)");
        TestCompiler.Cell(run, cls.Map, 15, size: 4).Should().Be(1, "hit adds one to class 15");
        TestCompiler.Cell(run, cls.Map, 0, size: 4).Should().Be(2, "misses run the default classify(0)");
    }
}
