namespace P4Bpf.Cli.Graphs;

/// <summary>The look of every graph: fonts, shapes and colours per <see cref="NodeRole"/>, and edge colours for outcomes.</summary>
/// <remarks>Kept in one place so the parser, control and pipeline pictures read alike (green = accept/hit/true, red = reject/miss/false).</remarks>
internal static class GraphStyle
{
    public const string Font = "Helvetica";
    public const string MonoFont = "Courier";

    public const string Green = "#2e7d32";
    public const string Red = "#c62828";
    public const string Blue = "#1565c0";
    public const string Grey = "#757575";
    public const string Purple = "#6a1b9a";

    /// <summary>Sets the graph, node and edge defaults: top-to-bottom, readable fonts, orthogonal-ish spacing.</summary>
    public static void ApplyDefaults(DotGraph graph, string rankdir = "TB")
    {
        graph.GraphAttributes
            .Set("rankdir", rankdir)
            .Set("fontname", Font)
            .Set("fontsize", "14")
            .Set("nodesep", "0.35")
            .Set("ranksep", "0.45")
            .Set("newrank", "true")
            .Set("bgcolor", "white");
        graph.NodeDefaults
            .Set("fontname", Font)
            .Set("fontsize", "11")
            .Set("shape", "box")
            .Set("style", "rounded")
            .Set("margin", "0.12,0.06");
        graph.EdgeDefaults
            .Set("fontname", Font)
            .Set("fontsize", "10")
            .Set("color", "#424242")
            .Set("arrowsize", "0.7");
    }

    /// <summary>Shape and colours for a node, from its role.</summary>
    public static void Apply(DotNode node)
    {
        var a = node.Attributes;
        switch (node.Role)
        {
            case NodeRole.State:
                a.Set("shape", "box").Set("style", "rounded,filled").Set("fillcolor", "#e3f2fd").Set("color", Blue);
                break;
            case NodeRole.Accept:
                a.Set("shape", "doublecircle").Set("style", "filled").Set("fillcolor", "#c8e6c9").Set("color", Green).Set("fontcolor", Green);
                break;
            case NodeRole.Reject:
                a.Set("shape", "doublecircle").Set("style", "filled").Set("fillcolor", "#ffcdd2").Set("color", Red).Set("fontcolor", Red);
                break;
            case NodeRole.UndefinedState:
                a.Set("shape", "box").Set("style", "dashed").Set("color", Red).Set("fontcolor", Red);
                break;
            case NodeRole.Start:
                a.Set("shape", "oval").Set("style", "filled").Set("fillcolor", "#eeeeee");
                break;
            case NodeRole.End:
                a.Set("shape", "oval").Set("style", "filled").Set("fillcolor", "#eeeeee");
                break;
            case NodeRole.Condition:
                a.Set("shape", "diamond").Set("style", "filled").Set("fillcolor", "#fff8e1").Set("color", "#f9a825");
                break;
            case NodeRole.Switch:
                a.Set("shape", "hexagon").Set("style", "filled").Set("fillcolor", "#fff8e1").Set("color", "#f9a825");
                break;
            case NodeRole.Table:
                a.Set("shape", "box").Set("style", "filled").Set("fillcolor", "#e8eaf6").Set("color", "#283593").Set("penwidth", "1.5");
                break;
            case NodeRole.Action:
                a.Set("shape", "box").Set("style", "rounded,filled").Set("fillcolor", "#f3e5f5").Set("color", Purple);
                break;
            case NodeRole.Statements:
                a.Set("shape", "box").Set("style", "filled").Set("fillcolor", "#fafafa").Set("color", "#9e9e9e")
                    .Set("fontname", MonoFont).Set("fontsize", "10");
                break;
            case NodeRole.Call:
                a.Set("shape", "component").Set("style", "filled").Set("fillcolor", "#e0f2f1").Set("color", "#00695c");
                break;
            case NodeRole.Exit:
                a.Set("shape", "octagon").Set("style", "filled").Set("fillcolor", "#ffcdd2").Set("color", Red).Set("fontcolor", Red);
                break;
            case NodeRole.Return:
                a.Set("shape", "oval").Set("style", "filled").Set("fillcolor", "#eeeeee");
                break;
            case NodeRole.Parser:
                a.Set("shape", "box").Set("style", "rounded,filled").Set("fillcolor", "#e3f2fd").Set("color", Blue);
                break;
            case NodeRole.Control:
                a.Set("shape", "box").Set("style", "filled").Set("fillcolor", "#e8eaf6").Set("color", "#283593");
                break;
            case NodeRole.Package:
            case NodeRole.Extern:
                a.Set("shape", "box").Set("style", "dashed").Set("color", Grey).Set("fontcolor", Grey);
                break;
            case NodeRole.Program:
                a.Set("shape", "box").Set("style", "filled").Set("fillcolor", "#fff3e0").Set("color", "#e65100").Set("penwidth", "1.5");
                break;
            case NodeRole.Map:
                a.Set("shape", "cylinder").Set("style", "filled").Set("fillcolor", "#f1f8e9").Set("color", "#558b2f");
                break;
        }
    }

    /// <summary>Colours an edge for an outcome: <c>true</c>/hit/accept green, <c>false</c>/miss/reject red.</summary>
    public static DotEdge Outcome(this DotEdge edge, bool good)
    {
        var colour = good ? Green : Red;
        edge.Attributes.Set("color", colour).Set("fontcolor", colour);
        return edge;
    }

    public static DotEdge Dashed(this DotEdge edge)
    {
        edge.Attributes.Set("style", "dashed");
        return edge;
    }

    public static DotEdge Coloured(this DotEdge edge, string colour)
    {
        edge.Attributes.Set("color", colour).Set("fontcolor", colour);
        return edge;
    }

    /// <summary>Styles a cluster as a light rounded box with a bold label.</summary>
    public static void Apply(DotCluster cluster, string fill = "#fafafa", string colour = "#9e9e9e")
    {
        cluster.Attributes.Set("style", "rounded,filled").Set("fillcolor", fill).Set("color", colour)
            .Set("fontname", Font + " Bold").Set("fontsize", "12").Set("labeljust", "l");
    }
}
