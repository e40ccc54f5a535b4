using P4Bpf.Cli.Graphs;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Cli.Tests.Graphs;

public sealed class PipelineGraphTests
{
    [Fact]
    public void V1model_blocks_in_package_order_grouped_into_ingress_and_egress_programs()
    {
        var (model, dot) = GraphTestData.Graph("router", "pipeline");
        dot.GraphAttributes["label"].Should().Be("router: V1Switch main (v1model)");
        dot.GraphAttributes["rankdir"].Should().Be("LR");
        dot.ClusterLabels["cluster_stage_ingress"].Should().Be("eBPF program ingress  (section \"xdp\", XDP)");
        dot.Nodes["block_p"].Cluster.Should().Be("cluster_stage_ingress");
        dot.Nodes["block_ig"].Cluster.Should().Be("cluster_stage_ingress");
        dot.Nodes["block_dep"].Cluster.Should().Be("cluster_stage_egress");
        dot.Nodes["block_dep"].Text().Should().Be("deparser RouterDeparser\ndep : Deparser<H>");
        dot.Nodes["block_p"].Text().Should().Be("parser RouterParser\np : Parser<H, M>");
        model.Find("block_p")!.Role.Should().Be(NodeRole.Parser);
        model.Find("block_ig")!.Role.Should().Be(NodeRole.Control);
        var chain = new List<string> { "block_p" };
        while (dot.From(chain[^1]).SingleOrDefault() is { } edge)
        {
            chain.Add(edge.To);
        }
        chain.Should().Equal("block_p", "block_vr", "block_ig", "block_eg", "block_ck", "block_dep");
        dot.EdgeBetween("block_ig", "block_eg").Label.Should().Be("traffic manager");
        dot.EdgeBetween("block_ig", "block_eg").Attributes["style"].Should().Be("dashed");
    }

    [Fact]
    public void Named_arguments_follow_the_parameter_order()
    {
        var program = GraphTestData.ParseText("""
            #include <core.p4>
            #include <ebpf_model.p4>
            struct H { }
            parser Prs(packet_in p, out H h) { state start { transition accept; } }
            control Filt(inout H h, out bool ok) { apply { ok = true; } }
            ebpfFilter(filt = Filt(), prs = Prs()) main;
            """);
        var graph = ProgramGraphs.Build(program, "t")[0].Graph;
        var dot = DotParser.Parse(DotWriter.Write(graph));
        dot.GraphAttributes["label"].Should().Be("t: ebpfFilter main (ebpf_model)");
        dot.EdgeBetween("block_prs", "block_filt");
        dot.Nodes["block_prs"].Cluster.Should().Be("cluster_stage_ebpf_filter");
        dot.ClusterLabels["cluster_stage_ebpf_filter"].Should().Contain("TC");
    }

    [Fact]
    public void Psa_nested_packages_and_named_instances_are_flattened_into_two_programs()
    {
        var (_, dot) = GraphTestData.Graph("psa_pipe", "pipeline");
        dot.GraphAttributes["label"].Should().Be("psa_pipe: PSA_Switch main (psa)");
        dot.Nodes["block_ip"].Cluster.Should().Be("cluster_stage_ingress");
        dot.Nodes["block_id"].Text().Should().StartWith("deparser ID");
        dot.Nodes["block_ep"].Cluster.Should().Be("cluster_stage_egress");
        dot.Nodes["block_pre"].Cluster.Should().BeNull();
        dot.Nodes["block_pre"].Text().Should().StartWith("extern PacketReplicationEngine");
        dot.EdgeBetween("block_id", "block_pre").Attributes["style"].Should().Be("dashed");
        dot.EdgeBetween("block_pre", "block_ep");
        dot.EdgeBetween("block_ed", "block_bqe");
    }

