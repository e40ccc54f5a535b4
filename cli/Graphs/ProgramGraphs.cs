using P4Bpf.EbpfGen.Layout;
using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>A graph and the file name (without extension) it is written to.</summary>
internal sealed record NamedGraph(string FileStem, DotGraph Graph);

/// <summary>Every picture of one program: the pipeline overview, one state machine per parser, one flow chart per control, and the eBPF programs and maps when a layout manifest is given.</summary>
internal static class ProgramGraphs
{
    /// <summary>Builds the graphs of <paramref name="program"/>, naming files <c>{programName}.{kind}.{block}</c>, in a fixed order.</summary>
    public static IReadOnlyList<NamedGraph> Build(P4Program program, string programName, LayoutManifest? layout = null, string? linkExtension = null)
    {
        var scope = DeclarationScope.ForProgram(program);
        var graphs = new List<NamedGraph>();
        var main = MainPackageInfo.Find(program, scope);
        var stems = new Dictionary<Declaration, string>(ReferenceEqualityComparer.Instance);
        foreach (var declaration in program.Declarations)
        {
            switch (declaration)
            {
                case ParserDeclaration parser:
                    stems[parser] = Stem(programName, "parser", parser.Type.Name.Text, graphs);
                    graphs.Add(new NamedGraph(stems[parser], ParserGraphBuilder.Build(parser, scope)));
                    break;
                case ControlDeclaration control:
                    stems[control] = Stem(programName, "control", control.Type.Name.Text, graphs);
                    graphs.Add(new NamedGraph(stems[control], ControlGraphBuilder.Build(control, scope)));
                    break;
            }
        }
        if (main is not null)
        {
            Func<PackageBinding, string?>? link = linkExtension is null
                ? null
                : b => b.Block is not null && stems.TryGetValue(b.Block, out var stem) ? stem + "." + linkExtension : null;
            graphs.Insert(0, new NamedGraph(programName + ".pipeline", PipelineGraphBuilder.Build(programName, main, link)));
        }
        if (layout is not null)
        {
            graphs.Add(new NamedGraph(programName + ".ebpf", LayoutGraphBuilder.Build(layout)));
        }
        return graphs;
    }

    private static string Stem(string programName, string kind, string name, List<NamedGraph> existing)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        var stem = $"{programName}.{kind}.{safe}";
        var candidate = stem;
        for (var i = 2; existing.Any(g => g.FileStem == candidate); i++)
        {
            candidate = $"{stem}_{i}";
        }
        return candidate;
    }
}
