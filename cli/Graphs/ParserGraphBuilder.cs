using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>Draws a parser as its state machine: one box per state (its statements and select keys), an edge per transition labelled with the select keysets, and the accept/reject end states.</summary>
internal sealed class ParserGraphBuilder
{
    /// <summary>At most this many statements are listed in a state box.</summary>
    public const int MaxStatementRows = 12;

    private readonly ParserDeclaration _parser;
    private readonly DeclarationScope _scope;
    private readonly DotGraph _graph;
    private readonly Dictionary<string, DotNode> _states = new(StringComparer.Ordinal);

    private ParserGraphBuilder(ParserDeclaration parser, DeclarationScope programScope)
    {
        _parser = parser;
        _scope = programScope.Nested(parser.Locals);
        _graph = new DotGraph("parser " + parser.Type.Name.Text) { Title = "parser " + parser.Type.Name.Text };
        GraphStyle.ApplyDefaults(_graph);
    }

    public static DotGraph Build(ParserDeclaration parser, DeclarationScope programScope) =>
        new ParserGraphBuilder(parser, programScope).Build();

    private DotGraph Build()
    {
        var entry = _graph.AddNode("entry", DotLabel.Plain(""), NodeRole.Start);
        entry.Attributes.Set("shape", "point").Set("width", "0.12");
        foreach (var state in _parser.States)
        {
            if (!_states.ContainsKey(state.Name.Text))
            {
                _states[state.Name.Text] = AddState(state);
            }
        }
        if (_states.TryGetValue("start", out var start))
        {
            _graph.AddEdge(entry, start);
        }
        else
        {
            _graph.AddEdge(entry, Target("start")).Dashed();
        }
        foreach (var state in _parser.States)
        {
            AddTransitions(state, _states[state.Name.Text]);
        }
        MarkUnreachable(entry);
        SplitBusyEndStates();
        return _graph;
    }

    /// <summary>When more than this many transitions go to accept (or reject), each state gets its own small copy, so edges do not cross the whole picture.</summary>
    public const int MaxSharedEndEdges = 8;

    private void SplitBusyEndStates()
    {
        foreach (var name in new[] { "accept", "reject" })
        {
            if (!_states.TryGetValue(name, out var shared))
            {
                continue;
            }
            var incoming = _graph.Edges.Where(e => e.To == shared.Id).ToList();
            if (incoming.Count <= MaxSharedEndEdges)
            {
                continue;
            }
            foreach (var edge in incoming)
            {
                var copy = _graph.AddNode(name, DotLabel.Plain(name), shared.Role, name);
                GraphStyle.Apply(copy);
                copy.Attributes.Set("shape", "doublecircle").Set("fontsize", "9").Set("width", "0.3").Set("margin", "0.02");
                _graph.Retarget(edge, copy);
            }
            _graph.RemoveIfUnused(shared);
        }
    }

    private DotNode AddState(ParserState state)
    {
        var label = new HtmlLabel().Title(state.Name.Text);
        var lines = state.Statements.Select(s => P4Text.Shorten(Describe(s))).ToList();
        foreach (var line in lines.Take(MaxStatementRows))
        {
            label.Row(line);
        }
        if (lines.Count > MaxStatementRows)
        {
            label.Detail($"… {lines.Count - MaxStatementRows} more");
        }
        if (state.Transition?.Target is SelectExpression select)
        {
            label.Section(P4Text.Shorten("select(" + string.Join(", ", select.Keys.Select(P4Text.Expr)) + ")"));
        }
        var node = _graph.AddNode("state_" + state.Name.Text, label.Build(), NodeRole.State, state.Name.Text);
        node.Facts["statements"] = lines;
        if (state.Transition?.Target is SelectExpression s)
        {
            node.Facts["select"] = s.Keys.Select(P4Text.Expr).ToList();
        }
        GraphStyle.Apply(node);
        if (state.Name.Text == "start")
        {
            node.Attributes.Set("penwidth", "2");
        }
        return node;
    }

    private string Describe(Statement statement)
    {
        if (statement is MethodCallStatement { Call: { Target: MemberExpression { Member.Text: "apply", Target: NameExpression n } } call }
            && _scope.Lookup(n.Name.Text) is InstantiationDeclaration instance
            && _scope.LookupType(instance.Type) is ParserDeclaration or ParserTypeDeclaration)
        {
            return "sub-parser " + P4Text.Expr(call);
        }
        return P4Text.Statement(statement);
    }