    [Fact]
    public void Unknown_package_draws_blocks_in_clusters_without_programs()
    {
        var program = GraphTestData.ParseText("""
            #include <core.p4>
            parser Pa(packet_in p);
            control Ct();
            package Inner(Ct c);
            package Top(Pa p, Inner i);
            parser MyP(packet_in p) { state start { transition accept; } }
            control MyC() { apply { } }
            Top(MyP(), Inner(MyC())) main;
            """);
        var graph = ProgramGraphs.Build(program, "t")[0].Graph;
        var dot = DotParser.Parse(DotWriter.Write(graph));
        dot.GraphAttributes["label"].Should().Be("t: Top main");
        dot.Nodes["block_p"].Cluster.Should().BeNull();
        dot.Nodes["block_c"].Cluster.Should().Be("cluster_package_i");
        dot.ClusterLabels["cluster_package_i"].Should().Be("i : Inner");
        dot.EdgeBetween("block_p", "block_c").Label.Should().BeNull();
    }

    [Fact]
    public void Svg_links_point_at_each_block_graph()
    {
        var graphs = ProgramGraphs.Build(GraphTestData.Parse("router"), "router", linkExtension: "svg");
        var pipeline = graphs[0].Graph;
        pipeline.Find("block_ig")!.Attributes["href"].Should().Be("router.control.RouterIngress.svg");
        graphs.Select(g => g.FileStem).Should().Contain("router.control.RouterIngress");
    }

    [Fact]
    public void Layout_manifest_draws_programs_and_their_maps()
    {
        var layout = new LayoutManifest
        {
            Program = "router",
            Architecture = "v1model",
            State = new StateLayoutInfo("p4bpf_state", 128, [new SlotLayout("$intrinsics", "struct p4bpf_intrinsics", "pipeline", 0, 48)]),
            Programs =
            [
                new ProgramLayout("ingress", "xdp", "xdp", ["RouterParser", "NoChecksum", "RouterIngress"], null),
                new ProgramLayout("egress", "xdp", "xdp", ["RouterEgress", "NoChecksum"], "RouterDeparser"),
            ],
            Tables =
            [
                new TableLayout
                {
                    Name = "RouterIngress.routes", Kind = TableKind.Lpm, Map = "t0_routes", DefaultMap = "d0_routes", Size = 1024, KeySize = 8, ValueSize = 12,
                    Key = [new KeyFieldLayout("hdr.ipv4.dst", "lpm", 4, 4, 32, FieldEncoding.BigEndianLeftAligned)],
                    Actions = [new ActionLayout("forward", 1, "table", [])],
                    DefaultAction = new DefaultActionLayout("drop", [], false),
                },
                new TableLayout
                {
                    Name = "RouterIngress.acl", Kind = TableKind.Const, Key = [], Actions = [], DefaultAction = new DefaultActionLayout("NoAction", [], true),
                },
            ],
            Counters = [new CounterLayout("RouterEgress.c", "c0_c", "packets_and_bytes", 16, 16, 0, 8, true)],
        };
        var graph = LayoutGraphBuilder.Build(layout);
        var dot = DotParser.Parse(DotWriter.Write(graph));
        dot.Nodes["prog_ingress"].Text().Should().Be("program ingress\nsection \"xdp\", hook xdp\nRouterParser\nNoChecksum\nRouterIngress");
        dot.Nodes["prog_egress"].Text().Should().EndWith("RouterDeparser (deparser)");
        dot.Nodes["map_t0_routes"].Text().Should().StartWith("t0_routes\nLPM_TRIE\nkey hdr.ipv4.dst:lpm");
        dot.Nodes["map_t0_routes"].Attributes["shape"].Should().Be("cylinder");
        dot.Nodes["map_t0_routes"].Cluster.Should().Be("cluster_table_RouterIngress_routes");
        dot.Nodes["map_d0_routes"].Text().Should().Contain("default action: drop");
        dot.EdgeBetween("prog_ingress", "map_t0_routes");
        dot.Edges.Should().NotContain(e => e.From == "prog_egress" && e.To == "map_t0_routes");
        dot.EdgeBetween("prog_egress", "map_c0_c");
        dot.EdgeBetween("prog_ingress", "map_p4bpf_state");
        dot.EdgeBetween("prog_egress", "map_p4bpf_state");
        dot.Nodes["const_RouterIngress_acl"].Text().Should().Contain("compiled into the program");
    }
}
