using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.EbpfGen;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Targets;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.Targets;

/// <summary><c>--target smartnic</c> code generation: lpm tables as per-prefix-length hash maps probed longest first, plain maps instead of per-CPU
/// ones, map limits checked at compile time; the control plane writes into the right per-prefix map.</summary>
public sealed class SmartNicCompileTests
{
    private static string StfP4 => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Runtime.Tests", "testdata", "stf-p4");

    private const string Router = """
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
                size = 1024;
            }
            apply { o.output_port = 0; o.output_action = xdp_action.XDP_PASS; if (h.ip.isValid()) { routes.apply(); } }
        }
        control dep(in headers h, packet_out p) { apply { p.emit(h.eth); p.emit(h.ip); } }
        xdp(prs(), sw(), dep()) main;
        """;

    internal static CompiledPipeline Compile(string path, bool smartNic)
    {
        var result = P4Compiler.CompileFile(path, new CompileOptions { CodeGen = EbpfGenOptions.Default with { SmartNic = smartNic } });
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        return new CompiledPipeline(result.Object!, result.Layout!);
    }

    private static CompilationResult CompileText(string text, bool smartNic = true) =>
        P4Compiler.CompileText(text, "/tmp/router.p4", new CompileOptions { CodeGen = EbpfGenOptions.Default with { SmartNic = smartNic } });

    private static byte[] Packet(uint dst) => Convert.FromHexString(
        "00112233445566778899aabb0800" + "4500001c000000004011" + "0000" + "0a000001" + dst.ToString("x8") + "a0a1a2a3a4a5a6a7");

