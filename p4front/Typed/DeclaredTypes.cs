using System.Numerics;
using P4Bpf.Front.Syntax;

namespace P4Bpf.Front.Typed;

/// <summary>Which of the three struct-like types a <see cref="StructType"/> is.</summary>
public enum StructKind
{
    Struct,
    Header,
    HeaderUnion,
}

/// <summary>One field of a struct-like type.</summary>
public sealed record FieldInfo(string Name, P4Type Type, EquatableArray<Annotation> Annotations);

/// <summary>A <c>struct</c>, <c>header</c> or <c>header_union</c> type; anonymous (no <see cref="Declaration"/>) for the type of a structure expression.</summary>
/// <remarks>Declared types compare by declaration and type arguments; anonymous ones by their fields.</remarks>
public sealed record StructType(StructKind Kind, string Name, TypeSymbol? Declaration, EquatableArray<FieldInfo> Fields, EquatableArray<P4Type> TypeArguments) : P4Type
{
    public override string Display => Declaration is null
        ? "struct { " + string.Join("; ", Fields.Select(f => $"{f.Type.Display} {f.Name}")) + " }"
        : TypeArguments.IsEmpty ? Name : $"{Name}<{string.Join(", ", TypeArguments.Select(t => t.Display))}>";

    public bool IsHeader => Kind == StructKind.Header;

    public bool IsHeaderUnion => Kind == StructKind.HeaderUnion;

    /// <summary>The field called <paramref name="name"/>, or null.</summary>
    public FieldInfo? GetField(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public override bool HasTypeVariables => Fields.Any(f => f.Type.HasTypeVariables) || TypeArguments.Any(t => t.HasTypeVariables);

    public override P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => HasTypeVariables
        ? this with
        {
            Fields = Fields.Select(f => f with { Type = f.Type.Substitute(map) }).ToEquatableArray(),
            TypeArguments = TypeArguments.Select(t => t.Substitute(map)).ToEquatableArray(),
        }
        : this;

    public bool Equals(StructType? other) =>
        other is not null && Kind == other.Kind && (Declaration is null
            ? other.Declaration is null && Fields.Equals(other.Fields)
            : ReferenceEquals(Declaration, other.Declaration) && TypeArguments.Equals(other.TypeArguments));

    public override int GetHashCode() => HashCode.Combine(Kind, Name);
}

/// <summary>An <c>enum</c>; serializable when <see cref="UnderlyingType"/> is set, with one value per member.</summary>
public sealed record EnumType(string Name, TypeSymbol Declaration, EquatableArray<string> Members, BitsType? UnderlyingType, EquatableArray<BigInteger> Values) : P4Type
{
    public override string Display => Name;

    public bool IsSerializable => UnderlyingType is not null;

    public bool Equals(EnumType? other) => other is not null && ReferenceEquals(Declaration, other.Declaration);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>A type introduced by <c>type T N;</c>: distinct from <see cref="UnderlyingType"/>, convertible only by casts.</summary>
public sealed record NewType(string Name, TypeSymbol Declaration, P4Type UnderlyingType) : P4Type
{
    public override string Display => Name;

    public bool Equals(NewType? other) => other is not null && ReferenceEquals(Declaration, other.Declaration);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary><c>T[N]</c>: a header stack (elements are headers or unions) or an array of another type.</summary>
public sealed record StackType(P4Type ElementType, int Size) : P4Type
{
    public override string Display => $"{ElementType.Display}[{Size}]";

    public override bool HasTypeVariables => ElementType.HasTypeVariables;

    public override P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => this with { ElementType = ElementType.Substitute(map) };
}

/// <summary><c>tuple&lt;T…&gt;</c>, also the type of a list expression <c>{ a, b }</c> before it meets an expected type.</summary>
public sealed record TupleType(EquatableArray<P4Type> Elements) : P4Type
{
    public override string Display => $"tuple<{string.Join(", ", Elements.Select(t => t.Display))}>";

    public override bool HasTypeVariables => Elements.Any(t => t.HasTypeVariables);

    public override P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => this with { Elements = Elements.Select(t => t.Substitute(map)).ToEquatableArray() };
}

/// <summary><c>list&lt;T&gt;</c>.</summary>
public sealed record ListType(P4Type ElementType) : P4Type
{
    public override string Display => $"list<{ElementType.Display}>";

    public override bool HasTypeVariables => ElementType.HasTypeVariables;

    public override P4Type Substitute(IReadOnlyDictionary<TypeVariable, P4Type> map) => this with { ElementType = ElementType.Substitute(map) };
}

/// <summary><c>set&lt;T&gt;</c>: the type of keysets (<c>a &amp;&amp;&amp; m</c>, <c>a .. b</c>, <c>default</c>, value sets).</summary>
public sealed record SetType(P4Type ElementType) : P4Type
{
    public override string Display => $"set<{ElementType.Display}>";
}

/// <summary>The type of an expression that names a type (<c>error</c> in <c>error.NoMatch</c>, an enum in <c>E.A</c>, <c>T.minSizeInBits()</c>).</summary>
public sealed record MetaType(P4Type Referenced) : P4Type
{
    public override string Display => $"type {Referenced.Display}";
}
