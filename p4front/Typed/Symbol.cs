using P4Bpf.Front.Lexing;
using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Typed;

/// <summary>A declared name: what a <see cref="NameReference"/> points at. Compared by identity.</summary>
/// <remarks>
/// Symbols are created by the binder when it meets the declaration; <see cref="Declaration"/> is set once, when the
/// declaration's typed node is complete (null for symbols without a node of their own, such as parameters).
/// </remarks>
public abstract class Symbol
{
    protected Symbol(string name, TextSpan span, EquatableArray<Annotation> annotations)
    {
        Name = name;
        Span = span;
        Annotations = annotations;
    }

    public string Name { get; }

    /// <summary>The span of the declaring name.</summary>
    public TextSpan Span { get; }

    public EquatableArray<Annotation> Annotations { get; }

    /// <summary>The typed declaration node, once bound.</summary>
    public TypedDeclaration? Declaration { get; internal set; }

    /// <summary>The control-plane name: the string of an <c>@name("…")</c> annotation, or null.</summary>
    public string? ControlPlaneName
    {
        get
        {
            foreach (var annotation in Annotations)
            {
                if (annotation.Name.Text == "name" && annotation.Body.Count > 0 && annotation.Body[0].Kind == TokenKind.String)
                {
                    var text = annotation.Body[0].Text;
                    return text.Length >= 2 && text[0] == '"' ? text[1..^1] : text;
                }
            }
            return null;
        }
    }

    /// <summary>True when an annotation with this name is present (e.g. <c>optional</c>, <c>hidden</c>).</summary>
    public bool HasAnnotation(string name) => Annotations.Any(a => a.Name.Text == name);

    public override string ToString() => Name;
}

/// <summary>A named type: struct, header, union, enum, typedef, new type, extern, parser, control, package, or type parameter.</summary>
public sealed class TypeSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations) : Symbol(name, span, annotations)
{
    /// <summary>The type named; set as soon as it is resolved (before fields that cannot refer back to it).</summary>
    public P4Type Type { get; internal set; } = ErrorType.Instance;

    /// <summary>The type parameters of a generic declaration.</summary>
    public EquatableArray<TypeVariable> TypeParameters { get; internal set; } = EquatableArray<TypeVariable>.Empty;

    /// <summary>For extern types: the constructors (methods named like the extern).</summary>
    public EquatableArray<MethodSymbol> Constructors { get; internal set; } = EquatableArray<MethodSymbol>.Empty;
}

/// <summary>A compile-time constant (<c>const</c>, or an enum/error/match_kind member is not a symbol but a member expression).</summary>
public sealed class ConstantSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations, P4Type type) : Symbol(name, span, annotations)
{
    public P4Type Type { get; } = type;

    /// <summary>The folded value (a literal, or a list/struct/enum/error expression of literals).</summary>
    public TypedExpression Value { get; internal set; } = null!;
}

/// <summary>A variable (local or parser/control-local), or a <c>for</c> loop variable.</summary>
public sealed class VariableSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations, P4Type type) : Symbol(name, span, annotations)
{
    public P4Type Type { get; } = type;
}

/// <summary>A parameter of an action, function, parser, control or package; <see cref="Info"/> has its direction and type.</summary>
public sealed class ParameterSymbol(ParameterInfo info, TextSpan span) : Symbol(info.Name, span, info.Annotations)
{
    public ParameterInfo Info { get; } = info;

    public P4Type Type => Info.Type;

    public Direction Direction => Info.Direction;

    /// <summary>True for constructor parameters (compile-time values).</summary>
    public bool IsConstructorParameter { get; init; }
}

/// <summary>An instance of an extern, parser, control or package (<c>Counter(1024) c;</c>, <c>P() p;</c>, <c>main</c>).</summary>
public sealed class InstanceSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations, P4Type type) : Symbol(name, span, annotations)
{
    public P4Type Type { get; } = type;
}

/// <summary>An action.</summary>
public sealed class ActionSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations, EquatableArray<ParameterSymbol> parameters) : Symbol(name, span, annotations)
{
    public EquatableArray<ParameterSymbol> Parameters { get; } = parameters;

    public Signature Signature { get; } = new([], parameters.Select(p => p.Info).ToEquatableArray(), VoidType.Instance);
}

/// <summary>A function with a body, or an extern function (<see cref="IsExtern"/>); overloads are separate symbols.</summary>
public sealed class FunctionSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations, Signature signature, bool isExtern) : Symbol(name, span, annotations)
{
    public Signature Signature { get; } = signature;

    public bool IsExtern { get; } = isExtern;

    public EquatableArray<ParameterSymbol> Parameters { get; internal set; } = EquatableArray<ParameterSymbol>.Empty;
}

/// <summary>A method (or constructor when <see cref="IsConstructor"/>) of an extern object type.</summary>
public sealed class MethodSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations, Signature signature, bool isAbstract, bool isConstructor) : Symbol(name, span, annotations)
{
    /// <summary>The signature in terms of the extern's own type parameters (see <see cref="ExternType.GetSignature"/>).</summary>
    public Signature Signature { get; } = signature;

    public bool IsAbstract { get; } = isAbstract;

    public bool IsConstructor { get; } = isConstructor;
}

/// <summary>A table.</summary>
public sealed class TableSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations) : Symbol(name, span, annotations)
{
    /// <summary>The actions of the <c>actions</c> property, in order (filled while the table binds).</summary>
    public EquatableArray<ActionSymbol> Actions { get; internal set; } = EquatableArray<ActionSymbol>.Empty;
}

/// <summary>A parser state; <c>accept</c> and <c>reject</c> are built-in states of every parser.</summary>
public sealed class StateSymbol(string name, TextSpan span, bool isBuiltIn) : Symbol(name, span, EquatableArray<Annotation>.Empty)
{
    public bool IsBuiltIn { get; } = isBuiltIn;
}

/// <summary>A <c>value_set</c>.</summary>
public sealed class ValueSetSymbol(string name, TextSpan span, EquatableArray<Annotation> annotations, P4Type elementType) : Symbol(name, span, annotations)
{
    public P4Type ElementType { get; } = elementType;
}

/// <summary>A <c>match_kind</c> member (<c>exact</c>, <c>lpm</c>, …), a value of type <c>match_kind</c>.</summary>
public sealed class MatchKindSymbol(string name, TextSpan span) : Symbol(name, span, EquatableArray<Annotation>.Empty);