    [Fact]
    public void Lpm_stf_passes_on_smartnic_and_the_object_is_admitted_by_the_offload_profile()
    {
        var pipeline = Compile(Path.Combine(StfP4, "xdp_rewrite.p4"), smartNic: true);
        SmartNicCheck.Check(pipeline).Should().BeEmpty();
        foreach (var p in pipeline.Object.Programs)
        {
            Verifier.Instance.Verify(p, pipeline.Object.Maps, new VerifierOptions { ProgramType = p.Type, Profile = VerifierProfile.SmartNic })
                .Error.Should().BeNull();
        }
        pipeline.Object.Maps.Should().OnlyContain(m => m.Type == MapType.Hash || m.Type == MapType.Array);
        using var nic = SmartNicSwitch.Load(pipeline);
        var result = new StfRunner(nic).Run(StfParser.ParseFile(Path.Combine(StfP4, "xdp_rewrite.stf")));
        result.Failures.Should().BeEmpty(string.Join("\n", result.Failures.Select(f => f.Format("xdp_rewrite.stf"))));
        result.PacketsReceived.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Without_the_adaptation_smartnic_refuses_naming_the_lpm_trie_map()
    {
        var pipeline = Compile(Path.Combine(StfP4, "xdp_rewrite.p4"), smartNic: false);
        var lpmMap = pipeline.Layout.Tables.Single(t => t.Kind == TableKind.Lpm).Map;
        var load = () => SmartNicSwitch.Load(pipeline);
        load.Should().Throw<SwitchException>()
            .WithMessage($"*lpm match uses map {lpmMap} of type lpm_trie, which the NIC does not offload (compile with --target smartnic*")
            .WithMessage("*map p4bpf_state: type percpu_array does not offload*");
    }

    [Fact]
    public void The_layout_lists_one_hash_map_per_prefix_length_longest_first()
    {
        var result = CompileText(Router);
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        result.Layout!.Target.Should().Be("smartnic");
        var t = result.Layout.Table("sw.routes");
        t.Kind.Should().Be(TableKind.LpmHash);
        t.PrefixMaps!.Select(p => p.PrefixLength).Should().Equal(Enumerable.Range(0, 33).Reverse());
        t.Map.Should().Be(t.PrefixMaps![0].Map);
        t.PrefixMaps.Select(p => p.Map).Should().OnlyHaveUniqueItems().And.OnlyContain(m => m.Length <= 15);
        result.Object!.Maps.Where(m => t.IsEntryMap(m.Name)).Should().HaveCount(33).And.OnlyContain(m => m.Type == MapType.Hash && m.MaxEntries == 1024);
        var roundTrip = LayoutManifest.FromJson(result.Layout.ToJson()).Table("sw.routes");
        roundTrip.Kind.Should().Be(TableKind.LpmHash);
        roundTrip.PrefixMaps.Should().Equal(t.PrefixMaps);
    }

    [Fact]
    public void Entries_go_into_their_prefix_map_and_the_longest_prefix_wins()
    {
        var result = CompileText(Router);
        using var nic = SmartNicSwitch.Load(new CompiledPipeline(result.Object!, result.Layout!));
        var t = nic.Layout.Table("sw.routes");
        var e8 = new TableEntry("routes", [new FieldMatch.Lpm(0x0a000000, 8)], "fwd", [8]);
        var e24 = new TableEntry("routes", [new FieldMatch.Lpm(0x0a0203ff, 24)], "fwd", [24]);
        nic.Control.AddEntry(e8);
        nic.Control.AddEntry(e24);
        nic.Control.AddEntry(new TableEntry("routes", [new FieldMatch.Lpm(0, 0)], "fwd", [99]));
        var map24 = nic.FindMap(t.PrefixMaps!.Single(p => p.PrefixLength == 24).Map)!;
        map24.Keys().Should().ContainSingle().Which.Should().Equal(new byte[] { 24, 0, 0, 0, 0x0a, 0x02, 0x03, 0x00 }, "the key is the prefix header and the masked address");
        nic.FindMap(t.PrefixMaps!.Single(p => p.PrefixLength == 8).Map)!.Keys().Should().ContainSingle();
        nic.Inject(1, Packet(0x0a020304)).Outputs.Single().Port.Should().Be(24);
        nic.Inject(1, Packet(0x0a090304)).Outputs.Single().Port.Should().Be(8);
        nic.Inject(1, Packet(0x0b000001)).Outputs.Single().Port.Should().Be(99);
        nic.Control.ModifyEntry(e24 with { Args = [25] });
        nic.Inject(1, Packet(0x0a020304)).Outputs.Single().Port.Should().Be(25);
        nic.Control.DeleteEntry(e24);
        map24.Keys().Should().BeEmpty();
        nic.Inject(1, Packet(0x0a020304)).Outputs.Single().Port.Should().Be(8);
        var report = nic.Report();
        report.ExactLookups.Should().BeGreaterThan(1, "a /8 hit probes the maps of /32 down to /8");
    }

    [Fact]
    public void The_encoder_masks_the_lpm_field_to_the_prefix_of_its_map()
    {
        var t = CompileText(Router).Layout!.Table("sw.routes");
        var w = TableEntryEncoder.EncodeEntry(t, [new Midend.Ir.LpmMatch(0x0a0b0cff, 20)], "sw.fwd", [1]).Single();
        w.Map.Should().Be(t.PrefixMaps!.Single(p => p.PrefixLength == 20).Map);
        w.Key.Should().Equal(20, 0, 0, 0, 0x0a, 0x0b, 0x00, 0x00);
    }

    [Fact]
    public void Tables_over_the_map_limits_are_refused_at_compile_time_with_the_table_named()
    {
        var big = CompileText(Router.Replace("size = 1024;", "size = 100000;"));
        big.Success.Should().BeFalse();
        big.Errors.Should().ContainSingle().Which.Should().Contain("P4E5030").And.Contain("does not offload to the SmartNIC: table sw.routes: size 100000 is more than the 65536 entries a map may hold");
        var wide = CompileText(Router.Replace("key = { h.ip.dst : lpm; }", "key = { h.eth.dst ++ h.eth.src : lpm; }"));
        wide.Errors.Should().ContainSingle().Which.Should().Contain("lpm key").And.Contain("of 96 bits would need 97 per-prefix-length hash maps");
        var ternary = CompileText(Router.Replace("key = { h.ip.dst : lpm; }", "key = { h.ip.dst : ternary; }").Replace("size = 1024;", "size = 20000;"));
        ternary.Errors.Should().ContainSingle().Which.Should().Contain("size 20000 needs 80000 hash entries");
        CompileText(Router.Replace("size = 1024;", "size = 100000;"), smartNic: false).Success.Should().BeTrue("the kernel layout has no such limit");
    }

    [Fact]
    public void Counters_and_state_become_plain_arrays()
    {
        var pipeline = Compile(Path.Combine(StfP4, "ebpf_filter.p4"), smartNic: true);
        pipeline.Object.Maps.Should().NotContain(m => m.Type == MapType.PercpuArray || m.Type == MapType.PercpuHash);
        pipeline.Layout.Counters.Should().OnlyContain(c => !c.PerCpu);
        var load = () => SmartNicSwitch.Load(pipeline);
        load.Should().Throw<SwitchException>().WithMessage("*architecture ebpf_model: the NIC runs XDP only*");
    }
}
