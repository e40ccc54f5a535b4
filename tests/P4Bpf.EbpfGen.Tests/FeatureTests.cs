using System.Numerics;
using P4Bpf.EbpfGen.Tests.Harness;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.EbpfGen.Tests.TestPrograms;

namespace P4Bpf.EbpfGen.Tests;

public sealed class FeatureTests
{
    private static PipelineRunner Compile(IrProgram program)
    {
        var result = EbpfCodeGenerator.Generate(program);
        result.Errors.Should().BeEmpty();
        return new PipelineRunner(result);
    }

    [Fact]
    public void Deparser_GrowsThePacketForANewHeader()
    {
        using var run = Compile(FeaturePrograms.Encap());
        var packet = Ipv4Packet(0x0a000002, ttl: 1);
        var (verdict, output) = run.Run("xdp_prog", packet);
        verdict.Should().Be((ulong)XdpModel.XdpTx);
        output.Should().Equal(new byte[] { 0xbe, 0xef, 0x08, 0x00 }.Concat(packet));
    }

    [Fact]
    public void Deparser_ShrinksThePacketWhenAHeaderIsRemoved()
    {
        using var run = Compile(FeaturePrograms.Encap());
        var packet = Ipv4Packet(0x0a000002, ttl: 2);
        var (_, output) = run.Run("xdp_prog", packet);
        var expected = packet[..12].Concat(new byte[] { 0x88, 0xb5 }).Concat(packet[34..]).ToArray();
        output.Should().Equal(expected);
    }

    [Fact]
    public void Deparser_KeepsAnUnchangedPacket()
    {
        using var run = Compile(FeaturePrograms.Encap());
        var packet = Ipv4Packet(0x0a000002, ttl: 9);
        run.Run("xdp_prog", packet).Packet.Should().Equal(packet);
    }

    [Fact]
    public void Counters_RegistersAndDirectCounters_UpdateTheirMaps()
    {
        using var run = Compile(FeaturePrograms.Counters());
        run.AddEntry("fwd", [new ExactMatch(0x0a000002)], "set_port", [7]);
        run.Run("xdp_prog", Ipv4Packet(0x0a000002, ttl: 10, protocol: 6));
        run.Run("xdp_prog", Ipv4Packet(0x0a000002, ttl: 20, protocol: 6, payload: 20));
        run.Run("xdp_prog", Ipv4Packet(0x0a000009, ttl: 30, protocol: 17));
        var counter = run.Layout.Counter("pkts");
        var tcp = run.Map(counter.Map).Read(BitConverter.GetBytes(6u));
        BitConverter.ToUInt64(tcp, 0).Should().Be(2);
        BitConverter.ToUInt64(tcp, 8).Should().Be((ulong)(42 + 54));
        BitConverter.ToUInt64(run.Map(counter.Map).Read(BitConverter.GetBytes(17u)), 0).Should().Be(1);
        // The register accumulates ttl per protocol; the ttl is read after the table decremented it.
        var reg = run.Layout.Register("last_ttl");
        run.Map(reg.Map).Read(BitConverter.GetBytes(6u))[0].Should().Be(9 + 19);
        run.Map(reg.Map).Read(BitConverter.GetBytes(17u))[0].Should().Be(30);
        // Direct counter: only hits count, in the table entry's value.
        var fwd = run.Layout.Table("fwd");
        var value = run.Map(fwd.Map!).Read(BitConverter.GetBytes(0x0a000002u));
        BitConverter.ToUInt64(value, fwd.DirectCounterOffset!.Value).Should().Be(2);
        BitConverter.ToUInt64(value, fwd.DirectCounterOffset!.Value + 8).Should().Be(42 + 54);
    }

    [Fact]
    public void EbpfModelFilter_AcceptsByConstLpmTable()
    {
        using var run = Compile(FeaturePrograms.Filter());
        run.Run("ebpf_filter", Ipv4Packet(0x01020304, src: 0x0a0b0c0d)).Verdict.Should().Be((ulong)EbpfModel.TcActOk);
        run.Run("ebpf_filter", Ipv4Packet(0x01020304, src: 0x0b0b0c0d)).Verdict.Should().Be((ulong)EbpfModel.TcActShot);
        var arp = Ipv4Packet(0x01020304);
        arp[12] = 0x08;
        arp[13] = 0x06;
        run.Run("ebpf_filter", arp).Verdict.Should().Be((ulong)EbpfModel.TcActShot);
    }

