using P4Bpf.Front.Syntax;

namespace P4Bpf.Cli.Graphs;

/// <summary>Table nodes: the table's name, key fields with match kinds, actions (the default one marked), size and constant entries.</summary>
internal sealed partial class ControlGraphBuilder
{
    /// <summary>At most this many constant entries are listed in a table box.</summary>
    public const int MaxEntryRows = 4;

    private sealed record TableAction(string Name, string Text);

    private DotNode TableNode(TableDeclaration table, IReadOnlyList<Pending> incoming)
    {
        var name = table.Name.Text;
        var label = new HtmlLabel().Title(name, "table");
        var keys = table.Properties.OfType<KeyProperty>().SelectMany(k => k.Elements)
            .Select(k => P4Text.Shorten(P4Text.Expr(k.Expression), 48) + " : " + k.MatchKind.Text).ToList();
        if (keys.Count > 0)
        {
            label.Section("key");
            foreach (var key in keys)
            {
                label.Row(key);
            }
        }
        var actions = TableActions(table);
        var defaultAction = DefaultAction(table, actions);
        label.Section("actions");
        foreach (var action in actions)
        {
            label.Row(action.Text + (action.Name == defaultAction?.Name ? "   (default)" : ""));
        }
        if (defaultAction is not null && actions.All(a => a.Name != defaultAction.Name))
        {
            label.Row(defaultAction.Text + "   (default)");
        }
        var details = new List<string>();
        foreach (var property in table.Properties.OfType<ValueProperty>())
        {
            if (property.Name.Text != "default_action")
            {
                details.Add(P4Text.Shorten(property.Name.Text + " = " + P4Text.Expr(property.Value), 48));
            }
        }
        var entries = table.Properties.OfType<EntriesProperty>().SelectMany(e => e.Entries).ToList();
        if (entries.Count > 0)
        {
            var isConst = table.Properties.OfType<EntriesProperty>().Any(e => e.IsConst);
            details.Add($"{entries.Count} {(isConst ? "const " : "")}entr{(entries.Count == 1 ? "y" : "ies")}");
            foreach (var entry in entries.Take(MaxEntryRows))
            {
                details.Add(P4Text.Shorten(P4Text.Keyset(entry.Keyset) + " → " + ActionText(entry.Action), 48));
            }
            if (entries.Count > MaxEntryRows)
            {
                details.Add("…");
            }
        }
        foreach (var detail in details)
        {
            label.Detail(detail);
        }
        var node = AddNode("table_" + name, label.Build(), NodeRole.Table, name, incoming);
        node.Facts["keys"] = keys;
        node.Facts["actions"] = actions.Select(a => a.Name).ToList();
        if (defaultAction is not null)
        {
            node.Facts["default_action"] = [defaultAction.Text];
        }
        return node;
    }

    private static List<TableAction> TableActions(TableDeclaration table) =>
        table.Properties.OfType<ActionsProperty>().SelectMany(p => p.Actions)
            .Select(a => new TableAction(a.Name.Text, ActionText(a))).ToList();

    private static string ActionText(ActionReference action) =>
        (action.IsTopLevel ? "." : "") + action.Name.Text +
        (action.Arguments is { } args ? "(" + string.Join(", ", args.Select(P4Text.Arg)) + ")" : "");

    /// <summary>The written <c>default_action</c>, else <c>NoAction</c> when the table lists it or it is declared (the spec's default), else null.</summary>
    private TableAction? DefaultAction(TableDeclaration table, List<TableAction> actions)
    {
        var property = table.Properties.OfType<ValueProperty>().FirstOrDefault(p => p.Name.Text == "default_action");
        if (property is not null)
        {
            var name = property.Value switch
            {
                CallExpression { Target: NameExpression n } => n.Name.Text,
                NameExpression n => n.Name.Text,
                _ => P4Text.Expr(property.Value),
            };
            var text = P4Text.Shorten(P4Text.Expr(property.Value), 48);
            return new TableAction(name, (property.IsConst ? "const " : "") + text);
        }
        if (actions.Any(a => a.Name == "NoAction") || _scope.Lookup("NoAction") is ActionDeclaration)
        {
            return new TableAction("NoAction", "NoAction");
        }
        return null;
    }
}
