using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Typed;

/// <summary>A bound declaration; <see cref="Symbol"/> is what references to it point at (null for <c>error</c>/<c>match_kind</c> lists).</summary>
public abstract record TypedDeclaration(TextSpan Span, Symbol? Symbol) : TypedNode(Span);

/// <summary>A type declaration (struct, header, union, enum, typedef, new type, extern, parser/control/package type); the type is <c>Symbol.Type</c>.</summary>
public sealed record TypeDeclaration(TextSpan Span, TypeSymbol Type, SyntaxKind DeclarationKind) : TypedDeclaration(Span, Type);

/// <summary><c>error { … }</c> or <c>match_kind { … }</c>: the members added.</summary>
public sealed record MemberListDeclaration(TextSpan Span, bool IsMatchKind, EquatableArray<string> Members) : TypedDeclaration(Span, null);

/// <summary><c>const T name = value;</c>; <see cref="Value"/> is folded.</summary>
public sealed record ConstantDeclaration(TextSpan Span, ConstantSymbol Constant, TypedExpression Value) : TypedDeclaration(Span, Constant);

/// <summary><c>T name [= init];</c></summary>
public sealed record VariableDeclaration(TextSpan Span, VariableSymbol Variable, TypedExpression? Initializer) : TypedDeclaration(Span, Variable);

/// <summary>An instance: <c>Type(args) name [= { initializer }];</c>; <see cref="Constructor"/> is the extern constructor used, null for parsers/controls/packages.</summary>
public sealed record InstanceDeclaration(TextSpan Span, InstanceSymbol Instance, TypeSymbol TypeDeclaration, MethodSymbol? Constructor, EquatableArray<TypedArgument> Arguments, EquatableArray<TypedDeclaration> Initializer) : TypedDeclaration(Span, Instance);

/// <summary>An action with its parameters and body.</summary>
public sealed record ActionDeclaration(TextSpan Span, ActionSymbol Action, BlockStatement Body) : TypedDeclaration(Span, Action);

/// <summary>A function with a body (top level, or an abstract-method implementation inside an instance initializer).</summary>
public sealed record FunctionDeclaration(TextSpan Span, FunctionSymbol Function, BlockStatement Body) : TypedDeclaration(Span, Function);

/// <summary>An extern function prototype.</summary>
public sealed record ExternFunctionDeclaration(TextSpan Span, FunctionSymbol Function) : TypedDeclaration(Span, Function);

/// <summary>A parser with a body; its <see cref="BlockType"/> is <c>Parser.Type</c>.</summary>
public sealed record ParserDeclaration(TextSpan Span, TypeSymbol Parser, EquatableArray<ParameterSymbol> ApplyParameters, EquatableArray<ParameterSymbol> ConstructorParameters, EquatableArray<TypedDeclaration> Locals, EquatableArray<ParserStateDeclaration> States) : TypedDeclaration(Span, Parser)
{
    public BlockType BlockType => (BlockType)Parser.Type;
}

/// <summary>A parser state: its statements and its transition (null when omitted: goes to reject).</summary>
public sealed record ParserStateDeclaration(TextSpan Span, StateSymbol State, EquatableArray<TypedStatement> Statements, TransitionStatement? Transition) : TypedDeclaration(Span, State);

/// <summary>A control with a body.</summary>
public sealed record ControlDeclaration(TextSpan Span, TypeSymbol Control, EquatableArray<ParameterSymbol> ApplyParameters, EquatableArray<ParameterSymbol> ConstructorParameters, EquatableArray<TypedDeclaration> Locals, BlockStatement Apply) : TypedDeclaration(Span, Control)
{
    public BlockType BlockType => (BlockType)Control.Type;
}

/// <summary><c>value_set&lt;T&gt;(size) name;</c></summary>
public sealed record ValueSetDeclaration(TextSpan Span, ValueSetSymbol ValueSet, int Size) : TypedDeclaration(Span, ValueSet);
