using System.Numerics;

namespace P4Bpf.Midend.Ir;

/// <summary>A statement of a lowered parser state, control, action or deparser.</summary>
public abstract record IrStmt;

/// <summary>A sequence of statements.</summary>
public sealed record Block(IrList<IrStmt> Statements) : IrStmt
{
    public static readonly Block Empty = new(IrList<IrStmt>.Empty);

    public static Block Of(params IrStmt[] statements) => new(statements.ToIrList());

    public bool IsEmpty => Statements.Count == 0;
}

/// <summary><c>Target = Value</c>; both sides have the same type (aggregates are copied byte-wise).</summary>
public sealed record AssignStmt(IrExpr Target, IrExpr Value) : IrStmt;

public sealed record IfStmt(IrExpr Condition, Block Then, Block Else) : IrStmt;

/// <summary>One arm of a switch: the selector values that reach it (an empty body falls through to the next arm).</summary>
public sealed record SwitchCase(IrList<BigInteger> Values, Block Body);

/// <summary>A switch on a scalar selector (action_run ids after table lowering, or bit values).</summary>
public sealed record SwitchStmt(IrExpr Selector, IrList<SwitchCase> Cases, Block? Default) : IrStmt;

/// <summary>Applies a table: computes the key, looks it up, runs the chosen action, and optionally stores hit and the action id.</summary>
/// <remarks><c>HitTarget</c> (bool) and <c>ActionRunTarget</c> (bit&lt;32&gt; action id of the table) are lvalues or null.</remarks>
public sealed record ApplyTableStmt(string Table, IrExpr? HitTarget, IrExpr? ActionRunTarget) : IrStmt;

/// <summary>A direct call of an action with argument expressions.</summary>
public sealed record CallActionStmt(string Action, IrList<IrExpr> Arguments) : IrStmt;

/// <summary>A method call on an extern instance (counter.count, register.read, hash.get_hash …), with an optional result lvalue.</summary>
public sealed record ExternCallStmt(string Instance, string Method, IrList<IrExpr> Arguments, IrExpr? Result) : IrStmt;

/// <summary><c>packet.extract(hdr)</c>, or with a varbit length in bits; fails with PacketTooShort (or HeaderTooShort for varbit) to reject.</summary>
public sealed record ExtractStmt(IrExpr Header, IrExpr? VarbitBits) : IrStmt;

/// <summary><c>Target = packet.lookahead&lt;T&gt;()</c> without moving the cursor.</summary>
public sealed record LookaheadStmt(IrExpr Target) : IrStmt;

/// <summary><c>packet.advance(bits)</c>; bits must be a multiple of 8.</summary>
public sealed record AdvanceStmt(IrExpr Bits) : IrStmt;

/// <summary><c>packet.emit(hdr)</c> in a deparser; invalid headers emit nothing.</summary>
public sealed record EmitStmt(IrExpr Header) : IrStmt;

/// <summary><c>verify(cond, err)</c>: when the condition is false, set parser_error and go to reject.</summary>
public sealed record VerifyStmt(IrExpr Condition, int ErrorCode) : IrStmt;

/// <summary><c>setValid()</c>/<c>setInvalid()</c>; for a union member, setting one valid clears the others.</summary>
public sealed record SetValidityStmt(IrExpr Header, bool Valid) : IrStmt;

/// <summary>The body of a control inlined into another (a sub-control <c>apply</c>): a <see cref="ReturnStmt"/> inside leaves only this scope.</summary>
public sealed record ScopeStmt(string Name, Block Body) : IrStmt;

/// <summary><c>exit</c>: ends the whole stage program (the architecture's remaining blocks of the stage still run per its model).</summary>
public sealed record ExitStmt : IrStmt
{
    public static readonly ExitStmt Instance = new();
}

/// <summary><c>return</c> from the enclosing action or control.</summary>
public sealed record ReturnStmt : IrStmt
{
    public static readonly ReturnStmt Instance = new();
}

/// <summary>Ends the stage program at once with the architecture's drop verdict.</summary>
public sealed record DropStmt : IrStmt
{
    public static readonly DropStmt Instance = new();
}
