namespace P4Bpf.Ebpf.Btf;

/// <summary>A BTF type as a value: records referring to other types by reference, compared structurally.</summary>
/// <remarks>
/// Type graphs are acyclic in this model: where BTF loops back to a struct or union that is being resolved (a
/// pointer to its own struct), the parser puts a <see cref="BtfForward"/> to it. Ids are assigned only by
/// <see cref="BtfBuilder"/> (writing) and <see cref="BtfSpec"/> (reading).
/// </remarks>
public abstract record BtfType
{
    /// <summary>The type's name; empty for anonymous types.</summary>
    public abstract string Name { get; init; }

    public abstract BtfKind Kind { get; }
}

/// <summary>The <c>void</c> type (id 0).</summary>
public sealed record BtfVoid : BtfType
{
    public static readonly BtfVoid Instance = new();

    public override string Name { get => ""; init { } }

    public override BtfKind Kind => BtfKind.Unknown;
}
