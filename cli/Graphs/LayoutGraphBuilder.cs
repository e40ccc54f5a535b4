using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Cli.Graphs;

/// <summary>Draws what a program compiled to, from its layout manifest: the eBPF programs (with the P4 blocks each runs) and the maps of every table, counter, register, meter, digest and value set.</summary>
/// <remarks>A map is linked to the program whose blocks own it (by the P4 name's block prefix), to every program when only one exists, and the state map to all.</remarks>
internal static class LayoutGraphBuilder
{
    public static DotGraph Build(LayoutManifest layout)
    {
        var graph = new DotGraph("ebpf " + layout.Program) { Title = $"{layout.Program}: eBPF programs and maps ({layout.Architecture})" };
        GraphStyle.ApplyDefaults(graph, rankdir: "LR");
        graph.GraphAttributes.Set("ranksep", "1.0");

        var programs = new List<(ProgramLayout Layout, DotNode Node)>();
        foreach (var program in layout.Programs)
        {
            var label = new HtmlLabel().Title(program.Name, "program")
                .Detail($"section \"{program.Section}\", hook {program.Hook}");
            foreach (var block in program.Blocks)
            {
                label.Row(block);
            }
            if (program.Deparser is not null)
            {
                label.Row(program.Deparser + " (deparser)");
            }
            var node = graph.AddNode("prog_" + program.Name, label.Build(), NodeRole.Program, program.Name);
            node.Facts["blocks"] = [.. program.Blocks, .. program.Deparser is null ? Array.Empty<string>() : [program.Deparser]];
            GraphStyle.Apply(node);
            programs.Add((program, node));
        }

        var state = AddMap(graph, null, layout.State.Map, "PERCPU_ARRAY", $"state: {layout.State.Slots.Count} slots", $"value {layout.State.ValueSize} B, 1 entry");
        foreach (var (_, node) in programs)
        {
            graph.AddEdge(node, state).Coloured(GraphStyle.Grey);
        }

        foreach (var table in layout.Tables)
        {
            var cluster = graph.AddCluster("table_" + table.Name, $"table {table.Name}  ({KindName(table.Kind)})");
            GraphStyle.Apply(cluster, fill: "#f9fbe7", colour: "#9e9d24");
            var maps = new List<DotNode>();
            var keyText = string.Join(", ", table.Key.Select(k => $"{k.Name}:{k.Match}"));
            var actions = string.Join(", ", table.Actions.Select(a => a.Name));
            if (table.Map is not null)
            {
                var type = table.Kind switch { TableKind.Lpm => "LPM_TRIE", _ => "HASH" };
                maps.Add(AddMap(graph, cluster, table.Map, type, P4Text.Shorten("key " + (keyText.Length == 0 ? "(none)" : keyText), 56),
                    $"key {table.KeySize} B, value {table.ValueSize} B, max {table.Size}", P4Text.Shorten("actions " + actions, 56)));
            }
            else
            {
                var node = graph.AddNode("const_" + table.Name, new HtmlLabel().Title("const entries", "no map")
                    .Detail($"{table.Entries.Count} entries compiled into the program").Build(), NodeRole.Map, table.Name, cluster);
                GraphStyle.Apply(node);
                node.Attributes.Set("shape", "note");
                maps.Add(node);
            }
            if (table.MasksMap is not null)
            {
                maps.Add(AddMap(graph, cluster, table.MasksMap, "ARRAY", "ternary masks", $"max {table.MaxMasks} masks"));
            }
            if (table.DefaultMap is not null)
            {
                maps.Add(AddMap(graph, cluster, table.DefaultMap, "ARRAY", "default action: " + table.DefaultAction.Action + (table.DefaultAction.Const ? " (const)" : ""), $"value {table.ValueSize} B, 1 entry"));
            }
            Link(graph, programs, table.Name, maps);
        }

        foreach (var counter in layout.Counters)
        {
            Link(graph, programs, counter.Name, [AddMap(graph, null, counter.Map, counter.PerCpu ? "PERCPU_ARRAY" : "ARRAY", $"counter {counter.Name} ({counter.Kind})", $"max {counter.Size}")]);
        }
        foreach (var register in layout.Registers)
        {
            Link(graph, programs, register.Name, [AddMap(graph, null, register.Map, "ARRAY", $"register {register.Name} (bit<{register.Width}>)", $"max {register.Size}")]);
        }
        foreach (var meter in layout.Meters)
        {
            Link(graph, programs, meter.Name, [AddMap(graph, null, meter.Map, "ARRAY", $"meter {meter.Name} ({meter.Unit})", $"max {meter.Size}")]);
        }
        foreach (var digest in layout.Digests)
        {
            Link(graph, programs, digest.Name, [AddMap(graph, null, digest.Map, "QUEUE", $"digest {digest.Name}", $"value {digest.ValueSize} B")]);
        }
        foreach (var valueSet in layout.ValueSets)
        {
            Link(graph, programs, valueSet.Name, [AddMap(graph, null, valueSet.Map, "HASH", $"value_set {valueSet.Name} (bit<{valueSet.Width}>)", $"max {valueSet.Size}")]);
        }
        return graph;
    }

    private static DotNode AddMap(DotGraph graph, DotCluster? cluster, string map, string type, params string[] details)
    {
        var label = new HtmlLabel().Title(map).Detail(type);
        foreach (var detail in details)
        {
            label.Row(detail);
        }
        var node = graph.AddNode("map_" + map, label.Build(), NodeRole.Map, map, cluster);
        node.Facts["type"] = [type];
        GraphStyle.Apply(node);
        return node;
    }

    /// <summary>Edges from the programs that own the P4 object <paramref name="p4Name"/> to its maps.</summary>
    private static void Link(DotGraph graph, List<(ProgramLayout Layout, DotNode Node)> programs, string p4Name, List<DotNode> maps)
    {
        var dot = p4Name.IndexOf('.');
        var owner = dot > 0 ? p4Name[..dot] : null;
        var owners = programs.Where(p => owner is not null && (p.Layout.Blocks.Contains(owner) || p.Layout.Deparser == owner)).ToList();
        if (owners.Count == 0 && programs.Count == 1)
        {
            owners = programs;
        }
        foreach (var (_, node) in owners)
        {
            foreach (var map in maps)
            {
                graph.AddEdge(node, map);
            }
        }
    }

    private static string KindName(TableKind kind) => kind switch
    {
        TableKind.Exact => "exact: hash",
        TableKind.Lpm => "lpm: LPM trie",
        TableKind.Ternary => "ternary: tuple-space search",
        _ => "const entries only",
    };
}
