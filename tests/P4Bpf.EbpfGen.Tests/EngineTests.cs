using System.Numerics;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>Generated objects through the real engine: our verifier, the loader (maps, relocations, contexts, helpers) and the interpreter.</summary>
public sealed class EngineTests
{
    public static TheoryData<string> Programs() => new(GeneratedPrograms.All.Keys);

    [Theory]
    [MemberData(nameof(Programs))]
    public void OurVerifierAcceptsGeneratedPrograms(string name)
    {
        var result = EbpfCodeGenerator.Generate(GeneratedPrograms.All[name]());
        result.Errors.Should().BeEmpty();
        foreach (var program in result.Object!.Programs)
        {
            var verdict = Verifier.Instance.Verify(program, result.Object.Maps, new VerifierOptions { ProgramType = program.Type, Log = true });
            Assert.SkipWhen(verdict.Error?.ToString().Contains("#188", StringComparison.Ordinal) == true,
                "our verifier and engine do not know bpf_xdp_get_buff_len (helper 188) yet; the kernel accepts this program (KernelLoadTests)");
            verdict.Accepted.Should().BeTrue($"{name}/{program.Name}: {verdict}\n{string.Join("\n", verdict.Log.TakeLast(30))}");
        }
    }

    private static void Write(BpfEngine engine, IReadOnlyList<MapWrite> writes)
    {
        foreach (var w in writes)
        {
            engine.Map(w.Map).Update(w.Key, w.Value).Should().Be(0, $"update of {w.Map}");
        }
    }

    [Theory]
    [InlineData(MatchKind.Exact)]
    [InlineData(MatchKind.Lpm)]
    [InlineData(MatchKind.Ternary)]
    [InlineData(MatchKind.Range)]
    public void RouterRunsInTheEngine(MatchKind kind)
    {
        var result = EbpfCodeGenerator.Generate(XdpRouter(kind));
        using var engine = BpfEngine.Load(result.Object!, objectName: "router");
        var table = result.Layout!.Table("fwd");
        var masks = new TernaryMaskSet();
        KeyMatch key = kind switch
        {
            MatchKind.Exact => new ExactMatch(0x0a000002),
            MatchKind.Lpm => new LpmMatch(0x0a000000, 24),
            MatchKind.Ternary => new TernaryMatch(0x0a000000, 0xffffff00),
            _ => new RangeMatch(0x0a000000, 0x0a0000ff),
        };
        Write(engine, TableEntryEncoder.EncodeEntry(table, [key], "set_port", [BigInteger.One * 7], 1, masks));
        var packet = Ipv4Packet(0x0a000002, ttl: 64);
        var run = engine.Run("xdp_prog", packet);
        run.ReturnValue.Should().Be((ulong)XdpModel.XdpTx);
        var expected = (byte[])packet.Clone();
        expected[22] = 63;
        run.Packet.Should().Equal(expected);
        engine.Run("xdp_prog", Ipv4Packet(0x0b000002)).ReturnValue.Should().Be((ulong)XdpModel.XdpDrop);
    }

    [Fact]
    public void EncapRunsInTheEngine()
    {
        var result = EbpfCodeGenerator.Generate(FeaturePrograms.Encap());
        using var engine = BpfEngine.Load(result.Object!, objectName: "encap");
        var packet = Ipv4Packet(0x0a000002, ttl: 1);
        var run = engine.Run("xdp_prog", packet);
        run.ReturnValue.Should().Be((ulong)XdpModel.XdpTx);
        run.Packet.Should().Equal(new byte[] { 0xbe, 0xef, 0x08, 0x00 }.Concat(packet));
    }

    [Fact]
    public void FilterRunsInTheEngineAsTc()
    {
        var result = EbpfCodeGenerator.Generate(FeaturePrograms.Filter());
        using var engine = BpfEngine.Load(result.Object!, objectName: "filter");
        engine.Run("ebpf_filter", Ipv4Packet(0x01020304, src: 0x0a0b0c0d)).ReturnValue.Should().Be((ulong)EbpfModel.TcActOk);
        engine.Run("ebpf_filter", Ipv4Packet(0x01020304, src: 0x0b0b0c0d)).ReturnValue.Should().Be((ulong)EbpfModel.TcActShot);
    }
}
