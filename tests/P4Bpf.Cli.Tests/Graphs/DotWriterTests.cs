using P4Bpf.Cli.Graphs;

namespace P4Bpf.Cli.Tests.Graphs;

public sealed class DotWriterTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    [InlineData("tab\there\r", "\"tab here\"")]
    [InlineData("", "\"\"")]
    public void Quote_escapes_quotes_backslashes_and_newlines(string text, string expected) =>
        DotWriter.Quote(text).Should().Be(expected);

    [Fact]
    public void Html_labels_escape_markup_characters()
    {
        HtmlLabel.Escape("a < b && c > \"d\"").Should().Be("a &lt; b &amp;&amp; c &gt; &quot;d&quot;");
        var label = new HtmlLabel().Title("t<1>", "table").Row("x &&& y").Build();
        label.IsHtml.Should().BeTrue();
        DotParser.HtmlText(label.Text).Should().Be("table t<1>\nx &&& y");
    }

    [Fact]
    public void Written_graph_reads_back_with_nodes_clusters_edges_and_labels()
    {
        var graph = new DotGraph("g \"quoted\"") { Title = "title" };
        GraphStyle.ApplyDefaults(graph);
        var cluster = graph.AddCluster("c", "cluster \\ label");
        var a = graph.AddNode("a", DotLabel.Plain("node \"a\"\nline 2"), NodeRole.State, cluster: cluster);
        var b = graph.AddNode("a", new HtmlLabel().Title("b").Build(), NodeRole.Table);
        graph.AddEdge(a, b, "x & y").Outcome(good: true);
        graph.AddEdge(b, a);

        var dot = DotWriter.Write(graph);
        var parsed = DotParser.Parse(dot);

        parsed.Name.Should().Be("g \"quoted\"");
        parsed.GraphAttributes["label"].Should().Be("title");
        parsed.GraphAttributes["rankdir"].Should().Be("TB");
        b.Id.Should().Be("a_2", "a taken id gets a counter");
        parsed.Nodes.Keys.Should().Equal("a", "a_2");
        parsed.Nodes["a"].Cluster.Should().Be("cluster_c");
        parsed.Nodes["a"].Label.Should().Be("node \"a\"\nline 2");
        parsed.ClusterLabels["cluster_c"].Should().Be("cluster \\ label");
        parsed.Nodes["a_2"].Text().Should().Be("b");
        parsed.EdgeBetween("a", "a_2").Label.Should().Be("x & y");
        parsed.EdgeBetween("a", "a_2").Attributes["color"].Should().Be(GraphStyle.Green);
        parsed.EdgeBetween("a_2", "a").Label.Should().BeNull();
    }

    [Fact]
    public void Ids_are_sanitised_and_unique()
    {
        var graph = new DotGraph("g");
        graph.NewId("state_parse-ipv4").Should().Be("state_parse_ipv4");
        graph.NewId("state parse ipv4").Should().Be("state_parse_ipv4_2");
        graph.NewId("???").Should().Be("n");
        graph.NewId("").Should().Be("n_2");
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var first = string.Join("\n", GraphTestData.Graphs("router").Select(g => DotWriter.Write(g.Graph)));
        var second = string.Join("\n", GraphTestData.Graphs("router").Select(g => DotWriter.Write(g.Graph)));
        second.Should().Be(first);
    }
}
