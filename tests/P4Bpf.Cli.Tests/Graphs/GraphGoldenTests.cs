using P4Bpf.Cli.Graphs;

namespace P4Bpf.Cli.Tests.Graphs;

/// <summary>Each <c>testdata/graph/X.p4</c> has its graphs in <c>testdata/graph/X/*.dot</c>, compared verbatim; <c>UPDATE_GOLDENS=1</c> rewrites them.</summary>
public sealed class GraphGoldenTests
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GraphTestData.Dir, "*.p4").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Dot_output_matches_golden(string program)
    {
        var goldenDir = Path.Combine(GraphTestData.Dir, program);
        var graphs = GraphTestData.Graphs(program);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1")
        {
            if (Directory.Exists(goldenDir))
            {
                Directory.Delete(goldenDir, recursive: true);
            }
            Directory.CreateDirectory(goldenDir);
            foreach (var graph in graphs)
            {
                File.WriteAllText(Path.Combine(goldenDir, graph.FileStem + ".dot"), DotWriter.Write(graph.Graph));
            }
        }
        Directory.Exists(goldenDir).Should().BeTrue($"goldens for {program} exist (run with UPDATE_GOLDENS=1)");
        var expectedFiles = Directory.GetFiles(goldenDir, "*.dot").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        graphs.Select(g => g.FileStem).Order(StringComparer.Ordinal).Should().Equal(expectedFiles);
        foreach (var graph in graphs)
        {
            var expected = File.ReadAllText(Path.Combine(goldenDir, graph.FileStem + ".dot"));
            DotWriter.Write(graph.Graph).Should().Be(expected, $"{graph.FileStem}.dot is unchanged");
        }
    }
}
