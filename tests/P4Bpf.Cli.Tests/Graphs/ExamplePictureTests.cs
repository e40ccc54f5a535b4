using System.Text.RegularExpressions;
using P4Bpf.Cli.Commands;
using P4Bpf.Cli.Graphs;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Graphs;

/// <summary>Keeps the pictures in <c>examples/NAME/pictures</c> honest: the README shows them, they exist, and drawing the example
/// again gives graphs of the same structure (nodes, their label text, clusters, edges) as the committed DOT files.</summary>
/// <remarks>Styling may change without touching the examples; a changed program or graph builder needs <c>bench/example-pictures.sh</c>.</remarks>
public sealed partial class ExamplePictureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-pictures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string ExamplesDir => Path.Combine(Tooling.RepoRoot, "examples");

    /// <summary>Every example folder with at least one program that has a main package.</summary>
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(ExamplesDir).Order(StringComparer.Ordinal))
        {
            if (Programs(dir).Any())
            {
                data.Add(Path.GetFileName(dir));
            }
        }
        return data;
    }

    private static IEnumerable<string> Programs(string dir) =>
        Directory.GetFiles(dir, "*.p4").Order(StringComparer.Ordinal).Where(f => MainPackage().IsMatch(File.ReadAllText(f)));

    [GeneratedRegex(@"^[^/\n]*\)\s+main\s*;", RegexOptions.Multiline)]
    private static partial Regex MainPackage();

    [GeneratedRegex(@"\]\((pictures/[^)]+)\)")]
    private static partial Regex PictureLink();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Readme_shows_the_pictures_and_they_exist(string example)
    {
        var dir = Path.Combine(ExamplesDir, example);
        var readme = File.ReadAllText(Path.Combine(dir, "README.md"));
        readme.Should().Contain("<!-- pictures:begin -->\n### Pipeline", "the README has the picture section (bench/example-pictures.sh writes it)");
        var links = PictureLink().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        foreach (var link in links)
        {
            File.Exists(Path.Combine(dir, link)).Should().BeTrue($"{example}/README.md links {link}");
        }
        foreach (var program in Programs(dir).Select(Path.GetFileNameWithoutExtension))
        {
            readme.Should().Contain($"![{program}.pipeline](pictures/{program}.pipeline.svg)", "the overview is shown as an image");
            readme.Should().Contain($"./p4bpf graph examples/{example}/{program}.p4 -o examples/{example}/pictures --format svg", "the README says how to regenerate");
        }
        var svgs = Directory.GetFiles(Path.Combine(dir, "pictures"), "*.svg").Select(f => "pictures/" + Path.GetFileName(f));
        links.Should().Contain(svgs, "every picture is shown or linked");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Committed_dot_files_match_the_graph_command(string example)
    {
        var dir = Path.Combine(ExamplesDir, example);
        var pictures = Path.Combine(dir, "pictures");
        foreach (var program in Programs(dir))
        {
            var code = GraphCommand.Run(program, _dir, "dot", [], [], null, compile: true, TextWriter.Null, TextWriter.Null);
            code.Should().Be(0);
        }
        var drawn = Directory.GetFiles(_dir, "*.dot").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var committed = Directory.GetFiles(pictures, "*.dot").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        committed.Should().Equal(drawn, $"examples/{example}/pictures holds every graph (run bench/example-pictures.sh {example})");
        foreach (var file in drawn)
        {
            var expected = Structure(File.ReadAllText(Path.Combine(pictures, file!)));
            var actual = Structure(File.ReadAllText(Path.Combine(_dir, file!)));
            actual.Should().Equal(expected, $"{example}/pictures/{file} is stale: run bench/example-pictures.sh {example}");
            File.Exists(Path.Combine(pictures, Path.ChangeExtension(file!, ".svg"))).Should().BeTrue($"{file} is rendered");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Svg_files_draw_the_nodes_of_their_dot_files(string example)
    {
        var pictures = Path.Combine(ExamplesDir, example, "pictures");
        foreach (var svg in Directory.GetFiles(pictures, "*.svg"))
        {
            var dot = DotParser.Parse(File.ReadAllText(Path.ChangeExtension(svg, ".dot")));
            var text = File.ReadAllText(svg);
            text.Should().StartWith("<?xml").And.Contain("<svg");
            // Graphviz writes each node as <g class="node"><title>ID</title>…
            var titles = SvgNodeTitle().Matches(text).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
            titles.Should().BeEquivalentTo(dot.Nodes.Keys, $"{Path.GetFileName(svg)} was rendered from the committed DOT");
        }
    }

    [GeneratedRegex("<g id=\"node[0-9]+\" class=\"node\">\\s*<title>([^<]*)</title>")]
    private static partial Regex SvgNodeTitle();

    /// <summary>A label without its HTML markup (plain labels such as <c>ttl &lt;= 1</c> or <c>Parser&lt;H, M&gt;</c> stay as they are).</summary>
    private static string VisibleText(string label) =>
        System.Net.WebUtility.HtmlDecode(HtmlTag().Replace(label.Replace("</TR>", "\n", StringComparison.Ordinal), ""));

    [GeneratedRegex("</?(TABLE|TR|TD|FONT|B|I|U|BR|SUB|SUP)\\b[^<>]*>")]
    private static partial Regex HtmlTag();

    /// <summary>The graph without styling: each node with its cluster and visible label text, each edge with its label, sorted.</summary>
    private static List<string> Structure(string dotText)
    {
        var dot = DotParser.Parse(dotText);
        var nodes = dot.Nodes.Values.Select(n => $"node {n.Id} [{n.Cluster}] {VisibleText(n.Label)}");
        var edges = dot.Edges.Select(e => $"edge {e.From} -> {e.To} {VisibleText(e.Label ?? "")}");
        var clusters = dot.ClusterLabels.Select(c => $"cluster {c.Key} {VisibleText(c.Value)}");
        return [.. nodes.Concat(edges).Concat(clusters).Order(StringComparer.Ordinal)];
    }
}
