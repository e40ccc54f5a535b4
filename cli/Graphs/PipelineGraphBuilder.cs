using P4Bpf.Front.Syntax;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;

namespace P4Bpf.Cli.Graphs;

/// <summary>Draws the architecture's blocks in order, from the <c>main</c> package instantiation, grouped into the eBPF programs (stages) the architecture model makes of them.</summary>
internal static class PipelineGraphBuilder
{
    /// <summary>Builds the overview; <paramref name="link"/> gives, per block, the file its own graph is in (for SVG links), or null.</summary>
    public static DotGraph Build(string programName, MainPackageInfo main, Func<PackageBinding, string?>? link = null)
    {
        var model = ModelFor(main);
        var stages = model is null ? null : Stages(model, main);
        var graph = new DotGraph("pipeline " + programName)
        {
            Title = $"{programName}: {main.PackageType} main" + (model is null ? "" : $" ({model.Name})"),
        };
        GraphStyle.ApplyDefaults(graph, rankdir: "LR");
        graph.GraphAttributes.Set("ranksep", "0.6");

        var clusters = new Dictionary<string, DotCluster>(StringComparer.Ordinal);
        var stageOf = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stages is not null)
        {
            foreach (var stage in stages)
            {
                var cluster = graph.AddCluster("stage_" + stage.Name, $"eBPF program {stage.Name}  (section \"{stage.Section}\", {HookName(stage.Hook)})");
                GraphStyle.Apply(cluster, fill: "#fff8f0", colour: "#e65100");
                clusters[stage.Name] = cluster;
            }
        }
        var nodes = new List<(PackageBinding Binding, DotNode Node, string? Stage)>();
        AddBindings(graph, main.Bindings, null, stages, clusters, nodes, link);

        for (var i = 0; i + 1 < nodes.Count; i++)
        {
            var (_, from, fromStage) = nodes[i];
            var (_, to, toStage) = nodes[i + 1];
            var edge = graph.AddEdge(from, to);
            if (stages is not null && fromStage != toStage)
            {
                edge.Dashed().Coloured(GraphStyle.Grey);
                if (fromStage is not null && toStage is not null && stages.Count > 1)
                {
                    edge.Attributes.Set("label", "traffic manager");
                }
            }
        }
        return graph;
    }

    private static void AddBindings(DotGraph graph, IReadOnlyList<PackageBinding> bindings, DotCluster? parent,
        IReadOnlyList<IrStage>? stages, Dictionary<string, DotCluster> clusters, List<(PackageBinding, DotNode, string?)> nodes,
        Func<PackageBinding, string?>? link)
    {
        foreach (var binding in bindings)
        {
            if (binding.IsPackage)
            {
                if (stages is not null)
                {
                    AddBindings(graph, binding.Nested, parent, stages, clusters, nodes, link);
                    continue;
                }
                var cluster = graph.AddCluster("package_" + binding.Parameter, $"{binding.Parameter} : {binding.BlockName}", parent);
                GraphStyle.Apply(cluster);
                AddBindings(graph, binding.Nested, cluster, stages, clusters, nodes, link);
                continue;
            }
            var stage = stages?.FirstOrDefault(s => s.Blocks.Contains(binding.BlockName) || s.Deparser == binding.BlockName);
            var prefix = binding.Role switch
            {
                NodeRole.Parser => "parser",
                NodeRole.Control => binding.BlockName == stage?.Deparser ? "deparser" : "control",
                _ => "extern",
            };
            var label = new HtmlLabel().Title(binding.BlockName, prefix)
                .Detail(binding.Parameter + (binding.ParameterType.Length > 0 ? " : " + binding.ParameterType : ""));
            if (binding.Block is null && binding.Role == NodeRole.Extern)
            {
                label.Detail("(not declared)");
            }
            var node = graph.AddNode("block_" + binding.Parameter, label.Build(), binding.Role, binding.BlockName,
                stage is null ? parent : clusters[stage.Name]);
            node.Facts["parameter"] = [binding.Parameter];
            GraphStyle.Apply(node);
            if (link?.Invoke(binding) is { } href)
            {
                node.Attributes.Set("href", href).Set("tooltip", "open the graph of " + binding.BlockName);
            }
            nodes.Add((binding, node, stage?.Name));
        }
    }

    /// <summary>The architecture model for the package type (<c>V1Switch</c> → v1model …), or null for other packages.</summary>
    public static ArchitectureModel? ModelFor(MainPackageInfo main) => main.PackageType switch
    {
        "V1Switch" => ArchitectureModel.Get("v1model"),
        "PSA_Switch" => ArchitectureModel.Get("psa"),
        "ebpfFilter" => ArchitectureModel.Get("ebpf"),
        "xdp" => ArchitectureModel.Get("xdp"),
        _ => null,
    };

    /// <summary>The stage programs, when every package parameter the model needs is bound to a parser or control; else null.</summary>
    private static IReadOnlyList<IrStage>? Stages(ArchitectureModel model, MainPackageInfo main)
    {
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var leaf in main.Leaves())
        {
            if (leaf.Role is NodeRole.Parser or NodeRole.Control)
            {
                blocks.TryAdd(leaf.Parameter, leaf.BlockName);
            }
        }
        if (!model.PackageBlocks.All(blocks.ContainsKey))
        {
            return null;
        }
        return model.CreateStages(blocks).ToList();
    }

    private static string HookName(StageHook hook) => hook switch
    {
        StageHook.Xdp => "XDP",
        StageHook.Tc => "TC",
        _ => hook.ToString(),
    };
}
