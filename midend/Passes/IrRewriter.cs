using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Rebuilds IR bottom-up; every method returns the same instance when nothing below it changed, so unchanged subtrees are shared.</summary>
/// <remarks>Override the <c>Rewrite…</c> hook of the node kind a pass cares about and call the base to rewrite children first.</remarks>
public abstract partial class IrRewriter
{
    public virtual IrProgram RewriteProgram(IrProgram p)
    {
        var actions = RewriteList(p.Actions, RewriteAction);
        var tables = RewriteList(p.Tables, RewriteTable);
        var parsers = RewriteList(p.Parsers, RewriteParser);
        var controls = RewriteList(p.Controls, RewriteControl);
        return ReferenceEquals(actions, p.Actions) && ReferenceEquals(tables, p.Tables) && ReferenceEquals(parsers, p.Parsers) && ReferenceEquals(controls, p.Controls)
            ? p
            : p with { Actions = actions, Tables = tables, Parsers = parsers, Controls = controls };
    }

    public virtual IrAction RewriteAction(IrAction a)
    {
        var body = RewriteBlock(a.Body);
        return ReferenceEquals(body, a.Body) ? a : a with { Body = body };
    }

    public virtual IrControl RewriteControl(IrControl c)
    {
        var body = RewriteBlock(c.Body);
        return ReferenceEquals(body, c.Body) ? c : c with { Body = body };
    }

    public virtual IrTable RewriteTable(IrTable t)
    {
        var keys = RewriteList(t.Keys, k =>
        {
            var e = RewriteExpr(k.Expr);
            return ReferenceEquals(e, k.Expr) ? k : k with { Expr = e };
        });
        return ReferenceEquals(keys, t.Keys) ? t : t with { Keys = keys };
    }

    public virtual IrParser RewriteParser(IrParser p)
    {
        var states = RewriteList(p.States, RewriteState);
        return ReferenceEquals(states, p.States) ? p : p with { States = states };
    }

    public virtual ParserState RewriteState(ParserState s)
    {
        var body = RewriteBlock(s.Body);
        var transition = RewriteTransition(s.Transition);
        return ReferenceEquals(body, s.Body) && ReferenceEquals(transition, s.Transition) ? s : s with { Body = body, Transition = transition };
    }

    public virtual Transition RewriteTransition(Transition t)
    {
        if (t is SelectTransition sel)
        {
            var keys = RewriteList(sel.Keys, RewriteExpr);
            return ReferenceEquals(keys, sel.Keys) ? t : sel with { Keys = keys };
        }
        return t;
    }

    /// <summary>Rewrites a block; statements may expand to several (a returned <see cref="Block"/> inside a block is kept as a nested block).</summary>
    public virtual Block RewriteBlock(Block b)
    {
        var statements = RewriteStatementList(b.Statements);
        return ReferenceEquals(statements, b.Statements) ? b : new Block(statements);
    }

    /// <summary>Rewrites each statement; a statement rewritten to null is removed.</summary>
    protected IrList<IrStmt> RewriteStatementList(IrList<IrStmt> list)
    {
        List<IrStmt>? result = null;
        for (var i = 0; i < list.Count; i++)
        {
            var old = list[i];
            var rewritten = RewriteStmt(old);
            if (result is null && !ReferenceEquals(rewritten, old))
            {
                result = new List<IrStmt>(list.Count);
                for (var j = 0; j < i; j++)
                {
                    result.Add(list[j]);
                }
            }
            if (result is not null && rewritten is not null)
            {
                result.Add(rewritten);
            }
        }
        return result is null ? list : result.ToIrList();
    }

