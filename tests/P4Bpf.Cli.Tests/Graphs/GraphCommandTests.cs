using P4Bpf.Cli.Commands;
using P4Bpf.Cli.Graphs;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Cli.Tests.Graphs;

public sealed class GraphCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-graph-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(string file, string format = "dot", string? layout = null, bool compile = false)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GraphCommand.Run(file, _dir, format, [], [], layout, compile, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Writes_one_dot_file_per_graph_and_lists_them()
    {
        var (code, output, _) = Run(GraphTestData.PathOf("filter"));
        code.Should().Be(0);
        var files = Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        files.Should().Equal("filter.control.Filter.dot", "filter.parser.FilterParser.dot", "filter.pipeline.dot");
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
    }

    [Fact]
    public void Syntax_errors_are_reported_with_a_location_and_exit_code_1()
    {
        var file = Path.Combine(_dir, "bad.p4");
        File.WriteAllText(file, "control C() { apply { x = ; } }\n");
        var (code, _, err) = Run(file);
        code.Should().Be(1);
        err.Should().Contain("bad.p4").And.Contain("error");
        Directory.GetFiles(_dir, "*.dot").Should().BeEmpty();
    }

    [Fact]
    public void Missing_file_and_bad_layout_are_cli_errors()
    {
        var missing = () => Run(Path.Combine(_dir, "none.p4"));
        missing.Should().Throw<CliException>().WithMessage("no such file*");
        var layout = Path.Combine(_dir, "x.layout.json");
        File.WriteAllText(layout, "{ not json");
        var bad = () => Run(GraphTestData.PathOf("filter"), layout: layout);
        bad.Should().Throw<CliException>().WithMessage("cannot read layout manifest*");
    }

    [Fact]
    public void Layout_manifest_adds_the_ebpf_graph()
    {
        var layout = new LayoutManifest
        {
            Program = "filter",
            Architecture = "ebpf_model",
            State = new StateLayoutInfo("p4bpf_state", 64, []),
            Programs = [new ProgramLayout("ebpf_filter", "tc", "tc", ["FilterParser", "Filter"], null)],
        };
        var path = Path.Combine(_dir, "filter.layout.json");
        File.WriteAllText(path, layout.ToJson());
        var (code, output, _) = Run(GraphTestData.PathOf("filter"), layout: path);
        code.Should().Be(0);
        output.Should().Contain("filter.ebpf.dot");
        DotParser.Parse(File.ReadAllText(Path.Combine(_dir, "filter.ebpf.dot"))).Nodes.Should().ContainKey("prog_ebpf_filter");
    }

    [Fact]
    public void Compiling_program_adds_its_ebpf_programs_and_maps()
    {
        var (code, output, err) = Run(GraphTestData.PathOf("router"), compile: true);
        code.Should().Be(0, err);
        output.Should().Contain("router.ebpf.dot");
        var dot = DotParser.Parse(File.ReadAllText(Path.Combine(_dir, "router.ebpf.dot")));
        // acl has const entries and a writable default: its entries are compiled into the program, its default lives in a map.
        dot.Nodes.Keys.Should().Contain(["prog_ingress", "prog_egress", "map_t0_routes", "const_RouterIngress_acl", "map_d1_acl"]);
        dot.EdgeBetween("prog_ingress", "map_t0_routes");
        dot.Nodes["map_t0_routes"].Text().Should().Contain("LPM_TRIE").And.Contain("hdr.ipv4.dst:lpm");
        dot.Nodes["const_RouterIngress_acl"].Cluster.Should().Be("cluster_table_RouterIngress_acl");
        dot.Nodes["map_d1_acl"].Cluster.Should().Be("cluster_table_RouterIngress_acl");
    }

    [Fact]
    public void Program_that_does_not_compile_is_still_drawn_with_a_note()
    {
        var file = Path.Combine(_dir, "untyped.p4");
        File.WriteAllText(file, "#include <core.p4>\ncontrol C(inout bit<8> x) { apply { x = y; } }\n");
        var (code, output, err) = Run(file, compile: true);
        code.Should().Be(0);
        output.Should().Contain("untyped.control.C.dot").And.NotContain(".ebpf.dot");
        err.Should().Contain("note: no eBPF graph: the program does not compile");
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("png")]
    public void Renders_through_graphviz(string format)
    {
        Assert.SkipUnless(GraphRenderer.FindDot() is not null, "requires Graphviz 'dot' (./test.sh installs the graphviz package when run as root)");
        var (code, _, err) = Run(GraphTestData.PathOf("router"), format);
        code.Should().Be(0, err);
        var rendered = Directory.GetFiles(_dir, "*." + format);
        rendered.Should().HaveCount(Directory.GetFiles(_dir, "*.dot").Length).And.HaveCount(7);
        if (format == "svg")
        {
            var svg = File.ReadAllText(Path.Combine(_dir, "router.control.RouterIngress.svg"));
            svg.Should().Contain("<svg").And.Contain("routes").And.Contain("hit / return");
            File.ReadAllText(Path.Combine(_dir, "router.pipeline.svg")).Should().Contain("router.control.RouterIngress.svg");
        }
        else
        {
            File.ReadAllBytes(Path.Combine(_dir, "router.pipeline.png")).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        }
    }

    [Fact]
    public void Every_golden_is_valid_graphviz_input()
    {
        Assert.SkipUnless(GraphRenderer.FindDot() is not null, "requires Graphviz 'dot' (./test.sh installs the graphviz package when run as root)");
        foreach (var file in Directory.GetFiles(GraphTestData.Dir, "*.dot", SearchOption.AllDirectories))
        {
            var action = () => GraphRenderer.Render(File.ReadAllText(file), "svg", Path.Combine(_dir, Path.GetFileName(file) + ".svg"));
            action.Should().NotThrow(file);
        }
    }
}
