using P4Bpf.Cli.Graphs;
using P4Bpf.Front;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;
using P4Bpf.Front.Syntax;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Graphs;

/// <summary>The graph test programs under <c>testdata/graph</c> and helpers to build and read back their graphs.</summary>
internal static class GraphTestData
{
    public static string Dir => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Cli.Tests", "testdata", "graph");

    public static string PathOf(string program) => Path.Combine(Dir, program + ".p4");

    public static P4Program Parse(string program) => ParseFile(PathOf(program));

    public static P4Program ParseText(string text)
    {
        var diagnostics = new DiagnosticBag();
        var tree = SyntaxTree.ParseText(text, "test.p4", new PreprocessorOptions(), diagnostics);
        diagnostics.HasErrors.Should().BeFalse(string.Join("\n", diagnostics.Items.Select(d => d.ToString())));
        return tree.Root;
    }

    public static P4Program ParseFile(string path)
    {
        var diagnostics = new DiagnosticBag();
        var tree = SyntaxTree.ParseFile(path, new PreprocessorOptions(), diagnostics);
        diagnostics.HasErrors.Should().BeFalse(string.Join("\n", diagnostics.Items.Select(d => tree.Format(d))));
        return tree.Root;
    }

    public static IReadOnlyList<NamedGraph> Graphs(string program) => ProgramGraphs.Build(Parse(program), program);

    /// <summary>Builds the graphs of <paramref name="program"/>, writes the one named <paramref name="stemSuffix"/> to DOT and parses it back.</summary>
    public static (DotGraph Model, DotParser.Graph Dot) Graph(string program, string stemSuffix)
    {
        var graph = Graphs(program).Single(g => g.FileStem == program + "." + stemSuffix).Graph;
        return (graph, DotParser.Parse(DotWriter.Write(graph)));
    }

    /// <summary>The visible text of a node's label (HTML tags removed).</summary>
    public static string Text(this DotParser.Node node) => DotParser.HtmlText(node.Label);
}
