using System.Text;

namespace P4Bpf.Cli.Tests.Graphs;

/// <summary>A tiny DOT reader for the tests: enough of the language to read back what <c>DotWriter</c> emits (quoted ids, HTML labels, attribute lists, clusters, edges).</summary>
internal sealed class DotParser
{
    public sealed record Node(string Id, string? Cluster, IReadOnlyDictionary<string, string> Attributes)
    {
        public string Label => Attributes.GetValueOrDefault("label") ?? "";
    }

    public sealed record Edge(string From, string To, IReadOnlyDictionary<string, string> Attributes)
    {
        public string? Label => Attributes.GetValueOrDefault("label");
    }

    public sealed record Graph(string Name, IReadOnlyDictionary<string, Node> Nodes, IReadOnlyList<Edge> Edges, IReadOnlyDictionary<string, string> ClusterLabels, IReadOnlyDictionary<string, string> GraphAttributes)
    {
        public IEnumerable<Edge> From(string id) => Edges.Where(e => e.From == id);

        public Edge EdgeBetween(string from, string to) => Edges.Single(e => e.From == from && e.To == to);
    }

    private readonly List<string> _tokens;
    private int _pos;

    private DotParser(List<string> tokens) => _tokens = tokens;

    public static Graph Parse(string text) => new DotParser(Tokenize(text)).ParseGraph();

    private Graph ParseGraph()
    {
        Expect("digraph");
        var name = Next();
        Expect("{");
        var nodes = new Dictionary<string, Node>();
        var edges = new List<Edge>();
        var clusters = new Dictionary<string, string>();
        var graphAttributes = new Dictionary<string, string>();
        ParseBody(null, nodes, edges, clusters, graphAttributes);
        if (_pos != _tokens.Count)
        {
            throw new FormatException($"text after the graph at token {_pos}");
        }
        return new Graph(name, nodes, edges, clusters, graphAttributes);
    }

    private void ParseBody(string? cluster, Dictionary<string, Node> nodes, List<Edge> edges, Dictionary<string, string> clusters, Dictionary<string, string> graphAttributes)
    {
        while (Peek() != "}")
        {
            var first = Next();
            if (first == "subgraph")
            {
                var id = Next();
                Expect("{");
                ParseBody(id, nodes, edges, clusters, graphAttributes);
                continue;
            }
            if (first is "graph" or "node" or "edge" && Peek() == "[")
            {
                var defaults = ParseAttributes();
                if (first == "graph")
                {
                    foreach (var kv in defaults)
                    {
                        graphAttributes[kv.Key] = kv.Value;
                    }
                }
                Expect(";");
                continue;
            }
            if (Peek() == "=")
            {
                Next();
                var value = Next();
                if (cluster is not null && first == "label")
                {
                    clusters[cluster] = value;
                }
                Expect(";");
                continue;
            }
            if (Peek() == "->")
            {
                Next();
                var to = Next();
                var attributes = Peek() == "[" ? ParseAttributes() : [];
                edges.Add(new Edge(first, to, attributes));
                Expect(";");
                continue;
            }
            var nodeAttributes = Peek() == "[" ? ParseAttributes() : [];
            if (nodes.ContainsKey(first))
            {
                throw new FormatException($"node {first} declared twice");
            }
            nodes[first] = new Node(first, cluster, nodeAttributes);
            Expect(";");
        }
        Expect("}");
    }

    private Dictionary<string, string> ParseAttributes()
    {
        Expect("[");
        var attributes = new Dictionary<string, string>();
        while (Peek() != "]")
        {
            var key = Next();
            Expect("=");
            attributes[key] = Next();
            if (Peek() == ",")
            {
                Next();
            }
        }
        Expect("]");
        return attributes;
    }

    private string Peek() => _pos < _tokens.Count ? _tokens[_pos] : throw new FormatException("unexpected end of DOT text");

    private string Next()
    {
        var token = Peek();
        _pos++;
        return token;
    }

    private void Expect(string token)
    {
        var got = Next();
        if (got != token)
        {
            throw new FormatException($"expected '{token}' but found '{got}' at token {_pos - 1}");
        }
    }

    /// <summary>Tokens: punctuation, bare words, quoted strings (unescaped: <c>\"</c> → <c>"</c>, <c>\\</c> → <c>\</c>, <c>\n</c> → newline) and HTML labels (kept with their markup, without the outer angle brackets).</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (text[i] != '"')
                {
                    if (text[i] == '\\')
                    {
                        var e = text[i + 1];
                        sb.Append(e switch { 'n' => '\n', _ => e });
                        i += 2;
                    }
                    else
                    {
                        sb.Append(text[i++]);
                    }
                }
                i++;
                tokens.Add(sb.ToString());
            }
            else if (c == '<')
            {
                var depth = 0;
                var start = i;
                do
                {
                    if (text[i] == '<') depth++;
                    else if (text[i] == '>') depth--;
                    i++;
                }
                while (depth > 0);
                tokens.Add(text[(start + 1)..(i - 1)]);
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add("->");
                i += 2;
            }
            else if ("{}[]=;,".Contains(c))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
                {
                    i++;
                }
                if (i == start)
                {
                    throw new FormatException($"unexpected character '{c}' at {i}");
                }
                tokens.Add(text[start..i]);
            }
        }
        return tokens;
    }

    /// <summary>The visible text of an HTML label (tags removed, entities decoded, rows joined by newlines).</summary>
    public static string HtmlText(string html)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < html.Length)
        {
            if (html[i] == '<')
            {
                var end = html.IndexOf('>', i);
                var tag = html[(i + 1)..end];
                if (tag == "/TR" && sb.Length > 0)
                {
                    sb.Append('\n');
                }
                i = end + 1;
            }
            else
            {
                sb.Append(html[i++]);
            }
        }
        return sb.ToString().Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&amp;", "&").TrimEnd('\n');
    }
}
