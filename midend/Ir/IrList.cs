using System.Collections;
using System.Collections.Immutable;

namespace P4Bpf.Midend.Ir;

/// <summary>An immutable list with sequence equality, so IR records compare by value.</summary>
public sealed class IrList<T> : IReadOnlyList<T>, IEquatable<IrList<T>>
{
    public static readonly IrList<T> Empty = new(ImmutableArray<T>.Empty);

    private readonly ImmutableArray<T> items;

    public IrList(ImmutableArray<T> items) => this.items = items.IsDefault ? ImmutableArray<T>.Empty : items;

    public IrList(IEnumerable<T> items) : this(items.ToImmutableArray())
    {
    }

    public int Count => items.Length;

    public T this[int index] => items[index];

    public ImmutableArray<T> AsImmutableArray() => items;

    public bool Equals(IrList<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || items.SequenceEqual(other.items));

    public override bool Equals(object? obj) => obj is IrList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static implicit operator IrList<T>(T[] items) => new(items.ToImmutableArray());

    public static implicit operator IrList<T>(List<T> items) => new(items.ToImmutableArray());

    public override string ToString() => "[" + string.Join(", ", items) + "]";
}

/// <summary>Factory helpers for <see cref="IrList{T}"/>.</summary>
public static class IrList
{
    public static IrList<T> Of<T>(params T[] items) => new(items.ToImmutableArray());

    public static IrList<T> ToIrList<T>(this IEnumerable<T> items) => new(items);
}
