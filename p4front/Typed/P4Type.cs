namespace P4Bpf.Front.Typed;

/// <summary>The type of a P4 expression, declaration or block, as resolved by the binder.</summary>
/// <remarks>
/// Structural types (bit widths, tuples, stacks) are records compared by value; declared types (struct, header,
/// enum, extern, parser, control, package) compare by their declaring <see cref="Symbol"/> and type arguments.
/// Typedefs are transparent: a typedef name resolves to the type it names. <see cref="ErrorType"/> marks an
/// expression whose type could not be determined and is never reported twice.
/// </remarks>
public abstract record P4Type
{
    /// <summary>The type as P4 source would write it.</summary>
    public abstract string Display { get; }

    /// <summary>Replaces type variables by the types the substitution maps them to.</summary>
    public virtual P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => this;

    /// <summary>True when the type mentions a type variable (it is still generic).</summary>
    public virtual bool HasTypeVariables => false;

    /// <summary>True for <see cref="ErrorType"/>: a diagnostic was already reported.</summary>
    public bool IsError => this is ErrorType;

    public sealed override string ToString() => Display;
}

/// <summary>The type of an expression that failed to bind; it converts to and from everything silently (stops cascades).</summary>
public sealed record ErrorType : P4Type
{
    public static ErrorType Instance { get; } = new();

    public override string Display => "<error>";
}

/// <summary><c>bool</c>.</summary>
public sealed record BoolType : P4Type
{
    public static BoolType Instance { get; } = new();

    public override string Display => "bool";
}

/// <summary><c>string</c> (compile-time only: extern arguments and annotations).</summary>
public sealed record StringType : P4Type
{
    public static StringType Instance { get; } = new();

    public override string Display => "string";
}

/// <summary><c>void</c>: the return type of calls without a value.</summary>
public sealed record VoidType : P4Type
{
    public static VoidType Instance { get; } = new();

    public override string Display => "void";
}

/// <summary><c>_</c> as a type argument: any type, never inferred.</summary>
public sealed record DontCareType : P4Type
{
    public static DontCareType Instance { get; } = new();

    public override string Display => "_";
}

/// <summary><c>int</c>: the arbitrary-precision integer of compile-time constants and unsized literals.</summary>
public sealed record IntType : P4Type
{
    public static IntType Instance { get; } = new();

    public override string Display => "int";
}

/// <summary><c>bit&lt;W&gt;</c> (<see cref="IsSigned"/> false) or <c>int&lt;W&gt;</c> (true).</summary>
public sealed record BitsType(int Width, bool IsSigned) : P4Type
{
    public override string Display => IsSigned ? $"int<{Width}>" : $"bit<{Width}>";
}

/// <summary><c>varbit&lt;W&gt;</c>: a bit string of at most <see cref="MaxWidth"/> bits.</summary>
public sealed record VarbitType(int MaxWidth) : P4Type
{
    public override string Display => $"varbit<{MaxWidth}>";
}

/// <summary>The <c>error</c> type; its members are every <c>error { … }</c> declaration of the program, in order.</summary>
public sealed record ErrorCodeType : P4Type
{
    public static ErrorCodeType Instance { get; } = new();

    public override string Display => "error";
}

/// <summary>The <c>match_kind</c> type.</summary>
public sealed record MatchKindType : P4Type
{
    public static MatchKindType Instance { get; } = new();

    public override string Display => "match_kind";
}

/// <summary>A type parameter of a generic declaration (<c>T</c> in <c>extern void f&lt;T&gt;(in T x)</c>), compared by identity.</summary>
public sealed record TypeVariable(string Name, int Id) : P4Type
{
    public override string Display => Name;

    public override bool HasTypeVariables => true;

    public override P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) =>
        map.TryGetValue(this, out var bound) ? bound : this;
}

/// <summary>The type of a parser state name (a transition target).</summary>
public sealed record StateType : P4Type
{
    public static StateType Instance { get; } = new();

    public override string Display => "state";
}
