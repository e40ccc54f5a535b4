using System.Numerics;

namespace P4Bpf.Midend.Ir;

/// <summary>A parser state machine: states, a start state, and the reserved <c>accept</c>/<c>reject</c> targets.</summary>
public sealed record IrParser(string Name, string Start, IrList<ParserState> States)
{
    public const string Accept = "accept";
    public const string Reject = "reject";

    public ParserState? State(string name) => States.FirstOrDefault(s => s.Name == name);
}

/// <summary>One parser state: statements, then a transition.</summary>
public sealed record ParserState(string Name, Block Body, Transition Transition);

/// <summary>Where a parser state goes next.</summary>
public abstract record Transition;

/// <summary><c>transition S;</c></summary>
public sealed record GotoTransition(string State) : Transition;

/// <summary><c>transition select(keys) { cases }</c>; no match rejects with NoMatch.</summary>
public sealed record SelectTransition(IrList<IrExpr> Keys, IrList<SelectCase> Cases) : Transition;

/// <summary>One select arm: one keyset per key (a single default keyset covers all keys).</summary>
public sealed record SelectCase(IrList<Keyset> Keysets, string State);

/// <summary>A keyset of a select arm or a const table entry component.</summary>
public abstract record Keyset;

public sealed record ExactKeyset(BigInteger Value) : Keyset;

/// <summary><c>value &amp;&amp;&amp; mask</c>.</summary>
public sealed record MaskKeyset(BigInteger Value, BigInteger Mask) : Keyset;

/// <summary><c>lo .. hi</c>, inclusive.</summary>
public sealed record RangeKeyset(BigInteger Low, BigInteger High) : Keyset;

/// <summary><c>default</c> or <c>_</c>.</summary>
public sealed record DefaultKeyset : Keyset
{
    public static readonly DefaultKeyset Instance = new();
}

/// <summary>Membership in a parser <c>value_set</c> instance.</summary>
public sealed record ValueSetKeyset(string ValueSet) : Keyset;
