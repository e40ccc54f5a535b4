using P4Bpf.Cli.Graphs;

namespace P4Bpf.Cli.Tests.Graphs;

public sealed class ControlGraphTests
{
    private readonly (DotGraph Model, DotParser.Graph Dot) _ingress = GraphTestData.Graph("router", "control.RouterIngress");

    private static string Only(DotParser.Graph dot, string from, string? label) =>
        dot.From(from).Single(e => e.Label == label).To;

    [Fact]
    public void Conditions_branch_true_and_false()
    {
        var dot = _ingress.Dot;
        Only(dot, "apply", null).Should().Be("if");
        dot.Nodes["if"].Label.Should().Be("!hdr.ipv4.isValid()");
        dot.Nodes["if"].Attributes["shape"].Should().Be("diamond");
        var yes = dot.From("if").Single(e => e.Label == "true");
        yes.To.Should().Be("action_drop");
        yes.Attributes["color"].Should().Be(GraphStyle.Green);
        dot.From("if").Single(e => e.Label == "false").Attributes["color"].Should().Be(GraphStyle.Red);
        Only(dot, "if", "false").Should().Be("table_acl");
    }

    [Fact]
    public void Direct_action_call_shows_the_action_and_its_body_then_exit()
    {
        var dot = _ingress.Dot;
        dot.Nodes["action_drop"].Text().Should().Be("action drop()\nmark_to_drop(sm)");
        _ingress.Model.Find("action_drop")!.Role.Should().Be(NodeRole.Action);
        Only(dot, "action_drop", null).Should().Be("exit");
        dot.Nodes["exit"].Attributes["shape"].Should().Be("octagon");
        dot.From("exit").Should().BeEmpty();
    }

    [Fact]
    public void Table_hit_and_miss_branches_and_return()
    {
        var dot = _ingress.Dot;
        Only(dot, "table_acl", "miss").Should().Be("table_routes");
        Only(dot, "table_acl", "hit / return").Should().Be("end");
        dot.From("table_acl").Single(e => e.Label == "miss").Attributes["color"].Should().Be(GraphStyle.Red);
    }

    [Fact]
    public void Tables_list_keys_with_match_kinds_actions_default_and_entries()
    {
        var routes = _ingress.Model.FindByName("routes", NodeRole.Table)!;
        routes.Facts["keys"].Should().Equal("hdr.ipv4.dst : lpm", "meta.l4port : exact");
        routes.Facts["actions"].Should().Equal("forward", "drop", "to_cpu");
        routes.Facts["default_action"].Should().Equal("drop()");
        _ingress.Dot.Nodes["table_routes"].Text().Should().Be(
            "table routes\nkey\nhdr.ipv4.dst : lpm\nmeta.l4port : exact\nactions\nforward\ndrop   (default)\nto_cpu\nsize = 1024");
        var acl = _ingress.Dot.Nodes["table_acl"].Text();
        acl.Should().Contain("NoAction   (default)").And.Contain("1 const entry").And.Contain("0x0A000000 &&& 0xFF000000 → drop()");
    }

    [Fact]
    public void Action_run_cases_become_edges_named_by_action_with_fallthrough_merged()
    {
        var dot = _ingress.Dot;
        Only(dot, "table_routes", "forward\nto_cpu").Should().Be("apply_counting");
        var defaultTarget = Only(dot, "table_routes", "default");
        dot.Nodes[defaultTarget].Text().Should().Be("meta.port = 0");
        dot.Nodes["apply_counting"].Text().Should().Be("apply counting\ncontrol Counting\n(hdr, meta)");
        _ingress.Model.Find("apply_counting")!.Role.Should().Be(NodeRole.Call);
    }

    [Fact]
    public void Branches_join_at_the_next_statement_and_reach_end()
    {
        var dot = _ingress.Dot;
        var join = Only(dot, "apply_counting", null);
        dot.Nodes[join].Text().Should().Be("meta.port = sm.egress_spec");
        Only(dot, Only(dot, "table_routes", "default"), null).Should().Be(join);
        Only(dot, join, null).Should().Be("end");
    }

    [Fact]
    public void Miss_condition_and_else_if_chain()
    {
        var (model, dot) = GraphTestData.Graph("filter", "control.Filter");
        var first = Only(dot, "apply", null);
        dot.Nodes[first].Text().Should().Be("pass = false");
        Only(dot, first, null).Should().Be("table_allowed");
        model.FindByName("allowed", NodeRole.Table)!.Facts["default_action"].Should().Equal("deny");
        dot.Nodes[Only(dot, "table_allowed", "miss")].Text().Should().Be("pass = hdr.eth.etherType == 0x88CC");
        var elseIf = Only(dot, "table_allowed", "hit");
        dot.Nodes[elseIf].Label.Should().Be("hdr.eth.dst == 0xFFFFFFFFFFFF");
        Only(dot, elseIf, "true").Should().Be("action_deny");
        Only(dot, elseIf, "false").Should().Be("end");
        Only(dot, "action_deny", null).Should().Be("end");
    }

    [Fact]
    public void Empty_control_goes_from_apply_to_end()
    {
        var (_, dot) = GraphTestData.Graph("router", "control.RouterEgress");
        dot.Nodes.Keys.Should().Equal("apply", "end");
        dot.EdgeBetween("apply", "end").Label.Should().BeNull();
    }

    [Fact]
    public void Value_switch_and_table_apply_inside_an_expression()
    {
        var program = GraphTestData.ParseText("""
            #include <core.p4>
            control C(inout bit<8> x) {
                action a() { x = 1; }
                table t { key = { x : exact; } actions = { a; } }
                apply {
                    bool h = t.apply().hit;
                    switch (x) {
                        1: { a(); }
                        2:
                        3: { x = 0; }
                    }
                }
            }
            """);
        var graph = ProgramGraphs.Build(program, "t").Single(g => g.FileStem == "t.control.C").Graph;
        var dot = DotParser.Parse(DotWriter.Write(graph));
        Only(dot, "apply", null).Should().Be("table_t");
        var declaration = Only(dot, "table_t", null);
        dot.Nodes[declaration].Text().Should().Be("bool h = t.apply().hit");
        Only(dot, declaration, null).Should().Be("switch");
        dot.Nodes["switch"].Label.Should().Be("switch (x)");
        Only(dot, "switch", "1").Should().Be("action_a");
        dot.Nodes[Only(dot, "switch", "2\n3")].Text().Should().Be("x = 0");
        Only(dot, "switch", "no match").Should().Be("end");
    }
}
