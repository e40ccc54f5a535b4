using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>Branches in a control: <c>if</c> (with <c>t.apply().hit/miss</c> drawn as the table's hit/miss edges) and <c>switch</c> (with <c>t.apply().action_run</c> drawn as one edge per action).</summary>
internal sealed partial class ControlGraphBuilder
{
    private IReadOnlyList<Pending> If(IfStatement statement, IReadOnlyList<Pending> incoming)
    {
        IReadOnlyList<Pending> thenIn, elseIn;
        if (HitTest(statement.Condition, out var table, out var thenIsHit))
        {
            var node = TableNode(table, incoming);
            thenIn = [new Pending(node, thenIsHit ? "hit" : "miss", thenIsHit)];
            elseIn = [new Pending(node, thenIsHit ? "miss" : "hit", !thenIsHit)];
        }
        else
        {
            var current = incoming;
            foreach (var applied in TableAppliesIn(statement.Condition))
            {
                current = [new Pending(TableNode(applied, current), null)];
            }
            var text = P4Text.Shorten(P4Text.Expr(statement.Condition), 48);
            var node = AddNode("if", DotLabel.Plain(text), NodeRole.Condition, null, current);
            node.Facts["condition"] = [P4Text.Expr(statement.Condition)];
            thenIn = [new Pending(node, "true", true)];
            elseIn = [new Pending(node, "false", false)];
        }
        var thenEnds = Statement(statement.Then, thenIn);
        var elseEnds = statement.Else is null ? elseIn : Statement(statement.Else, elseIn);
        return [.. thenEnds, .. elseEnds];
    }

    /// <summary>Recognises <c>t.apply().hit</c>, <c>t.apply().miss</c> and their negations.</summary>
    private bool HitTest(Expression condition, out TableDeclaration table, out bool thenIsHit)
    {
        var negated = false;
        while (condition is UnaryExpression { Operator: UnaryOperator.LogicalNot } not)
        {
            negated = !negated;
            condition = not.Operand;
        }
        if (condition is MemberExpression { Member.Text: "hit" or "miss" } member && AppliedTable(member.Target) is { } t)
        {
            table = t;
            thenIsHit = (member.Member.Text == "hit") != negated;
            return true;
        }
        table = null!;
        thenIsHit = false;
        return false;
    }

    private IReadOnlyList<Pending> Switch(SwitchStatement statement, IReadOnlyList<Pending> incoming)
    {
        DotNode from;
        TableDeclaration? table = null;
        if (statement.Expression is MemberExpression { Member.Text: "action_run" } run && AppliedTable(run.Target) is { } t)
        {
            table = t;
            from = TableNode(t, incoming);
        }
        else
        {
            var current = incoming;
            foreach (var applied in TableAppliesIn(statement.Expression))
            {
                current = [new Pending(TableNode(applied, current), null)];
            }
            var text = "switch (" + P4Text.Shorten(P4Text.Expr(statement.Expression), 48) + ")";
            from = AddNode("switch", DotLabel.Plain(text), NodeRole.Switch, null, current);
            from.Facts["expression"] = [P4Text.Expr(statement.Expression)];
        }
        var ends = new List<Pending>();
        var labels = new List<string>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var hasDefault = false;
        foreach (var @case in statement.Cases)
        {
            var label = @case.Label is DefaultExpression ? "default" : P4Text.Expr(@case.Label);
            hasDefault |= @case.Label is DefaultExpression;
            covered.Add(label);
            labels.Add(label);
            if (@case.Body is null)
            {
                continue;
            }
            ends.AddRange(Statement(@case.Body, [new Pending(from, string.Join("\n", labels))]));
            labels.Clear();
        }
        if (labels.Count > 0)
        {
            ends.Add(new Pending(from, string.Join("\n", labels)));
        }
        if (!hasDefault)
        {
            if (table is null)
            {
                ends.Add(new Pending(from, "no match", Dashed: true));
            }
            else
            {
                var others = TableActions(table).Select(a => a.Name).Where(a => !covered.Contains(a)).ToList();
                if (others.Count > 0)
                {
                    ends.Add(new Pending(from, string.Join("\n", others.Take(6)) + (others.Count > 6 ? "\n…" : ""), Dashed: true));
                }
            }
        }
        return ends;
    }
}
