using P4Bpf.Front.Text;

namespace P4Bpf.Front.Syntax;

/// <summary><c>@annotations table name { properties }</c>.</summary>
public sealed record TableDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, EquatableArray<TableProperty> Properties) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.TableDeclaration;
}

/// <summary>A property of a table.</summary>
public abstract record TableProperty(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>key = { elements }</c>.</summary>
public sealed record KeyProperty(TextSpan Span, EquatableArray<KeyElement> Elements) : TableProperty(Span)
{
    public override SyntaxKind Kind => SyntaxKind.KeyProperty;
}

/// <summary><c>expression : matchKind @annotations;</c></summary>
public sealed record KeyElement(TextSpan Span, Expression Expression, Identifier MatchKind, EquatableArray<Annotation> Annotations) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.KeyElement;
}

/// <summary><c>actions = { refs }</c>.</summary>
public sealed record ActionsProperty(TextSpan Span, EquatableArray<ActionReference> Actions) : TableProperty(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ActionsProperty;
}

/// <summary><c>@annotations name</c> or <c>name(args)</c> (<see cref="Arguments"/> null when no parentheses), <c>.name</c> when <see cref="IsTopLevel"/>.</summary>
public sealed record ActionReference(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, bool IsTopLevel, EquatableArray<Argument>? Arguments) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ActionReference;
}

/// <summary><c>@annotations [const] entries = { entries }</c>.</summary>
public sealed record EntriesProperty(TextSpan Span, EquatableArray<Annotation> Annotations, bool IsConst, EquatableArray<TableEntry> Entries) : TableProperty(Span)
{
    public override SyntaxKind Kind => SyntaxKind.EntriesProperty;
}

/// <summary><c>[const] [priority = p :] keyset : action(args) @annotations;</c></summary>
public sealed record TableEntry(TextSpan Span, bool IsConst, Expression? Priority, Expression Keyset, ActionReference Action, EquatableArray<Annotation> Annotations) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.TableEntry;
}

/// <summary><c>@annotations [const] name = value;</c>: <c>default_action</c>, <c>size</c>, <c>implementation</c>, and custom properties.</summary>
public sealed record ValueProperty(TextSpan Span, EquatableArray<Annotation> Annotations, bool IsConst, Identifier Name, Expression Value) : TableProperty(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ValueProperty;
}
