using System.Text;

namespace P4Bpf.Cli.Graphs;

/// <summary>Writes a <see cref="DotGraph"/> as Graphviz DOT text: every id and value quoted and escaped, in build order, with '\n' line ends.</summary>
/// <remarks>The same graph always gives the same bytes, so goldens can be compared verbatim.</remarks>
internal static class DotWriter
{
    public static string Write(DotGraph graph)
    {
        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(graph.Name)).Append(" {\n");
        var graphAttributes = new DotAttributes();
        foreach (var kv in graph.GraphAttributes.Items)
        {
            graphAttributes[kv.Key] = kv.Value;
        }
        if (graph.Title is not null)
        {
            graphAttributes["label"] = graph.Title;
            graphAttributes["labelloc"] = "t";
        }
        WriteDefaults(sb, "graph", graphAttributes, "  ");
        WriteDefaults(sb, "node", graph.NodeDefaults, "  ");
        WriteDefaults(sb, "edge", graph.EdgeDefaults, "  ");
        foreach (var cluster in graph.Clusters)
        {
            WriteCluster(sb, cluster, "  ");
        }
        foreach (var node in graph.Nodes)
        {
            WriteNode(sb, node, "  ");
        }
        foreach (var edge in graph.Edges)
        {
            sb.Append("  ").Append(Quote(edge.From)).Append(" -> ").Append(Quote(edge.To));
            var attributes = new List<KeyValuePair<string, string>>();
            if (edge.Label is not null)
            {
                attributes.Add(new("label", edge.Label));
            }
            attributes.AddRange(edge.Attributes.Items);
            WriteAttributeList(sb, attributes);
            sb.Append(";\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>A DOT quoted string: <c>"</c> and <c>\</c> are escaped, a newline becomes a centred line break <c>\n</c>.</summary>
    /// <remarks>Graphviz reads <c>\\</c> as one backslash in labels, so text such as <c>a\b</c> shows as written.</remarks>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                case '\t': sb.Append(' '); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append(' ');
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static void WriteCluster(StringBuilder sb, DotCluster cluster, string indent)
    {
        sb.Append(indent).Append("subgraph ").Append(Quote(cluster.Id)).Append(" {\n");
        var inner = indent + "  ";
        sb.Append(inner).Append("label=").Append(Quote(cluster.Label)).Append(";\n");
        foreach (var kv in cluster.Attributes.Items)
        {
            sb.Append(inner).Append(kv.Key).Append('=').Append(Quote(kv.Value)).Append(";\n");
        }
        foreach (var nested in cluster.Clusters)
        {
            WriteCluster(sb, nested, inner);
        }
        foreach (var node in cluster.Nodes)
        {
            WriteNode(sb, node, inner);
        }
        sb.Append(indent).Append("}\n");
    }

    private static void WriteNode(StringBuilder sb, DotNode node, string indent)
    {
        sb.Append(indent).Append(Quote(node.Id));
        sb.Append(" [label=").Append(node.Label.IsHtml ? "<" + node.Label.Text + ">" : Quote(node.Label.Text));
        foreach (var kv in node.Attributes.Items)
        {
            sb.Append(", ").Append(kv.Key).Append('=').Append(Quote(kv.Value));
        }
        sb.Append("];\n");
    }

    private static void WriteDefaults(StringBuilder sb, string keyword, DotAttributes attributes, string indent)
    {
        if (attributes.Items.Count == 0)
        {
            return;
        }
        sb.Append(indent).Append(keyword);
        WriteAttributeList(sb, attributes.Items);
        sb.Append(";\n");
    }

    private static void WriteAttributeList(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        if (attributes.Count == 0)
        {
            return;
        }
        sb.Append(" [");
        for (var i = 0; i < attributes.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            sb.Append(attributes[i].Key).Append('=').Append(Quote(attributes[i].Value));
        }
        sb.Append(']');
    }
}
