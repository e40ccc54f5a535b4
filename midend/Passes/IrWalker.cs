using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Read-only traversal of the IR with pre/post hooks; return false from a <c>Pre…</c> hook to skip the children.</summary>
public abstract class IrWalker
{
    protected virtual bool PreStmt(IrStmt s) => true;

    protected virtual void PostStmt(IrStmt s)
    {
    }

    protected virtual bool PreExpr(IrExpr e) => true;

    protected virtual void PostExpr(IrExpr e)
    {
    }

    public void WalkProgram(IrProgram p)
    {
        foreach (var a in p.Actions)
        {
            WalkStmt(a.Body);
        }
        foreach (var t in p.Tables)
        {
            foreach (var k in t.Keys)
            {
                WalkExpr(k.Expr);
            }
        }
        foreach (var parser in p.Parsers)
        {
            foreach (var s in parser.States)
            {
                WalkStmt(s.Body);
                if (s.Transition is SelectTransition sel)
                {
                    foreach (var k in sel.Keys)
                    {
                        WalkExpr(k);
                    }
                }
            }
        }
        foreach (var c in p.Controls)
        {
            WalkStmt(c.Body);
        }
    }

    public void WalkStmt(IrStmt s)
    {
        if (!PreStmt(s))
        {
            return;
        }
        switch (s)
        {
            case Block b:
                foreach (var x in b.Statements)
                {
                    WalkStmt(x);
                }
                break;
            case AssignStmt a:
                WalkExpr(a.Target);
                WalkExpr(a.Value);
                break;
            case ScopeStmt sc:
                WalkStmt(sc.Body);
                break;
            case IfStmt i:
                WalkExpr(i.Condition);
                WalkStmt(i.Then);
                WalkStmt(i.Else);
                break;
            case SwitchStmt sw:
                WalkExpr(sw.Selector);
                foreach (var c in sw.Cases)
                {
                    WalkStmt(c.Body);
                }
                if (sw.Default is not null)
                {
                    WalkStmt(sw.Default);
                }
                break;
            case ApplyTableStmt t:
                WalkOpt(t.HitTarget);
                WalkOpt(t.ActionRunTarget);
                break;
            case CallActionStmt c:
                foreach (var a in c.Arguments)
                {
                    WalkExpr(a);
                }
                break;
            case ExternCallStmt e:
                foreach (var a in e.Arguments)
                {
                    WalkExpr(a);
                }
                WalkOpt(e.Result);
                break;
            case ExtractStmt x:
                WalkExpr(x.Header);
                WalkOpt(x.VarbitBits);
                break;
            case LookaheadStmt l:
                WalkExpr(l.Target);
                break;
            case AdvanceStmt a:
                WalkExpr(a.Bits);
                break;
            case EmitStmt e:
                WalkExpr(e.Header);
                break;
            case VerifyStmt v:
                WalkExpr(v.Condition);
                break;
            case SetValidityStmt v:
                WalkExpr(v.Header);
                break;
        }
        PostStmt(s);
    }

    private void WalkOpt(IrExpr? e)
    {
        if (e is not null)
        {
            WalkExpr(e);
        }
    }

    public void WalkExpr(IrExpr e)
    {
        if (!PreExpr(e))
        {
            return;
        }
        switch (e)
        {
            case FieldRef f:
                WalkExpr(f.Base);
                break;
            case StackElementRef s:
                WalkExpr(s.Stack);
                WalkExpr(s.Index);
                break;
            case StackNextIndexRef n:
                WalkExpr(n.Stack);
                break;
            case VarbitLengthRef v:
                WalkExpr(v.Field);
                break;
            case IsValidExpr v:
                WalkExpr(v.Header);
                break;
            case UnaryExpr u:
                WalkExpr(u.Operand);
                break;
            case BinaryExpr b:
                WalkExpr(b.Left);
                WalkExpr(b.Right);
                break;
            case SliceExpr s:
                WalkExpr(s.Operand);
                break;
            case ConcatExpr c:
                WalkExpr(c.Left);
                WalkExpr(c.Right);
                break;
            case CastExpr c:
                WalkExpr(c.Operand);
                break;
            case MuxExpr m:
                WalkExpr(m.Condition);
                WalkExpr(m.WhenTrue);
                WalkExpr(m.WhenFalse);
                break;
        }
        PostExpr(e);
    }
}
