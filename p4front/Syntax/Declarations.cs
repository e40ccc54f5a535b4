using P4Bpf.Front.Text;

namespace P4Bpf.Front.Syntax;

/// <summary>A declaration: top level, local to a parser/control, or inside an object initializer.</summary>
public abstract record Declaration(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>const type name = value;</c></summary>
public sealed record ConstantDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax Type, Identifier Name, Expression Value) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ConstantDeclaration;
}

/// <summary><c>type name [= initializer];</c></summary>
public sealed record VariableDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax Type, Identifier Name, Expression? Initializer) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.VariableDeclaration;
}

/// <summary><c>type(args) name [= { declarations }];</c>: an extern, parser, control or package instance.</summary>
/// <remarks><see cref="Initializer"/> is the object initializer (abstract method implementations and nested instances), null when absent.</remarks>
public sealed record InstantiationDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax Type, EquatableArray<Argument> Arguments, Identifier Name, EquatableArray<Declaration>? Initializer) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.InstantiationDeclaration;
}

/// <summary>The three struct-like type declarations.</summary>
public enum StructFlavor
{
    Header,
    HeaderUnion,
    Struct,
}

/// <summary><c>header</c>, <c>header_union</c> or <c>struct</c> Name&lt;T…&gt; { fields }.</summary>
public sealed record StructTypeDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, StructFlavor Flavor, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<StructField> Fields) : Declaration(Span)
{
    public override SyntaxKind Kind => Flavor switch
    {
        StructFlavor.Header => SyntaxKind.HeaderTypeDeclaration,
        StructFlavor.HeaderUnion => SyntaxKind.HeaderUnionDeclaration,
        _ => SyntaxKind.StructTypeDeclaration,
    };
}

/// <summary><c>@annotations type name;</c> in a struct-like declaration.</summary>
public sealed record StructField(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax Type, Identifier Name) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.StructField;
}

/// <summary><c>enum Name { A, B }</c> or the serializable <c>enum bit&lt;8&gt; Name { A = 1, B = 2 }</c> (<see cref="UnderlyingType"/> set).</summary>
public sealed record EnumDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax? UnderlyingType, Identifier Name, EquatableArray<EnumMember> Members) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.EnumDeclaration;
}

/// <summary>A member of an enum, with its value for serializable enums.</summary>
public sealed record EnumMember(TextSpan Span, Identifier Name, Expression? Value) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.EnumMember;
}

/// <summary><c>typedef type Name;</c>, <c>typedef struct-like-declaration Name;</c>, or <c>type type Name;</c> (a new type, <see cref="IsNewType"/>).</summary>
/// <remarks>Exactly one of <see cref="Type"/> and <see cref="InlineDeclaration"/> is set.</remarks>
public sealed record TypedefDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, bool IsNewType, TypeSyntax? Type, Declaration? InlineDeclaration, Identifier Name) : Declaration(Span)
{
    public override SyntaxKind Kind => IsNewType ? SyntaxKind.NewTypeDeclaration : SyntaxKind.TypedefDeclaration;
}

/// <summary><c>error { A, B }</c> (adds members to the error type).</summary>
public sealed record ErrorDeclaration(TextSpan Span, EquatableArray<Identifier> Members) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ErrorDeclaration;
}

/// <summary><c>match_kind { exact, lpm }</c>.</summary>
public sealed record MatchKindDeclaration(TextSpan Span, EquatableArray<Identifier> Members) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.MatchKindDeclaration;
}

/// <summary><c>extern Name&lt;T…&gt; { methods }</c>: an extern object type.</summary>
public sealed record ExternObjectDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<MethodPrototype> Methods) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ExternObjectDeclaration;
}

/// <summary>A method of an extern: a constructor (<see cref="ReturnType"/> null), an ordinary or an <c>abstract</c> method.</summary>
public sealed record MethodPrototype(TextSpan Span, EquatableArray<Annotation> Annotations, bool IsAbstract, TypeSyntax? ReturnType, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<Parameter> Parameters) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => ReturnType is null ? SyntaxKind.ConstructorPrototype : SyntaxKind.MethodPrototype;
}

/// <summary><c>extern ReturnType name&lt;T…&gt;(params);</c>: an extern function.</summary>
public sealed record ExternFunctionDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax ReturnType, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<Parameter> Parameters) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ExternFunctionDeclaration;
}

/// <summary><c>ReturnType name&lt;T…&gt;(params) { body }</c>: a function (top level, or an abstract method implementation in an initializer).</summary>
public sealed record FunctionDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax ReturnType, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<Parameter> Parameters, BlockStatement Body) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.FunctionDeclaration;
}

/// <summary><c>action name(params) { body }</c>.</summary>
public sealed record ActionDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, EquatableArray<Parameter> Parameters, BlockStatement Body) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ActionDeclaration;
}

/// <summary><c>parser Name&lt;T…&gt;(params);</c>: a parser type.</summary>
public sealed record ParserTypeDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<Parameter> Parameters) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ParserTypeDeclaration;
}

/// <summary><c>control Name&lt;T…&gt;(params);</c>: a control type.</summary>
public sealed record ControlTypeDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<Parameter> Parameters) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ControlTypeDeclaration;
}

/// <summary><c>package Name&lt;T…&gt;(params);</c>.</summary>
public sealed record PackageTypeDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, EquatableArray<Identifier> TypeParameters, EquatableArray<Parameter> Parameters) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.PackageTypeDeclaration;
}

/// <summary>A parser: its type, optional constructor parameters, local declarations and states.</summary>
/// <remarks><see cref="ConstructorParameters"/> is null when no constructor parameter list was written.</remarks>
public sealed record ParserDeclaration(TextSpan Span, ParserTypeDeclaration Type, EquatableArray<Parameter>? ConstructorParameters, EquatableArray<Declaration> Locals, EquatableArray<ParserState> States) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ParserDeclaration;
}

/// <summary><c>@annotations state name { statements transition }</c>; <see cref="Transition"/> is null when omitted.</summary>
public sealed record ParserState(TextSpan Span, EquatableArray<Annotation> Annotations, Identifier Name, EquatableArray<Statement> Statements, TransitionStatement? Transition) : SyntaxNode(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ParserState;
}

/// <summary><c>value_set&lt;type&gt;(size) name;</c></summary>
public sealed record ValueSetDeclaration(TextSpan Span, EquatableArray<Annotation> Annotations, TypeSyntax ElementType, Expression Size, Identifier Name) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ValueSetDeclaration;
}

/// <summary>A control: its type, optional constructor parameters, local declarations and the <c>apply</c> block.</summary>
public sealed record ControlDeclaration(TextSpan Span, ControlTypeDeclaration Type, EquatableArray<Parameter>? ConstructorParameters, EquatableArray<Declaration> Locals, BlockStatement Apply) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.ControlDeclaration;
}

/// <summary>An empty top-level declaration (<c>;</c>) — kept so spans of a program stay complete.</summary>
public sealed record EmptyDeclaration(TextSpan Span) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.EmptyDeclaration;
}

/// <summary>A declaration that did not parse; the parser has reported why and skipped to the next declaration.</summary>
public sealed record BadDeclaration(TextSpan Span) : Declaration(Span)
{
    public override SyntaxKind Kind => SyntaxKind.BadDeclaration;
}
