using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

public sealed class MoreFeatureTests
{
    private static PipelineRunner Compile(Midend.Ir.IrProgram program)
    {
        var result = EbpfCodeGenerator.Generate(program);
        result.Errors.Should().BeEmpty();
        return new PipelineRunner(result);
    }

    [Fact]
    public void Meter_MarksGreenYellowRedAndRefills()
    {
        using var run = Compile(MorePrograms.Metered());
        var layout = run.Layout.Meters.Single();
        // pir 1000 B/s burst 100, cir 500 B/s burst 60; buckets start full after a long idle time.
        var cell = new byte[layout.ValueSize];
        BitConverter.GetBytes(1000UL).CopyTo(cell, MeterState.PirOffset);
        BitConverter.GetBytes(100UL).CopyTo(cell, MeterState.PburstOffset);
        BitConverter.GetBytes(500UL).CopyTo(cell, MeterState.CirOffset);
        BitConverter.GetBytes(60UL).CopyTo(cell, MeterState.CburstOffset);
        run.Map(layout.Map).Update(BitConverter.GetBytes(0u), cell);
        var packet = Ipv4Packet(0x0a000002, payload: 6); // 40 bytes
        Color(run, packet).Should().Be(MeterState.Green);   // p 100→60, c 60→20
        Color(run, packet).Should().Be(MeterState.Yellow);  // p 60→20, c 20 < 40
        Color(run, packet).Should().Be(MeterState.Red);     // p 20 < 40
        run.Run("xdp_prog", packet).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
        run.NowNs += 100_000_000; // +0.1 s: p +100 (capped 100), c +50 (capped 60)
        Color(run, packet).Should().Be(MeterState.Green);
    }

    private static System.Numerics.BigInteger Color(PipelineRunner run, byte[] packet)
    {
        run.Run("xdp_prog", packet);
        return run.StateField(XdpModel.OutputSlot, "output_port");
    }

    [Fact]
    public void UnconfiguredMeter_IsGreen()
    {
        using var run = Compile(MorePrograms.Metered());
        Color(run, Ipv4Packet(1)).Should().Be(MeterState.Green);
        Color(run, Ipv4Packet(1)).Should().Be(MeterState.Green);
    }

    [Fact]
    public void ValueSet_InSelect_MatchesControlPlaneValues()
    {
        using var run = Compile(MorePrograms.ValueSetFilter());
        var vs = run.Layout.ValueSets.Single();
        var packet = Ipv4Packet(1);
        run.Run("ebpf_filter", packet).Verdict.Should().Be((ulong)EbpfModel.TcActShot);
        var key = new byte[vs.KeySize];
        TableEntryEncoder.WriteField(key, 0, 2, 16, FieldEncoding.LittleEndian, 0x0800);
        run.Map(vs.Map).Update(key, [1]);
        run.Run("ebpf_filter", packet).Verdict.Should().Be((ulong)EbpfModel.TcActOk);
        packet[12] = 0x86;
        run.Run("ebpf_filter", packet).Verdict.Should().Be((ulong)EbpfModel.TcActShot);
    }

    [Fact]
    public void Psa_IngressAndEgressPrograms()
    {
        using var run = Compile(MorePrograms.Psa());
        run.Layout.Programs.Select(p => p.Name).Should().Equal("ingress", "egress");
        var packet = Ipv4Packet(0x0a000007, ttl: 5);
        run.Run("ingress", packet).Packet.Should().Equal(packet);
        run.StateField(PsaModel.IngressOutputSlot, "egress_port").Should().Be(7);
        run.StateField(PsaModel.IngressOutputSlot, "drop").Should().Be(0);
        var (_, output) = run.Run("egress", packet);
        output[22].Should().Be(4);
        var arp = (byte[])packet.Clone();
        arp[12] = 0x08;
        arp[13] = 0x06;
        run.Run("ingress", arp);
        run.StateField(PsaModel.IngressOutputSlot, "drop").Should().Be(1);
    }

    [Fact]
    public void ImplementationThatIsNoActionProfile_IsReported()
    {
        var program = RouterWithImplementation();
        var result = EbpfCodeGenerator.Generate(program);
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("implementation sel is not an action profile or selector");
    }

    private static Midend.Ir.IrProgram RouterWithImplementation()
    {
        var p = XdpRouter();
        return p with { Tables = Midend.Ir.IrList.Of(p.Tables[0] with { Implementation = "sel" }) };
    }
}

public sealed class ParserExtrasTests
{
    [Fact]
    public void LookaheadAdvanceAndDigest()
    {
        var result = EbpfCodeGenerator.Generate(ParserExtrasPrograms.PeekSkipLearn());
        result.Errors.Should().BeEmpty();
        using var run = new PipelineRunner(result);
        var frame = TestPrograms.Ipv4Packet(1);
        var packet = new byte[] { 0x5a, 0x00 }.Concat(frame).ToArray();
        var (verdict, output) = run.Run("xdp_prog", packet, ifindex: 3);
        verdict.Should().Be((ulong)XdpModel.XdpPass);
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(0x5a);
        // The deparser replaced the 2 skipped bytes + ethernet by ethernet: the prefix is gone.
        output.Should().Equal(frame);
        var digest = run.Layout.Digests.Single();
        var queue = run.Map(digest.Map).Queue;
        queue.Should().ContainSingle();
        var mac = digest.Fields.First(f => f.Name == "mac");
        var port = digest.Fields.First(f => f.Name == "port");
        TableEntryEncoder.ReadField(queue[0], mac.Offset, mac.Size, mac.Width, mac.Encoding).Should().Be(0x66778899aabb);
        TableEntryEncoder.ReadField(queue[0], port.Offset, port.Size, port.Width, port.Encoding).Should().Be(3);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "digest_count").Should().Be(1);
    }
}

public sealed class ScopeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public void ReturnInAnInlinedControl_LeavesOnlyThatControl(int ttl, int expectedX)
    {
        var x = new SlotRef("$x", BitType.Bit8);
        var y = new SlotRef("$y", BitType.Bit8);
        var program = TestPrograms.XdpRouter(
            extraSlots: [("$x", BitType.Bit8, SlotRole.Local), ("$y", BitType.Bit8, SlotRole.Local)],
            extraIngress:
            [
                new ScopeStmt("sub", Block.Of(
                    new AssignStmt(x, IrConstant.Of(1, BitType.Bit8)),
                    new IfStmt(BinaryExpr.Make(BinaryOp.Eq, TestPrograms.F(TestPrograms.Ip, "ttl"), IrConstant.Of(1, BitType.Bit8)), Block.Of(ReturnStmt.Instance), Block.Empty),
                    new AssignStmt(x, IrConstant.Of(2, BitType.Bit8)))),
                new AssignStmt(y, IrConstant.Of(3, BitType.Bit8)),
                new AssignStmt(TestPrograms.XdpOut("output_port"), BinaryExpr.Make(BinaryOp.Add, new CastExpr(x, BitType.Bit32), new CastExpr(BinaryExpr.Make(BinaryOp.Mul, y, IrConstant.Of(16, BitType.Bit8)), BitType.Bit32))),
            ]);
        IrPrinter.Print(program).Should().Contain("scope sub");
        using var run = new PipelineRunner(EbpfCodeGenerator.Generate(program));
        run.Run("xdp_prog", TestPrograms.Ipv4Packet(5, ttl: (byte)ttl));
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(expectedX + (3 * 16));
    }
}