    private void AddTransitions(ParserState state, DotNode from)
    {
        switch (state.Transition?.Target)
        {
            case null:
                _graph.AddEdge(from, Target("reject"), "no transition").Dashed().Outcome(good: false);
                break;
            case NameExpression name:
                Style(_graph.AddEdge(from, Target(name.Name.Text)), name.Name.Text, isDefault: false);
                break;
            case SelectExpression select:
                // One edge per target state, listing every keyset that leads there (in case order).
                var byTarget = new List<(string Target, List<string> Keysets, bool IsDefault)>();
                foreach (var @case in select.Cases)
                {
                    var keyset = DescribeKeyset(@case.Keyset);
                    var isDefault = @case.Keyset is DefaultExpression or DontCareExpression;
                    var index = byTarget.FindIndex(t => t.Target == @case.State.Text);
                    if (index < 0)
                    {
                        byTarget.Add((@case.State.Text, [keyset], isDefault));
                    }
                    else
                    {
                        byTarget[index].Keysets.Add(keyset);
                        byTarget[index] = (byTarget[index].Target, byTarget[index].Keysets, byTarget[index].IsDefault || isDefault);
                    }
                }
                foreach (var (target, keysets, isDefault) in byTarget)
                {
                    var label = string.Join("\n", keysets.Take(8).Select(k => P4Text.Shorten(k, 40)));
                    if (keysets.Count > 8)
                    {
                        label += $"\n… {keysets.Count - 8} more";
                    }
                    var edge = _graph.AddEdge(from, Target(target), label);
                    Style(edge, target, isDefault);
                }
                if (!select.Cases.Any(c => c.Keyset is DefaultExpression or DontCareExpression))
                {
                    // The spec: no matching case is a NoMatch error, i.e. reject.
                    _graph.AddEdge(from, Target("reject"), "no match").Dashed().Outcome(good: false);
                }
                break;
            default:
                _graph.AddEdge(from, Target("reject"), P4Text.Shorten(P4Text.Expr(state.Transition.Target))).Dashed();
                break;
        }
    }

    private static void Style(DotEdge edge, string target, bool isDefault)
    {
        if (target == "accept")
        {
            edge.Outcome(good: true);
        }
        else if (target == "reject")
        {
            edge.Outcome(good: false);
        }
        if (isDefault)
        {
            edge.Attributes.Set("style", "dashed");
        }
    }

    /// <summary>A keyset as P4 text, naming value sets and showing the value of constants.</summary>
    private string DescribeKeyset(Expression keyset)
    {
        if (keyset is NameExpression name)
        {
            switch (_scope.Lookup(name.Name.Text))
            {
                case ValueSetDeclaration:
                    return "value_set " + name.Name.Text;
                case ConstantDeclaration { Value: IntegerLiteralExpression literal }:
                    return name.Name.Text + " (" + literal.Text + ")";
            }
        }
        return keyset is TupleKeysetExpression tuple
            ? "(" + string.Join(", ", tuple.Elements.Select(DescribeKeyset)) + ")"
            : P4Text.Keyset(keyset);
    }

    private DotNode Target(string name)
    {
        if (_states.TryGetValue(name, out var node))
        {
            return node;
        }
        node = name switch
        {
            "accept" => _graph.AddNode("accept", DotLabel.Plain("accept"), NodeRole.Accept, name),
            "reject" => _graph.AddNode("reject", DotLabel.Plain("reject"), NodeRole.Reject, name),
            _ => _graph.AddNode("state_" + name, DotLabel.Plain(name + "\n(no such state)"), NodeRole.UndefinedState, name),
        };
        GraphStyle.Apply(node);
        _states[name] = node;
        return node;
    }

    /// <summary>Greys out states that no path from <c>start</c> reaches.</summary>
    private void MarkUnreachable(DotNode entry)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { entry.Id };
        var work = new Stack<string>([entry.Id]);
        while (work.Count > 0)
        {
            var id = work.Pop();
            foreach (var edge in _graph.Edges.Where(e => e.From == id))
            {
                if (reached.Add(edge.To))
                {
                    work.Push(edge.To);
                }
            }
        }
        foreach (var node in _graph.AllNodes.Where(n => n.Role == NodeRole.State && !reached.Contains(n.Id)))
        {
            node.Attributes.Set("fillcolor", "#eeeeee").Set("color", GraphStyle.Grey).Set("style", "rounded,filled,dashed");
            node.Facts["unreachable"] = ["true"];
        }
    }
}
