using P4Bpf.Midend.Architectures;

namespace P4Bpf.EbpfGen.Tests;

/// <summary>xdp_model's extern functions: BPF_KTIME_GET_NS (bpf_ktime_get_ns), csum_replace2/4 (RFC 1624) and ebpf_ipv4_checksum,
/// checked against checksums computed here from the bytes.</summary>
public sealed class XdpExternTests
{
    private const string Program = """
        #include <core.p4>
        #include <xdp_model.p4>
        header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
        header ipv4_t {
            bit<4> version; bit<4> ihl; bit<8> diffserv; bit<16> totalLen; bit<16> identification; bit<3> flags; bit<13> fragOffset;
            bit<8> ttl; bit<8> protocol; bit<16> hdrChecksum; bit<32> srcAddr; bit<32> dstAddr;
        }
        struct H { eth_t eth; ipv4_t ip; }
        parser P(packet_in p, out H h) { state start { p.extract(h.eth); p.extract(h.ip); transition accept; } }
        control S(inout H h, in xdp_input i, out xdp_output o) {
            apply {
                o.output_port = 0;
                o.output_action = xdp_action.XDP_PASS;
                bit<16> expected = ebpf_ipv4_checksum(h.ip.version, h.ip.ihl, h.ip.diffserv, h.ip.totalLen, h.ip.identification,
                    h.ip.flags, h.ip.fragOffset, h.ip.ttl, h.ip.protocol, h.ip.srcAddr, h.ip.dstAddr);
                if (expected != h.ip.hdrChecksum) {
                    o.output_action = xdp_action.XDP_DROP;
                    return;
                }
                if (h.eth.type == 0x0800) {
                    // TTL - 1 (a 16-bit word changes) and a new source address (a 32-bit word changes), updated incrementally.
                    bit<16> old = h.ip.ttl ++ h.ip.protocol;
                    h.ip.ttl = h.ip.ttl - 1;
                    h.ip.hdrChecksum = csum_replace2(h.ip.hdrChecksum, old, h.ip.ttl ++ h.ip.protocol);
                    h.ip.hdrChecksum = csum_replace4(h.ip.hdrChecksum, h.ip.srcAddr, 32w0xc6336407);
                    h.ip.srcAddr = 32w0xc6336407;
                } else {
                    // 0x0801: the low 32 bits of the clock in place of the destination MAC's low bytes.
                    bit<32> now = BPF_KTIME_GET_NS();
                    h.eth.dst = 16w0 ++ now;
                }
            }
        }
        control D(in H h, packet_out p) { apply { p.emit(h.eth); p.emit(h.ip); } }
        xdp(P(), S(), D()) main;
        """;

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += (uint)((header[i] << 8) | header[i + 1]);
        }
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    private static byte[] Packet(ushort etherType, byte ttl, uint src)
    {
        var p = new byte[34];
        p[12] = (byte)(etherType >> 8);
        p[13] = (byte)etherType;
        byte[] ip = [0x45, 0, 0, 20, 0x12, 0x34, 0x40, 0, ttl, 17, 0, 0, (byte)(src >> 24), (byte)(src >> 16), (byte)(src >> 8), (byte)src, 10, 0, 0, 1];
        ip.CopyTo(p, 14);
        var c = Checksum(p.AsSpan(14, 20));
        p[24] = (byte)(c >> 8);
        p[25] = (byte)c;
        return p;
    }

    private static Harness.PipelineRunner Load()
    {
        var result = P4Compiler.CompileText(Program, "xdp_externs.p4");
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        return new Harness.PipelineRunner(result.Code!);
    }

    [Theory]
    [InlineData(64, 0xcb007105u)]
    [InlineData(1, 0xffffffffu)]
    [InlineData(200, 0x00000000u)]
    [InlineData(128, 0x0a0b0c0du)]
    public void Checksum_externs_agree_with_a_full_recomputation(byte ttl, uint src)
    {
        using var run = Load();
        var (verdict, output) = run.Run("xdp_prog", Packet(0x0800, ttl, src));
        verdict.Should().Be((ulong)XdpModel.XdpPass, "ebpf_ipv4_checksum matched the packet's checksum");
        output[22].Should().Be((byte)(ttl - 1));
        output[26..30].Should().Equal(0xc6, 0x33, 0x64, 0x07);
        Checksum(output.AsSpan(14, 20)).Should().Be(0, "csum_replace2 and csum_replace4 leave a header that checksums to zero");
    }

    [Fact]
    public void A_wrong_header_checksum_fails_ebpf_ipv4_checksum()
    {
        using var run = Load();
        var packet = Packet(0x0800, 64, 0xcb007105);
        packet[25] ^= 1;
        run.Run("xdp_prog", packet).Verdict.Should().Be((ulong)XdpModel.XdpDrop);
    }

    [Fact]
    public void BPF_KTIME_GET_NS_reads_the_clock_helper()
    {
        using var run = Load();
        run.NowNs = 0x0000_0012_3456_789a;
        var (_, output) = run.Run("xdp_prog", Packet(0x0801, 64, 1));
        output[0..6].Should().Equal([0, 0, 0x34, 0x56, 0x78, 0x9a], "the low 32 bits of bpf_ktime_get_ns");
        run.NowNs += 1000;
        run.Run("xdp_prog", Packet(0x0801, 64, 1)).Packet[2..6].Should().Equal([0x34, 0x56, 0x7c, 0x82]);
    }
}
