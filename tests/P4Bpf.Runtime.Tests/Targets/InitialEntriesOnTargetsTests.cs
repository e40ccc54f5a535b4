using P4Bpf.EbpfGen;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.Targets;

/// <summary>The program's own (non-const) table entries are installed by every target at load, not only by the software switch.</summary>
public sealed class InitialEntriesOnTargetsTests
{
    private const string Program = """
        #include <core.p4>
        #include <xdp_model.p4>
        header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
        header ip_t { bit<8> vihl; bit<8> tos; bit<16> len; bit<16> id; bit<16> frag; bit<8> ttl; bit<8> proto; bit<16> csum; bit<32> src; bit<32> dst; }
        struct headers { eth_t eth; ip_t ip; }
        parser prs(packet_in p, out headers h) {
            state start { p.extract(h.eth); transition select(h.eth.type) { 0x0800: ip; default: accept; } }
            state ip { p.extract(h.ip); transition accept; }
        }
        control sw(inout headers h, in xdp_input xin, out xdp_output o) {
            action fwd(bit<32> port) { o.output_port = port; o.output_action = xdp_action.XDP_REDIRECT; }
            action drop() { o.output_action = xdp_action.XDP_DROP; }
            table routes {
                key = { h.ip.dst : lpm; }
                actions = { fwd; drop; }
                default_action = drop();
                entries = { 0x0a000000 &&& 0xff000000 : fwd(7); 0x0a020000 &&& 0xffff0000 : fwd(9); }
            }
            apply { o.output_port = 0; o.output_action = xdp_action.XDP_PASS; if (h.ip.isValid()) { routes.apply(); } }
        }
        control dep(in headers h, packet_out p) { apply { p.emit(h.eth); p.emit(h.ip); } }
        xdp(prs(), sw(), dep()) main;
        """;

    private static CompiledPipeline Compile(bool smartNic)
    {
        var r = P4Compiler.CompileText(Program, "/tmp/entries.p4", new CompileOptions { CodeGen = EbpfGenOptions.Default with { SmartNic = smartNic } });
        r.Success.Should().BeTrue(string.Join("\n", r.Errors));
        return new CompiledPipeline(r.Object!, r.Layout!);
    }

    private static byte[] Packet(uint dst) => Convert.FromHexString(
        "00112233445566778899aabb0800" + "4500001c000000004011" + "0000" + "0a000001" + dst.ToString("x8") + "a0a1a2a3a4a5a6a7");

    public static TheoryData<string, int> Targets => new() { { "software", 1 }, { "software", 2 }, { "kernel", 1 }, { "smartnic", 1 } };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Entries_of_the_program_are_in_place_before_the_first_packet(string target, int workers)
    {
        Assert.SkipWhen(target == "kernel" && !Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var sw = SwitchTargets.Load(target, Compile(target == "smartnic"), workers: workers);
        sw.Control.ReadEntries("routes").Should().HaveCount(2, "the control plane knows the program's entries");
        sw.Inject(1, Packet(0x0a020304)).Outputs.Single().Port.Should().Be(9);
        sw.Inject(1, Packet(0x0a090304)).Outputs.Single().Port.Should().Be(7);
        sw.Inject(1, Packet(0x0b000001)).Outputs.Should().BeEmpty();
    }
}
