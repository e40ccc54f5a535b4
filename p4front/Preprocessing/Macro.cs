namespace P4Bpf.Front.Preprocessing;

/// <summary>A <c>#define</c>: object-like when <see cref="Parameters"/> is null, function-like otherwise.</summary>
internal sealed record Macro(string Name, IReadOnlyList<string>? Parameters, bool IsVariadic, string Body)
{
    public bool IsFunctionLike => Parameters is not null;
}
