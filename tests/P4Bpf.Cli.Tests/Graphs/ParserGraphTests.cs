using P4Bpf.Cli.Graphs;

namespace P4Bpf.Cli.Tests.Graphs;

public sealed class ParserGraphTests
{
    private readonly (DotGraph Model, DotParser.Graph Dot) _router = GraphTestData.Graph("router", "parser.RouterParser");

    [Fact]
    public void Every_state_is_a_node_with_its_extracts_and_select_keys()
    {
        var dot = _router.Dot;
        dot.Nodes.Keys.Should().Contain(["state_start", "state_parse_vlan", "state_parse_ipv4", "state_parse_udp", "state_orphan", "accept", "reject"]);
        dot.Nodes["state_start"].Text().Should().Be("start\npkt.extract(hdr.eth)\nselect(hdr.eth.etherType)");
        dot.Nodes["state_parse_udp"].Text().Should().Be("parse_udp\npkt.extract(hdr.udp)\nmeta.l4port = hdr.udp.dport");
        _router.Model.FindByName("parse_ipv4", NodeRole.State)!.Facts["select"].Should().Equal("hdr.ipv4.protocol", "hdr.ipv4.ttl");
    }

    [Fact]
    public void Entry_point_leads_to_start()
    {
        var entry = _router.Dot.Nodes["entry"];
        entry.Attributes["shape"].Should().Be("point");
        _router.Dot.From("entry").Select(e => e.To).Should().Equal("state_start");
    }

    [Fact]
    public void Select_cases_label_their_edges_with_values_masks_ranges_constants_and_value_sets()
    {
        var dot = _router.Dot;
        dot.EdgeBetween("state_start", "state_parse_ipv4").Label.Should().Be("TYPE_IPV4 (0x0800)");
        dot.EdgeBetween("state_start", "state_parse_vlan").Label.Should().Be("0x8100 &&& 0xEFFF");
        dot.EdgeBetween("state_start", "accept").Label.Should().Be("value_set tunnel_types");
        dot.EdgeBetween("state_start", "reject").Label.Should().Be("default");
        dot.EdgeBetween("state_parse_ipv4", "state_parse_udp").Label.Should().Be("(17, 1..64)");
        dot.EdgeBetween("state_parse_ipv4", "reject").Label.Should().Be("(_, 0)");
    }

    [Fact]
    public void Cases_with_the_same_target_share_one_edge()
    {
        _router.Dot.EdgeBetween("state_parse_vlan", "state_parse_ipv4").Label.Should().Be("0x0800\n0x86DD");
    }

    [Fact]
    public void Select_without_default_has_a_dashed_no_match_edge_to_reject()
    {
        var edge = _router.Dot.EdgeBetween("state_parse_vlan", "reject");
        edge.Label.Should().Be("no match");
        edge.Attributes["style"].Should().Be("dashed");
        _router.Dot.From("state_start").Where(e => e.Label == "no match").Should().BeEmpty("start has a default case");
    }

    [Fact]
    public void Accept_and_reject_are_coloured_end_states()
    {
        var dot = _router.Dot;
        dot.Nodes["accept"].Attributes["shape"].Should().Be("doublecircle");
        dot.Nodes["accept"].Attributes["color"].Should().Be(GraphStyle.Green);
        dot.Nodes["reject"].Attributes["color"].Should().Be(GraphStyle.Red);
        dot.EdgeBetween("state_parse_udp", "accept").Attributes["color"].Should().Be(GraphStyle.Green);
        dot.EdgeBetween("state_parse_ipv4", "reject").Attributes["color"].Should().Be(GraphStyle.Red);
        dot.EdgeBetween("state_parse_ipv4", "accept").Attributes["style"].Should().Be("dashed", "the default case is dashed");
    }

    [Fact]
    public void Unreachable_states_are_greyed()
    {
        var orphan = _router.Model.FindByName("orphan", NodeRole.State)!;
        orphan.Facts.Should().ContainKey("unreachable");
        orphan.Attributes["style"].Should().Contain("dashed");
        _router.Model.FindByName("parse_udp", NodeRole.State)!.Facts.Should().NotContainKey("unreachable");
    }

    [Fact]
    public void Undefined_states_and_missing_transitions_are_shown()
    {
        var program = GraphTestData.ParseText("""
            #include <core.p4>
            parser P(packet_in p) {
                state start { transition select(p.lookahead<bit<8>>()) { 1: nowhere; default: ending; } }
                state ending { }
            }
            """);
        var graph = ProgramGraphs.Build(program, "t").Single(g => g.FileStem == "t.parser.P").Graph;
        var dot = DotParser.Parse(DotWriter.Write(graph));
        graph.FindByName("nowhere", NodeRole.UndefinedState).Should().NotBeNull();
        dot.Nodes["state_nowhere"].Label.Should().Be("nowhere\n(no such state)");
        dot.EdgeBetween("state_ending", "reject").Label.Should().Be("no transition");
        dot.Nodes["state_start"].Text().Should().Contain("select(p.lookahead<bit<8>>())");
    }
}

public sealed class BusyParserGraphTests
{
    [Fact]
    public void Many_transitions_to_accept_get_one_small_accept_per_state()
    {
        var states = string.Join("\n", Enumerable.Range(0, 10).Select(i => $"state s{i} {{ transition accept; }}"));
        var cases = string.Join(" ", Enumerable.Range(0, 10).Select(i => $"{i}: s{i};"));
        var program = GraphTestData.ParseText($$"""
            #include <core.p4>
            parser P(packet_in p) {
                state start { transition select(p.lookahead<bit<8>>()) { {{cases}} } }
                {{states}}
            }
            """);
        var graph = ProgramGraphs.Build(program, "t").Single().Graph;
        var accepts = graph.AllNodes.Where(n => n.Role == NodeRole.Accept).ToList();
        accepts.Should().HaveCount(10);
        accepts.Select(a => a.Id).Should().OnlyHaveUniqueItems().And.NotContain("accept");
        graph.Edges.Where(e => accepts.Any(a => a.Id == e.To)).Select(e => e.From).Should().OnlyHaveUniqueItems();
        graph.AllNodes.Count(n => n.Role == NodeRole.Reject).Should().Be(1, "one 'no match' edge keeps the shared reject");
    }
}
