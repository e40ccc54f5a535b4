using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Typed;

/// <summary>A bound statement.</summary>
public abstract record TypedStatement(TextSpan Span) : TypedNode(Span);

/// <summary><c>target = value;</c> (compound assignments are expanded to <c>target = target op value</c>); the target is an lvalue and the value has the target's type.</summary>
public sealed record AssignmentStatement(TextSpan Span, TypedExpression Target, TypedExpression Value) : TypedStatement(Span);

/// <summary>A call statement (method, function, action, extern or apply call).</summary>
public sealed record CallStatement(TextSpan Span, CallExpression Call) : TypedStatement(Span);

/// <summary><c>{ statements }</c>.</summary>
public sealed record BlockStatement(TextSpan Span, EquatableArray<Annotation> Annotations, EquatableArray<TypedStatement> Statements) : TypedStatement(Span);

/// <summary><c>if (condition) then else</c>; the condition is <c>bool</c>.</summary>
public sealed record IfStatement(TextSpan Span, TypedExpression Condition, TypedStatement Then, TypedStatement? Else) : TypedStatement(Span);

/// <summary><c>;</c></summary>
public sealed record EmptyStatement(TextSpan Span) : TypedStatement(Span);

/// <summary><c>return [value];</c>; the value has the function's return type.</summary>
public sealed record ReturnStatement(TextSpan Span, TypedExpression? Value) : TypedStatement(Span);

/// <summary><c>exit;</c></summary>
public sealed record ExitStatement(TextSpan Span) : TypedStatement(Span);

/// <summary><c>break;</c></summary>
public sealed record BreakStatement(TextSpan Span) : TypedStatement(Span);

/// <summary><c>continue;</c></summary>
public sealed record ContinueStatement(TextSpan Span) : TypedStatement(Span);

/// <summary>A local declaration (variable, constant, instance) in a block.</summary>
public sealed record DeclarationStatement(TextSpan Span, TypedDeclaration Declaration) : TypedStatement(Span);

/// <summary>A switch label: an action of the switched table (<see cref="Action"/>), a value, or <c>default</c>.</summary>
public sealed record SwitchLabel(TextSpan Span, ActionSymbol? Action, TypedExpression? Value)
{
    public bool IsDefault => Action is null && Value is null;
}

/// <summary><c>label: body</c>; <see cref="Body"/> null means fall through to the next case.</summary>
public sealed record SwitchCase(TextSpan Span, SwitchLabel Label, BlockStatement? Body);

/// <summary><c>switch (e) { … }</c> over <c>t.apply().action_run</c> (labels are actions) or over a bit/int/enum/error value.</summary>
public sealed record SwitchStatement(TextSpan Span, TypedExpression Expression, EquatableArray<SwitchCase> Cases) : TypedStatement(Span);

/// <summary><c>for (init; condition; updates) body</c>.</summary>
public sealed record ForStatement(TextSpan Span, EquatableArray<TypedStatement> Initializers, TypedExpression Condition, EquatableArray<TypedStatement> Updates, TypedStatement Body) : TypedStatement(Span);

/// <summary><c>for (T v in collection) body</c>; a range collection is a <see cref="BinaryExpression"/> with <see cref="BinaryOperator.Range"/>.</summary>
public sealed record ForInStatement(TextSpan Span, VariableSymbol Variable, TypedExpression Collection, TypedStatement Body) : TypedStatement(Span);

/// <summary><c>transition target;</c>: <see cref="Target"/> is a <see cref="NameReference"/> to a <see cref="StateSymbol"/> or a <see cref="SelectExpression"/>.</summary>
public sealed record TransitionStatement(TextSpan Span, TypedExpression Target) : TypedStatement(Span);