    [Fact]
    public void V1Model_IngressThenEgress_ShareTheStateArea()
    {
        using var run = Compile(FeaturePrograms.V1Switch());
        run.AddEntry("l2", [new ExactMatch(0x001122334455)], "forward", [5]);
        var packet = Ipv4Packet(0x0a000002);
        run.Run("ingress", packet).Verdict.Should().Be((ulong)XdpModel.XdpPass);
        run.StateField(V1Model.StandardMetadataSlot, "egress_spec").Should().Be(5);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "drop").Should().Be(0);
        // The harness (traffic manager) sets egress_port before egress.
        SetStateField(run, V1Model.StandardMetadataSlot, "egress_port", 5);
        var (_, output) = run.Run("egress", packet);
        output[6..12].Should().Equal(new byte[] { 0x02, 0, 0, 0, 0, 5 });
        output[12..].Should().Equal(packet[12..]);
    }

    [Fact]
    public void V1Model_MissMarksToDrop()
    {
        using var run = Compile(FeaturePrograms.V1Switch());
        run.Run("ingress", Ipv4Packet(0x0a000002));
        run.StateField(V1Model.StandardMetadataSlot, "egress_spec").Should().Be(V1Model.DropPort);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "drop").Should().Be(1);
    }

    [Fact]
    public void HeaderStack_ParsesALoopAndPops()
    {
        using var run = Compile(FeaturePrograms.MplsPop());
        byte[] eth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x88, 0x47];
        byte[] l1 = [0x00, 0x01, 0x00, 0x40];
        byte[] l2 = [0x00, 0x02, 0x01, 0x3f];
        byte[] payload = [0xde, 0xad];
        var (verdict, output) = run.Run("xdp_prog", eth.Concat(l1).Concat(l2).Concat(payload).ToArray());
        verdict.Should().Be((ulong)XdpModel.XdpTx);
        run.StateField(XdpModel.OutputSlot, "output_port").Should().Be(2);
        output.Should().Equal(eth.Concat(l2).Concat(payload));
    }

    [Fact]
    public void HeaderStack_Overflow_RejectsWithStackOutOfBounds()
    {
        using var run = Compile(FeaturePrograms.MplsPop());
        byte[] eth = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x88, 0x47];
        byte[] label = [0x00, 0x01, 0x00, 0x40];
        var (verdict, _) = run.Run("xdp_prog", eth.Concat(label).Concat(label).Concat(label).Concat(label).ToArray());
        verdict.Should().Be((ulong)XdpModel.XdpDrop);
        run.StateField(ArchitectureModel.IntrinsicsSlot, "parser_error").Should().Be(3);
    }

    [Fact]
    public void Unsupported_FeatureGivesATypedError()
    {
        var program = XdpRouter();
        var bad = program with
        {
            Controls = IrList.Of(program.Controls[0] with
            {
                Body = Block.Of(new AssignStmt(F(Ip, "srcAddr"), new CastExpr(new BinaryExpr(BinaryOp.Mul, IrConstant.Of(1, new BitType(100)), IrConstant.Of(2, new BitType(100)), new BitType(100)), BitType.Bit32))),
            }, program.Controls[1]),
        };
        var result = EbpfCodeGenerator.Generate(bad);
        result.Success.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Id.Should().StartWith("P4E5", result.Errors[0].Message);
    }

    private static void SetStateField(PipelineRunner run, string slot, string field, BigInteger value)
    {
        var s = run.Layout.State.Slot(slot);
        var f = s.Fields!.First(x => x.Name == field);
        var map = run.Map(run.Layout.State.Map);
        var state = map.Read(new byte[4]);
        Layout.TableEntryEncoder.WriteField(state, s.Offset + f.Offset, f.Size, f.Width, f.Encoding, value);
        map.Update(new byte[4], state);
    }
}
