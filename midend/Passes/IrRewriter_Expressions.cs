using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

public abstract partial class IrRewriter
{
    /// <summary>Rewrites an expression: children first, then <see cref="PostExpr"/> on the (possibly rebuilt) node.</summary>
    public virtual IrExpr RewriteExpr(IrExpr e)
    {
        IrExpr rebuilt = e switch
        {
            FieldRef f => Child(f, f.Base, b => f with { Base = b }),
            StackElementRef s => Two(s, s.Stack, s.Index, (a, b) => s with { Stack = a, Index = b }),
            StackNextIndexRef n => Child(n, n.Stack, b => new StackNextIndexRef(b)),
            VarbitLengthRef v => Child(v, v.Field, b => new VarbitLengthRef(b)),
            IsValidExpr v => Child(v, v.Header, b => new IsValidExpr(b)),
            UnaryExpr u => Child(u, u.Operand, b => u with { Operand = b }),
            BinaryExpr b => Two(b, b.Left, b.Right, (l, r) => b with { Left = l, Right = r }),
            SliceExpr s => Child(s, s.Operand, b => s with { Operand = b }),
            ConcatExpr c => Two(c, c.Left, c.Right, (l, r) => new ConcatExpr(l, r)),
            CastExpr c => Child(c, c.Operand, b => c with { Operand = b }),
            MuxExpr m => Three(m, m.Condition, m.WhenTrue, m.WhenFalse, (a, b, c) => new MuxExpr(a, b, c)),
            _ => e,
        };
        return PostExpr(rebuilt);
    }

    /// <summary>Hook called on every expression after its children were rewritten.</summary>
    protected virtual IrExpr PostExpr(IrExpr e) => e;

    private IrExpr Child<T>(T node, IrExpr child, Func<IrExpr, T> make)
        where T : IrExpr
    {
        var c = RewriteExpr(child);
        return ReferenceEquals(c, child) ? node : make(c);
    }

    private IrExpr Two<T>(T node, IrExpr a, IrExpr b, Func<IrExpr, IrExpr, T> make)
        where T : IrExpr
    {
        var ra = RewriteExpr(a);
        var rb = RewriteExpr(b);
        return ReferenceEquals(ra, a) && ReferenceEquals(rb, b) ? node : make(ra, rb);
    }

    private IrExpr Three<T>(T node, IrExpr a, IrExpr b, IrExpr c, Func<IrExpr, IrExpr, IrExpr, T> make)
        where T : IrExpr
    {
        var ra = RewriteExpr(a);
        var rb = RewriteExpr(b);
        var rc = RewriteExpr(c);
        return ReferenceEquals(ra, a) && ReferenceEquals(rb, b) && ReferenceEquals(rc, c) ? node : make(ra, rb, rc);
    }
}
