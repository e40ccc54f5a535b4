using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Tests.Switch;

/// <summary>Truncated, oversized, empty and random packets never crash the switch: each one is either forwarded or dropped with a reason.</summary>
public sealed class MalformedPacketTests
{
    public static TheoryData<string> Architectures => new() { "v1model", "psa", "xdp", "ebpf" };

    private static CompiledPipeline Pipeline(string arch) => arch switch
    {
        "v1model" => TestPipelines.V1Router(),
        "psa" => TestPipelines.PsaRouter(),
        "xdp" => TestPipelines.XdpRouter(),
        _ => TestPipelines.EbpfFilter(),
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Bad_packets_are_forwarded_or_dropped_never_thrown(string arch)
    {
        using var sw = P4Switch.Load(Pipeline(arch));
        var entry = new TableEntry("fwd", [new FieldMatch.Exact(0x0a000002)], arch == "psa" ? "send" : "set_port", [3]);
        sw.Control.AddEntry(arch == "ebpf" ? new TableEntry("allow", [new FieldMatch.Exact(0x0a000002)], "pass", []) : entry);
        var good = TestPipelines.Ipv4Packet(0x0a000002);
        var random = new Random(1234);
        var cases = new List<byte[]> { Array.Empty<byte>(), new byte[] { 0x00 }, good[..13], good[..14], good[..20], good[..33], new byte[70_000], new byte[1_000_000] };
        for (var i = 0; i < 200; i++)
        {
            var p = new byte[random.Next(0, 200)];
            random.NextBytes(p);
            if (p.Length > 13 && i % 2 == 0)
            {
                p[12] = 0x08;
                p[13] = 0x00;
            }
            cases.Add(p);
        }
        foreach (var p in cases)
        {
            var result = sw.Inject(1, p);
            (result.Outputs.Count + result.Drops.Count).Should().BeGreaterThan(0, $"a {p.Length}-byte packet must be forwarded or dropped");
            result.Drops.All(d => d.Stage.Length > 0).Should().BeTrue();
        }
        sw.Inject(1, new byte[1_000_000]).Drops.Should().ContainSingle().Which.Reason.Should().Be(DropReason.Malformed);
        // XDP-hooked stages run packets shorter than Ethernet (BMv2 does); the parser rejects them. TC (ebpf_model) keeps test_run's ETH_HLEN minimum.
        sw.Inject(1, new byte[5]).Drops.Should().ContainSingle().Which.Reason.Should().Be(arch switch
        {
            "ebpf" => DropReason.Malformed,
            "xdp" => DropReason.ParserReject,
            _ => DropReason.MarkedToDrop,
        });
        sw.Inject(1, good).Outputs.Should().NotBeEmpty("the switch still works after bad input");
    }
}
