using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Typed;

/// <summary>One key element: the expression matched and its match kind.</summary>
public sealed record TableKey(TextSpan Span, TypedExpression Expression, MatchKindSymbol MatchKind, EquatableArray<Annotation> Annotations);

/// <summary>An action of a table with the arguments bound in the table (directional parameters); the rest come from the control plane.</summary>
public sealed record TableActionReference(TextSpan Span, ActionSymbol Action, EquatableArray<TypedArgument> Arguments, EquatableArray<Annotation> Annotations);

/// <summary>A constant entry: keyset (one element per key, or a tuple keyset), the action call and an optional priority.</summary>
public sealed record TableEntry(TextSpan Span, TypedExpression Keyset, TableActionReference Action, TypedExpression? Priority, bool IsConst, EquatableArray<Annotation> Annotations);

/// <summary>Any other property (<c>size</c>, <c>implementation</c>, <c>counters</c>, custom ones), bound without an expected type.</summary>
public sealed record TableProperty(TextSpan Span, string Name, TypedExpression Value, bool IsConst, EquatableArray<Annotation> Annotations);

/// <summary>
/// A table: keys, actions, default action, entries and other properties. When no <c>default_action</c> is
/// written, <see cref="DefaultAction"/> is <c>NoAction</c> if it is declared (the spec's default), else null.
/// </summary>
public sealed record TableDeclaration(
    TextSpan Span,
    TableSymbol Table,
    EquatableArray<TableKey> Keys,
    EquatableArray<TableActionReference> Actions,
    TableActionReference? DefaultAction,
    bool IsDefaultActionConst,
    EquatableArray<TableEntry> Entries,
    bool AreEntriesConst,
    EquatableArray<TableProperty> Properties) : TypedDeclaration(Span, Table)
{
    /// <summary>The property called <paramref name="name"/>, or null.</summary>
    public TableProperty? GetProperty(string name) => Properties.FirstOrDefault(p => p.Name == name);
}
