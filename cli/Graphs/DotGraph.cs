namespace P4Bpf.Cli.Graphs;

/// <summary>What a node stands for; tests and styling key on it, the DOT text does not show it.</summary>
internal enum NodeRole
{
    State, Accept, Reject, UndefinedState,
    Start, End, Condition, Table, Action, Statements, Call, Exit, Return, Switch,
    Parser, Control, Package, Extern,
    Program, Map,
}

/// <summary>A node label: plain text (newlines become centred line breaks) or a Graphviz HTML-like label built with <see cref="HtmlLabel"/>.</summary>
internal sealed record DotLabel(string Text, bool IsHtml)
{
    public static DotLabel Plain(string text) => new(text, false);

    public static DotLabel Html(string markup) => new(markup, true);

    public override string ToString() => Text;
}

/// <summary>A DOT attribute list that keeps insertion order (so output is deterministic) and lets a later set replace an earlier one.</summary>
internal sealed class DotAttributes
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    public string? this[string name]
    {
        get => _items.FirstOrDefault(kv => kv.Key == name).Value;
        set
        {
            var index = _items.FindIndex(kv => kv.Key == name);
            if (value is null)
            {
                if (index >= 0)
                {
                    _items.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                _items[index] = new(name, value);
            }
            else
            {
                _items.Add(new(name, value));
            }
        }
    }

    public DotAttributes Set(string name, string value)
    {
        this[name] = value;
        return this;
    }
}

/// <summary>A node: a stable id (unique in its graph), a label, its role and extra attributes (shape, colours).</summary>
internal sealed class DotNode(string id, DotLabel label, NodeRole role)
{
    public string Id { get; } = id;

    public DotLabel Label { get; set; } = label;

    public NodeRole Role { get; } = role;

    /// <summary>The P4 name this node is about (state, table, action, block), or null.</summary>
    public string? Name { get; init; }

    /// <summary>What the label shows, as data for tests and tools: e.g. a table's <c>keys</c> and <c>actions</c>, a state's <c>statements</c>.</summary>
    public Dictionary<string, IReadOnlyList<string>> Facts { get; } = new(StringComparer.Ordinal);

    public DotAttributes Attributes { get; } = new();
}

/// <summary>A directed edge with an optional label.</summary>
internal sealed class DotEdge(string from, string to, string? label)
{
    public string From { get; } = from;

    public string To { get; } = to;

    public string? Label { get; } = label;

    public DotAttributes Attributes { get; } = new();
}

/// <summary>A <c>subgraph cluster_…</c>: a labelled box around nodes and nested clusters.</summary>
internal sealed class DotCluster(string id, string label)
{
    public string Id { get; } = id;

    public string Label { get; } = label;

    public List<DotNode> Nodes { get; } = [];

    public List<DotCluster> Clusters { get; } = [];

    public DotAttributes Attributes { get; } = new();
}

/// <summary>A directed graph in the order it was built: top-level nodes, clusters, then edges; ids are unique across the whole graph.</summary>
internal sealed class DotGraph(string name)
{
    private readonly Dictionary<string, DotNode> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedIds = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>A title shown at the top of the picture.</summary>
    public string? Title { get; set; }

    public DotAttributes GraphAttributes { get; } = new();

    public DotAttributes NodeDefaults { get; } = new();

    public DotAttributes EdgeDefaults { get; } = new();

    public List<DotNode> Nodes { get; } = [];

    public List<DotCluster> Clusters { get; } = [];

    public List<DotEdge> Edges { get; } = [];

    /// <summary>Every node, in clusters too, in writing order.</summary>
    public IEnumerable<DotNode> AllNodes => Nodes.Concat(Clusters.SelectMany(AllIn));

    public DotNode? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The node about the P4 name <paramref name="name"/> with role <paramref name="role"/>, or null.</summary>
    public DotNode? FindByName(string name, NodeRole role) => AllNodes.FirstOrDefault(n => n.Name == name && n.Role == role);

    /// <summary>Makes an id from <paramref name="hint"/> (letters, digits and '_'), adding a counter when it is taken.</summary>
    public string NewId(string hint)
    {
        var baseId = Sanitize(hint);
        var id = baseId;
        for (var i = 2; !_usedIds.Add(id); i++)
        {
            id = $"{baseId}_{i}";
        }
        return id;
    }

    /// <summary>Adds a node to the graph, or to <paramref name="cluster"/> when given.</summary>
    public DotNode AddNode(string idHint, DotLabel label, NodeRole role, string? name = null, DotCluster? cluster = null)
    {
        var node = new DotNode(NewId(idHint), label, role) { Name = name };
        _byId[node.Id] = node;
        (cluster?.Nodes ?? Nodes).Add(node);
        return node;
    }

    public DotCluster AddCluster(string idHint, string label, DotCluster? parent = null)
    {
        var cluster = new DotCluster("cluster_" + NewId(idHint), label);
        (parent?.Clusters ?? Clusters).Add(cluster);
        return cluster;
    }

    public DotEdge AddEdge(DotNode from, DotNode to, string? label = null)
    {
        var edge = new DotEdge(from.Id, to.Id, string.IsNullOrEmpty(label) ? null : label);
        Edges.Add(edge);
        return edge;
    }

    /// <summary>Points <paramref name="edge"/> at <paramref name="to"/> instead, keeping its label, attributes and position in the edge list.</summary>
    public DotEdge Retarget(DotEdge edge, DotNode to)
    {
        var index = Edges.IndexOf(edge);
        var replacement = new DotEdge(edge.From, to.Id, edge.Label);
        foreach (var kv in edge.Attributes.Items)
        {
            replacement.Attributes[kv.Key] = kv.Value;
        }
        Edges[index] = replacement;
        return replacement;
    }

    /// <summary>Edges leaving <paramref name="node"/>, in order.</summary>
    public IEnumerable<DotEdge> EdgesFrom(DotNode node) => Edges.Where(e => e.From == node.Id);

    /// <summary>Removes a node that no edge touches (used for optional end nodes); returns false when edges still use it.</summary>
    public bool RemoveIfUnused(DotNode node)
    {
        if (Edges.Any(e => e.From == node.Id || e.To == node.Id))
        {
            return false;
        }
        _byId.Remove(node.Id);
        return Nodes.Remove(node) || Clusters.Any(c => RemoveFrom(c, node));
    }

    private static bool RemoveFrom(DotCluster cluster, DotNode node) =>
        cluster.Nodes.Remove(node) || cluster.Clusters.Any(c => RemoveFrom(c, node));

    private static IEnumerable<DotNode> AllIn(DotCluster cluster) => cluster.Nodes.Concat(cluster.Clusters.SelectMany(AllIn));

    private static string Sanitize(string hint)
    {
        var chars = hint.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var id = new string(chars).Trim('_');
        return id.Length == 0 ? "n" : id;
    }
}
