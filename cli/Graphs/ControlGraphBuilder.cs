using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>Draws a control's <c>apply</c> block as a flow chart: conditions, table applies (hit/miss, action_run cases), direct action calls, sub-control applies, runs of plain statements, exit and return.</summary>
/// <remarks>
/// Built by walking statements with a list of pending edges (the ends of the paths so far): each new node takes every
/// pending edge, and branches return the union of their ends. Runs of plain statements share one box.
/// </remarks>
internal sealed partial class ControlGraphBuilder
{
    /// <summary>A path end not yet connected: the node it leaves, the edge label and its colour (null, true = good, false = bad).</summary>
    private sealed record Pending(DotNode From, string? Label, bool? Outcome = null, bool Dashed = false);

    private readonly ControlDeclaration _control;
    private readonly DeclarationScope _scope;
    private readonly DotGraph _graph;
    private readonly DotNode _start;
    private DotNode? _end;
    private DotNode? _exit;

    private ControlGraphBuilder(ControlDeclaration control, DeclarationScope programScope)
    {
        _control = control;
        _scope = programScope.Nested(control.Locals);
        _graph = new DotGraph("control " + control.Type.Name.Text) { Title = "control " + control.Type.Name.Text };
        GraphStyle.ApplyDefaults(_graph);
        _start = _graph.AddNode("apply", DotLabel.Plain("apply"), NodeRole.Start);
        GraphStyle.Apply(_start);
    }

    public static DotGraph Build(ControlDeclaration control, DeclarationScope programScope) =>
        new ControlGraphBuilder(control, programScope).Build();

    private DotGraph Build()
    {
        var ends = Statements(_control.Apply.Statements, [new Pending(_start, null)]);
        Connect(ends, End);
        return _graph;
    }

    private DotNode End
    {
        get
        {
            if (_end is null)
            {
                _end = _graph.AddNode("end", DotLabel.Plain("end"), NodeRole.End);
                GraphStyle.Apply(_end);
            }
            return _end;
        }
    }

    private DotNode Exit
    {
        get
        {
            if (_exit is null)
            {
                _exit = _graph.AddNode("exit", DotLabel.Plain("exit"), NodeRole.Exit);
                GraphStyle.Apply(_exit);
            }
            return _exit;
        }
    }

    private void Connect(IReadOnlyList<Pending> pending, DotNode to)
    {
        foreach (var p in pending)
        {
            var edge = _graph.AddEdge(p.From, to, p.Label);
            if (p.Outcome is { } good)
            {
                edge.Outcome(good);
            }
            if (p.Dashed)
            {
                edge.Dashed();
            }
        }
    }

    private DotNode AddNode(string idHint, DotLabel label, NodeRole role, string? name, IReadOnlyList<Pending> incoming)
    {
        var node = _graph.AddNode(idHint, label, role, name);
        GraphStyle.Apply(node);
        Connect(incoming, node);
        return node;
    }

    /// <summary>Walks a statement list; consecutive plain statements become one box.</summary>
    private IReadOnlyList<Pending> Statements(IReadOnlyList<Statement> statements, IReadOnlyList<Pending> incoming)
    {
        var run = new List<Statement>();
        var current = incoming;
        foreach (var statement in statements)
        {
            if (IsPlain(statement))
            {
                run.Add(statement);
                continue;
            }
            current = FlushRun(run, current);
            if (current.Count == 0)
            {
                // Nothing reaches this statement (after exit/return): draw it anyway, unconnected, so no code disappears.
                current = Statement(statement, []);
                continue;
            }
            current = Statement(statement, current);
        }
        return FlushRun(run, current);
    }

    private IReadOnlyList<Pending> FlushRun(List<Statement> run, IReadOnlyList<Pending> incoming)
    {
        if (run.Count == 0)
        {
            return incoming;
        }
        // Table applies nested in plain statements (bool hit = t.apply().hit;) are drawn before the box.
        var current = incoming;
        foreach (var apply in run.SelectMany(s => TableAppliesIn(s)))
        {
            current = [new Pending(TableNode(apply, current), null)];
        }
        var lines = run.Select(s => P4Text.Shorten(P4Text.Statement(s))).ToList();
        var label = new HtmlLabel();
        foreach (var line in lines.Take(MaxStatementRows))
        {
            label.Row(line);
        }
        if (lines.Count > MaxStatementRows)
        {
            label.Detail($"… {lines.Count - MaxStatementRows} more");
        }
        var node = AddNode("stmts", label.Build(), NodeRole.Statements, null, current);
        node.Facts["statements"] = lines;
        run.Clear();
        return [new Pending(node, null)];
    }

    /// <summary>At most this many statements are listed in one box.</summary>
    public const int MaxStatementRows = 10;

    private IReadOnlyList<Pending> Statement(Statement statement, IReadOnlyList<Pending> incoming)
    {
        switch (statement)
        {
            case BlockStatement block:
                return Statements(block.Statements, incoming);
            case IfStatement @if:
                return If(@if, incoming);
            case SwitchStatement @switch:
                return Switch(@switch, incoming);
            case ExitStatement:
                Connect(incoming, Exit);
                return [];
            case ReturnStatement:
                Connect(incoming.Select(p => p with { Label = p.Label is null ? "return" : p.Label + " / return" }).ToList(), End);
                return [];
            case MethodCallStatement call:
                return Call(call.Call, incoming);
            default:
                // Loops and anything else: one box, and the flow goes on.
                var node = AddNode("stmt", DotLabel.Plain(P4Text.Shorten(P4Text.Statement(statement))), NodeRole.Statements, null, incoming);
                node.Facts["statements"] = [P4Text.Statement(statement)];
                return [new Pending(node, null)];
        }
    }

    /// <summary>True for statements that go into a run box: assignments, declarations, empty statements and calls that are not table/control applies, action or function calls.</summary>
    private bool IsPlain(Statement statement) => statement switch
    {
        AssignmentStatement or DeclarationStatement or EmptyStatement => true,
        MethodCallStatement m => Classify(m.Call) is CallKind.Other,
        _ => false,
    };
}
