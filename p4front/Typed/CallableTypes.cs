using P4Bpf.Front.Syntax;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Typed;

/// <summary>A parameter of an action, function, method, block or package, after type resolution.</summary>
/// <remarks><see cref="DefaultValue"/> is the bound default (<c>= value</c>); <see cref="IsOptional"/> marks <c>@optional</c> parameters.</remarks>
public sealed record ParameterInfo(string Name, Direction Direction, P4Type Type, int Index, TypedExpression? DefaultValue, bool IsOptional, EquatableArray<Annotation> Annotations)
{
    /// <summary>True when a call may leave this parameter out.</summary>
    public bool MayBeOmitted => DefaultValue is not null || IsOptional;

    /// <summary>
    /// Where the parameter is declared (its name), for errors found only at a call but reported at the declaration, as p4c
    /// does (e.g. a generic <c>in T</c> instantiated with <c>string</c>). Null for synthesized parameters. Not part of equality:
    /// two parameters are equal when they have the same name, direction, type, position, default and annotations.
    /// </summary>
    public TextSpan? Span { get; init; }

    public bool Equals(ParameterInfo? other) =>
        ReferenceEquals(this, other) || other is not null && Name == other.Name && Direction == other.Direction && Type.Equals(other.Type)
        && Index == other.Index && EqualityComparer<TypedExpression?>.Default.Equals(DefaultValue, other.DefaultValue)
        && IsOptional == other.IsOptional && Annotations.Equals(other.Annotations);

    public override int GetHashCode() => HashCode.Combine(Name, Direction, Type, Index, DefaultValue, IsOptional, Annotations);

    public ParameterInfo Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => Type.HasTypeVariables ? this with { Type = Type.Substitute(map) } : this;

    public string Display => (Direction switch
    {
        Direction.In => "in ",
        Direction.Out => "out ",
        Direction.InOut => "inout ",
        _ => "",
    }) + $"{Type.Display} {Name}";
}

/// <summary>The signature of anything callable: type parameters, parameters and return type.</summary>
public sealed record Signature(EquatableArray<TypeVariable> TypeParameters, EquatableArray<ParameterInfo> Parameters, P4Type ReturnType)
{
    public int RequiredCount => Parameters.Count(p => !p.MayBeOmitted);

    public Signature Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => this with
    {
        Parameters = Parameters.Select(p => p.Substitute(map)).ToEquatableArray(),
        ReturnType = ReturnType.Substitute(map),
    };

    public string Display(string name) =>
        $"{ReturnType.Display} {name}" + (TypeParameters.IsEmpty ? "" : $"<{string.Join(", ", TypeParameters.Select(t => t.Name))}>")
        + $"({string.Join(", ", Parameters.Select(p => p.Display))})";
}

/// <summary>The type of a function, extern function, action or method name in value position.</summary>
public sealed record FunctionType(Signature Signature) : P4Type
{
    public override string Display => Signature.Display("function");
}

/// <summary>What kind of programmable block a <see cref="BlockType"/> is.</summary>
public enum BlockKind
{
    Parser,
    Control,
    Package,
}

/// <summary>
/// A parser, control or package type: declared by <c>parser P(…);</c> / <c>control C(…);</c> / <c>package Pkg(…);</c>
/// or by a parser/control declaration with a body (then <see cref="HasBody"/>).
/// </summary>
/// <remarks>
/// <see cref="ApplyParameters"/> are the runtime parameters (empty for packages); <see cref="ConstructorParameters"/>
/// the compile-time ones. Types compare by declaration and type arguments.
/// </remarks>
public sealed record BlockType(BlockKind Kind, string Name, TypeSymbol Declaration, EquatableArray<TypeVariable> TypeParameters, EquatableArray<P4Type> TypeArguments, EquatableArray<ParameterInfo> ApplyParameters, EquatableArray<ParameterInfo> ConstructorParameters, bool HasBody) : P4Type
{
    public override string Display =>
        (Kind switch { BlockKind.Parser => "parser ", BlockKind.Control => "control ", _ => "package " }) + Name
        + (TypeArguments.IsEmpty ? "" : $"<{string.Join(", ", TypeArguments.Select(t => t.Display))}>");

