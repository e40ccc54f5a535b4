using P4Bpf.Front.Text;

namespace P4Bpf.Front.Syntax;

/// <summary>A statement in an action, function, control body or parser state.</summary>
public abstract record Statement(TextSpan Span) : SyntaxNode(Span);

/// <summary>An assignment operator: <c>=</c> or a compound one.</summary>
public enum AssignmentOperator
{
    Assign, Multiply, Divide, Modulo, Add, Subtract, AddSaturating, SubtractSaturating,
    ShiftLeft, ShiftRight, BitwiseAnd, BitwiseOr, BitwiseXor,
}

/// <summary><c>target op= value;</c></summary>
public sealed record AssignmentStatement(TextSpan Span, AssignmentOperator Operator, Expression Target, Expression Value) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.AssignmentStatement;
}

/// <summary>A call used as a statement: method calls, function/action calls, <c>t.apply()</c>, and direct application <c>Type.apply()</c>.</summary>
public sealed record MethodCallStatement(TextSpan Span, CallExpression Call) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.MethodCallStatement;
}

/// <summary>A local variable or constant declaration used as a statement.</summary>
public sealed record DeclarationStatement(TextSpan Span, Declaration Declaration) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.DeclarationStatement;
}

/// <summary><c>@annotations { statements }</c>.</summary>
public sealed record BlockStatement(TextSpan Span, EquatableArray<Annotation> Annotations, EquatableArray<Statement> Statements) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.BlockStatement;
}

/// <summary><c>if (condition) then [else otherwise]</c>.</summary>
public sealed record IfStatement(TextSpan Span, Expression Condition, Statement Then, Statement? Else) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.IfStatement;
}

/// <summary><c>;</c></summary>
public sealed record EmptyStatement(TextSpan Span) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.EmptyStatement;
}

/// <summary><c>return [value];</c></summary>
public sealed record ReturnStatement(TextSpan Span, Expression? Value) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ReturnStatement;
}

/// <summary><c>exit;</c></summary>
public sealed record ExitStatement(TextSpan Span) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ExitStatement;
}

/// <summary><c>break;</c></summary>
public sealed record BreakStatement(TextSpan Span) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.BreakStatement;
}

/// <summary><c>continue;</c></summary>
public sealed record ContinueStatement(TextSpan Span) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ContinueStatement;
}

/// <summary><c>switch (expression) { cases }</c> over <c>t.apply().action_run</c> or a value.</summary>
public sealed record SwitchStatement(TextSpan Span, Expression Expression, EquatableArray<SwitchCase> Cases) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.SwitchStatement;
}

/// <summary><c>label: { … }</c>, or <c>label:</c> alone (falls through to the next case: <see cref="Body"/> is null).</summary>
/// <remarks>The label is a <see cref="DefaultExpression"/> for <c>default</c>.</remarks>
public sealed record SwitchCase(TextSpan Span, Expression Label, BlockStatement? Body) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.SwitchCase;
}

/// <summary><c>for (init; condition; updates) body</c>; init holds declarations and assignments/calls.</summary>
public sealed record ForStatement(TextSpan Span, EquatableArray<Annotation> Annotations, EquatableArray<Statement> Initializers, Expression Condition, EquatableArray<Statement> Updates, Statement Body) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ForStatement;
}

/// <summary><c>for (type name in collection) body</c>; a range <c>a .. b</c> is a <see cref="BinaryExpression"/> with <see cref="BinaryOperator.Range"/>.</summary>
public sealed record ForInStatement(TextSpan Span, EquatableArray<Annotation> Annotations, EquatableArray<Annotation> VariableAnnotations, TypeSyntax Type, Identifier Name, Expression Collection, Statement Body) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ForInStatement;
}

/// <summary><c>transition state;</c> or <c>transition select (…) { … }</c>: the last statement of a parser state.</summary>
public sealed record TransitionStatement(TextSpan Span, Expression Target) : Statement(Span)
{
    public override SyntaxKind Kind => SyntaxKind.TransitionStatement;
}