    /// <summary>Rewrites one statement; return null to delete it.</summary>
    public virtual IrStmt? RewriteStmt(IrStmt s) => s switch
    {
        Block b => RewriteBlock(b),
        AssignStmt a => Same(a, RewriteExpr(a.Target), RewriteExpr(a.Value), (t, v) => a with { Target = t!, Value = v! }, a.Target, a.Value),
        IfStmt i => RewriteIf(i),
        ScopeStmt sc => RewriteBlock(sc.Body) is var body && ReferenceEquals(body, sc.Body) ? sc : sc with { Body = body },
        SwitchStmt sw => RewriteSwitch(sw),
        ApplyTableStmt t => Same(t, Opt(t.HitTarget), Opt(t.ActionRunTarget), (h, r) => t with { HitTarget = h, ActionRunTarget = r }, t.HitTarget, t.ActionRunTarget),
        CallActionStmt c => SameList(c, c.Arguments, args => c with { Arguments = args }),
        ExternCallStmt e => RewriteExternCall(e),
        ExtractStmt x => Same(x, RewriteExpr(x.Header), Opt(x.VarbitBits), (h, v) => x with { Header = h!, VarbitBits = v }, x.Header, x.VarbitBits),
        LookaheadStmt l => Same1(l, l.Target, t => l with { Target = t }),
        AdvanceStmt a => Same1(a, a.Bits, b => a with { Bits = b }),
        EmitStmt e => Same1(e, e.Header, h => e with { Header = h }),
        VerifyStmt v => Same1(v, v.Condition, c => v with { Condition = c }),
        SetValidityStmt v => Same1(v, v.Header, h => v with { Header = h }),
        _ => s,
    };

    protected virtual IrStmt? RewriteIf(IfStmt i)
    {
        var cond = RewriteExpr(i.Condition);
        var then = RewriteBlock(i.Then);
        var els = RewriteBlock(i.Else);
        return ReferenceEquals(cond, i.Condition) && ReferenceEquals(then, i.Then) && ReferenceEquals(els, i.Else)
            ? i
            : new IfStmt(cond, then, els);
    }

    protected virtual IrStmt? RewriteSwitch(SwitchStmt sw)
    {
        var selector = RewriteExpr(sw.Selector);
        var cases = RewriteList(sw.Cases, c =>
        {
            var body = RewriteBlock(c.Body);
            return ReferenceEquals(body, c.Body) ? c : c with { Body = body };
        });
        var def = sw.Default is null ? null : RewriteBlock(sw.Default);
        return ReferenceEquals(selector, sw.Selector) && ReferenceEquals(cases, sw.Cases) && ReferenceEquals(def, sw.Default)
            ? sw
            : new SwitchStmt(selector, cases, def);
    }

    protected virtual IrStmt? RewriteExternCall(ExternCallStmt e)
    {
        var args = RewriteList(e.Arguments, RewriteExpr);
        var result = Opt(e.Result);
        return ReferenceEquals(args, e.Arguments) && ReferenceEquals(result, e.Result) ? e : e with { Arguments = args, Result = result };
    }

    private IrExpr? Opt(IrExpr? e) => e is null ? null : RewriteExpr(e);

    private IrStmt SameList<T>(T s, IrList<IrExpr> list, Func<IrList<IrExpr>, T> make)
        where T : IrStmt
    {
        var rewritten = RewriteList(list, RewriteExpr);
        return ReferenceEquals(rewritten, list) ? s : make(rewritten);
    }

    private IrStmt Same1<T>(T s, IrExpr old, Func<IrExpr, T> make)
        where T : IrStmt
    {
        var e = RewriteExpr(old);
        return ReferenceEquals(e, old) ? s : make(e);
    }

    private static IrStmt Same<T>(T s, IrExpr? a, IrExpr? b, Func<IrExpr?, IrExpr?, T> make, IrExpr? oldA, IrExpr? oldB)
        where T : IrStmt =>
        ReferenceEquals(a, oldA) && ReferenceEquals(b, oldB) ? s : make(a, b);


    /// <summary>Maps a list; returns the same list instance when every element came back unchanged.</summary>
    protected static IrList<T> RewriteList<T>(IrList<T> list, Func<T, T> rewrite)
        where T : class
    {
        T[]? result = null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = rewrite(list[i]);
            if (result is null && !ReferenceEquals(item, list[i]))
            {
                result = list.ToArray();
            }
            if (result is not null)
            {
                result[i] = item;
            }
        }
        return result is null ? list : result.ToIrList();
    }
}
