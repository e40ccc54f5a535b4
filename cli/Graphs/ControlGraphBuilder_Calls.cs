using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>Calls in a control: table applies, sub-control applies, direct action and function calls.</summary>
internal sealed partial class ControlGraphBuilder
{
    private enum CallKind { Other, TableApply, ControlApply, Action, Function }

    /// <summary>At most this many statements of an action body are shown under a direct action call.</summary>
    public const int MaxActionRows = 6;

    private CallKind Classify(CallExpression call) => Classify(call, out _);

    private CallKind Classify(CallExpression call, out Declaration? declaration)
    {
        declaration = null;
        switch (call.Target)
        {
            case MemberExpression { Member.Text: "apply", Target: NameExpression n }:
                declaration = _scope.Lookup(n.Name.Text);
                return declaration switch
                {
                    TableDeclaration => CallKind.TableApply,
                    ControlDeclaration or ControlTypeDeclaration => CallKind.ControlApply,
                    InstantiationDeclaration i when _scope.LookupType(i.Type) is ControlDeclaration or ControlTypeDeclaration => CallKind.ControlApply,
                    _ => CallKind.Other,
                };
            case NameExpression n:
                declaration = _scope.Lookup(n.Name.Text);
                return declaration switch
                {
                    ActionDeclaration => CallKind.Action,
                    FunctionDeclaration => CallKind.Function,
                    _ => CallKind.Other,
                };
            default:
                return CallKind.Other;
        }
    }

    private IReadOnlyList<Pending> Call(CallExpression call, IReadOnlyList<Pending> incoming)
    {
        switch (Classify(call, out var declaration))
        {
            case CallKind.TableApply:
                return [new Pending(TableNode((TableDeclaration)declaration!, incoming), null)];
            case CallKind.ControlApply:
            {
                var instance = ((MemberExpression)call.Target).Target is NameExpression n ? n.Name.Text : "?";
                var type = declaration switch
                {
                    InstantiationDeclaration i => P4Text.Type(i.Type),
                    _ => instance,
                };
                var label = new HtmlLabel().Title(instance, "apply");
                if (type != instance)
                {
                    label.Detail("control " + type);
                }
                if (!call.Arguments.IsEmpty)
                {
                    label.Detail(P4Text.Shorten("(" + string.Join(", ", call.Arguments.Select(P4Text.Arg)) + ")"));
                }
                var node = AddNode("apply_" + instance, label.Build(), NodeRole.Call, instance, incoming);
                return [new Pending(node, null)];
            }
            case CallKind.Action:
            {
                var action = (ActionDeclaration)declaration!;
                var label = new HtmlLabel().Title(action.Name.Text + "(" + string.Join(", ", call.Arguments.Select(P4Text.Arg)) + ")", "action");
                var body = action.Body.Statements.Select(s => P4Text.Shorten(P4Text.Statement(s), 48)).ToList();
                foreach (var line in body.Take(MaxActionRows))
                {
                    label.Detail(line);
                }
                if (body.Count > MaxActionRows)
                {
                    label.Detail($"… {body.Count - MaxActionRows} more");
                }
                var node = AddNode("action_" + action.Name.Text, label.Build(), NodeRole.Action, action.Name.Text, incoming);
                node.Facts["statements"] = body;
                return [new Pending(node, null)];
            }
            case CallKind.Function:
            {
                var function = (FunctionDeclaration)declaration!;
                var label = new HtmlLabel().Title(P4Text.Shorten(P4Text.Expr(call)), "call");
                var node = AddNode("call_" + function.Name.Text, label.Build(), NodeRole.Call, function.Name.Text, incoming);
                return [new Pending(node, null)];
            }
            default:
            {
                var node = AddNode("stmt", DotLabel.Plain(P4Text.Shorten(P4Text.Expr(call))), NodeRole.Statements, null, incoming);
                return [new Pending(node, null)];
            }
        }
    }

    /// <summary>The table applied by <paramref name="expression"/> if it is <c>t.apply()</c>.</summary>
    private TableDeclaration? AppliedTable(Expression expression) =>
        expression is CallExpression { Target: MemberExpression { Member.Text: "apply", Target: NameExpression n } }
            ? _scope.Lookup(n.Name.Text) as TableDeclaration
            : null;

    /// <summary>Every <c>t.apply()</c> inside a plain statement, in evaluation (left-to-right) order.</summary>
    private IEnumerable<TableDeclaration> TableAppliesIn(Statement statement) => statement switch
    {
        AssignmentStatement a => TableAppliesIn(a.Target).Concat(TableAppliesIn(a.Value)),
        DeclarationStatement { Declaration: VariableDeclaration { Initializer: { } init } } => TableAppliesIn(init),
        DeclarationStatement { Declaration: ConstantDeclaration c } => TableAppliesIn(c.Value),
        MethodCallStatement m => m.Call.Arguments.SelectMany(arg => TableAppliesIn(arg.Value)),
        _ => [],
    };

    private IEnumerable<TableDeclaration> TableAppliesIn(Expression expression)
    {
        foreach (var e in Descendants(expression))
        {
            if (AppliedTable(e) is { } table)
            {
                yield return table;
            }
        }
    }

    /// <summary>The expression and its sub-expressions, children before parents (evaluation order).</summary>
    private static IEnumerable<Expression> Descendants(Expression expression)
    {
        IEnumerable<Expression> children = expression switch
        {
            MemberExpression m => [m.Target],
            IndexExpression i => [i.Target, i.Index],
            SliceExpression s => [s.Target, s.First, s.Second],
            CallExpression c => c.Arguments.Select(a => a.Value).Prepend(c.Target),
            UnaryExpression u => [u.Operand],
            BinaryExpression b => [b.Left, b.Right],
            ConditionalExpression c => [c.Condition, c.WhenTrue, c.WhenFalse],
            CastExpression c => [c.Operand],
            ListExpression l => l.Elements,
            StructExpression s => s.Fields.Select(f => f.Value),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var e in Descendants(child))
            {
                yield return e;
            }
        }
        yield return expression;
    }
}