    public override bool HasTypeVariables => ApplyParameters.Any(p => p.Type.HasTypeVariables) || ConstructorParameters.Any(p => p.Type.HasTypeVariables);

    public override P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => HasTypeVariables || TypeArguments.Any(t => t.HasTypeVariables)
        ? this with
        {
            TypeArguments = TypeArguments.Select(t => t.Substitute(map)).ToEquatableArray(),
            ApplyParameters = ApplyParameters.Select(p => p.Substitute(map)).ToEquatableArray(),
            ConstructorParameters = ConstructorParameters.Select(p => p.Substitute(map)).ToEquatableArray(),
        }
        : this;

    public bool Equals(BlockType? other) =>
        other is not null && ReferenceEquals(Declaration, other.Declaration) && TypeArguments.Equals(other.TypeArguments) && ApplyParameters.Equals(other.ApplyParameters);

    public override int GetHashCode() => HashCode.Combine(Kind, Name);
}

/// <summary>An extern object type, possibly specialised (<c>Register&lt;bit&lt;32&gt;, bit&lt;32&gt;&gt;</c>).</summary>
/// <remarks>Methods are the declaration's <see cref="MethodSymbol"/>s; <see cref="GetSignature"/> gives a method's signature with this type's arguments substituted.</remarks>
public sealed record ExternType(string Name, TypeSymbol Declaration, EquatableArray<TypeVariable> TypeParameters, EquatableArray<P4Type> TypeArguments, EquatableArray<MethodSymbol> Methods) : P4Type
{
    public override string Display => TypeArguments.IsEmpty ? Name : $"{Name}<{string.Join(", ", TypeArguments.Select(t => t.Display))}>";

    public override bool HasTypeVariables => TypeArguments.Any(t => t.HasTypeVariables);

    /// <summary>The map from the extern's type parameters to this type's arguments.</summary>
    public IReadOnlyDictionary<TypeVariable, P4Type> Substitution
    {
        get
        {
            var map = new Dictionary<TypeVariable, P4Type>();
            for (var i = 0; i < TypeParameters.Count && i < TypeArguments.Count; i++)
            {
                map[TypeParameters[i]] = TypeArguments[i];
            }
            return map;
        }
    }

    public Signature GetSignature(MethodSymbol method) => TypeArguments.IsEmpty ? method.Signature : method.Signature.Substitute(Substitution);

    public override P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) =>
        HasTypeVariables ? this with { TypeArguments = TypeArguments.Select(t => t.Substitute(map)).ToEquatableArray() } : this;

    public bool Equals(ExternType? other) => other is not null && ReferenceEquals(Declaration, other.Declaration) && TypeArguments.Equals(other.TypeArguments);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>The type of a table instance.</summary>
public sealed record TableType(TableSymbol Table) : P4Type
{
    public override string Display => $"table {Table.Name}";
}

/// <summary>The result of <c>t.apply()</c>: a struct with <c>hit</c>, <c>miss</c> and <c>action_run</c>.</summary>
public sealed record TableApplyResultType(TableSymbol Table) : P4Type
{
    public override string Display => $"apply_result({Table.Name})";
}

/// <summary>The type of <c>t.apply().action_run</c>: an enum whose members are the table's actions.</summary>
public sealed record ActionEnumType(TableSymbol Table) : P4Type
{
    public override string Display => $"action_list({Table.Name})";
}

/// <summary>The type of a <c>value_set&lt;T&gt;(n)</c> used as a keyset.</summary>
public sealed record ValueSetType(P4Type ElementType) : P4Type
{
    public override string Display => $"value_set<{ElementType.Display}>";
}
