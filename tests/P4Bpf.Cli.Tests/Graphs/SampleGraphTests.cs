using P4Bpf.Cli.Commands;
using P4Bpf.Cli.Graphs;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Graphs;

/// <summary>A few of p4c's own samples (read in place from the corpus, one per architecture family) draw and render: every parser
/// has a start state that reaches accept, every control has its apply entry, and Graphviz accepts each DOT file.</summary>
public sealed class SampleGraphTests : IDisposable
{
    private static readonly string Samples = "/work/corpus/p4c/testdata/p4_16_samples";
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-sample-graphs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("basic_routing-bmv2.p4")]
    [InlineData("psa-example-counters-bmv2.p4")]
    [InlineData("init_ebpf.p4")]
    [InlineData("switch_ebpf.p4")]
    public void Sample_draws_and_renders(string sample)
    {
        var file = Path.Combine(Samples, sample);
        Assert.SkipUnless(File.Exists(file), $"requires p4c's corpus at {Samples}");
        var format = GraphRenderer.FindDot() is null ? "dot" : "svg";
        var stderr = new StringWriter();
        var code = GraphCommand.Run(file, _dir, format, [], [], null, compile: false, TextWriter.Null, stderr);
        code.Should().Be(0, stderr.ToString());
        var stem = Path.GetFileNameWithoutExtension(file);
        var dots = Directory.GetFiles(_dir, "*.dot").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => DotParser.Parse(File.ReadAllText(f)));
        dots.Should().ContainKey(stem + ".pipeline");
        dots[stem + ".pipeline"].Nodes.Should().NotBeEmpty();
        var parsers = dots.Where(d => d.Key.StartsWith(stem + ".parser.", StringComparison.Ordinal)).ToList();
        parsers.Should().NotBeEmpty();
        foreach (var (name, graph) in parsers)
        {
            graph.Nodes.Should().ContainKey("state_start", name);
            Reaches(graph, "state_start", "accept").Should().BeTrue($"{name}: start reaches accept");
        }
        var controls = dots.Where(d => d.Key.StartsWith(stem + ".control.", StringComparison.Ordinal)).ToList();
        controls.Should().NotBeEmpty();
        foreach (var (name, graph) in controls)
        {
            graph.Nodes.Should().ContainKey("apply", name);
        }
        if (format == "svg")
        {
            Directory.GetFiles(_dir, "*.svg").Select(Path.GetFileNameWithoutExtension).Should().BeEquivalentTo(dots.Keys);
        }
    }

    private static bool Reaches(DotParser.Graph graph, string from, string to)
    {
        var seen = new HashSet<string> { from };
        var work = new Queue<string>([from]);
        while (work.TryDequeue(out var node))
        {
            if (node == to)
            {
                return true;
            }
            foreach (var e in graph.From(node).Where(e => seen.Add(e.To)))
            {
                work.Enqueue(e.To);
            }
        }
        return false;
    }
}
