using System.Numerics;

namespace P4Bpf.Midend.Ir;

/// <summary>P4 match kinds the back end implements.</summary>
public enum MatchKind
{
    Exact,
    Lpm,
    Ternary,
    Range,
    Optional,

    /// <summary>ActionSelector input: not part of the lookup key.</summary>
    Selector,
}

/// <summary>One key component: a scalar expression and its match kind.</summary>
public sealed record TableKey(string Name, IrExpr Expr, MatchKind Match)
{
    public int Width => Expr.Type switch
    {
        BitType b => b.Width,
        BoolType => 1,
        _ => throw new InvalidOperationException($"table key {Name} is not scalar"),
    };
}

/// <summary>Where an action may appear: in entries, as default, or both (P4 @tableonly / @defaultonly).</summary>
public enum ActionScope
{
    TableAndDefault,
    TableOnly,
    DefaultOnly,
}

/// <summary>An action a table can run, with its id in this table (1-based; 0 means "no action").</summary>
public sealed record TableActionRef(string Action, int Id, ActionScope Scope = ActionScope.TableAndDefault);

/// <summary>The action run on a miss, with constant arguments.</summary>
public sealed record DefaultAction(string Action, IrList<BigInteger> Arguments, bool IsConst);

/// <summary>One component of an entry key.</summary>
public abstract record KeyMatch;

public sealed record ExactMatch(BigInteger Value) : KeyMatch;

public sealed record LpmMatch(BigInteger Value, int PrefixLength) : KeyMatch;

public sealed record TernaryMatch(BigInteger Value, BigInteger Mask) : KeyMatch;

/// <summary>Inclusive range.</summary>
public sealed record RangeMatch(BigInteger Low, BigInteger High) : KeyMatch;

/// <summary>Optional: a value, or a wildcard when <c>Value</c> is null.</summary>
public sealed record OptionalMatch(BigInteger? Value) : KeyMatch;

/// <summary>Matches everything (<c>_</c>/<c>default</c>) for any match kind except exact.</summary>
public sealed record WildcardMatch : KeyMatch
{
    public static readonly WildcardMatch Instance = new();
}

/// <summary>A (const) table entry; higher <c>Priority</c> wins among ternary/range/optional matches.</summary>
public sealed record TableEntry(IrList<KeyMatch> Keys, string Action, IrList<BigInteger> Arguments, int Priority);

/// <summary>A match-action table after lowering.</summary>
public sealed record IrTable(
    string Name,
    IrList<TableKey> Keys,
    IrList<TableActionRef> Actions,
    DefaultAction Default,
    IrList<TableEntry> Entries,
    bool EntriesConst,
    long Size,
    string? DirectCounter = null,
    string? DirectMeter = null,
    string? Implementation = null)
{
    public TableActionRef ActionRef(string action) =>
        Actions.FirstOrDefault(a => a.Action == action) ?? throw new KeyNotFoundException($"table {Name} has no action {action}");

    /// <summary>True when any key needs priorities (ternary, range or optional).</summary>
    public bool NeedsPriority => Keys.Any(k => k.Match is MatchKind.Ternary or MatchKind.Range or MatchKind.Optional);
}
