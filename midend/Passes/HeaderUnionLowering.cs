using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Makes header-union validity explicit: union isValid() is an OR over members, and setValid/extract of a member first invalidates the others.</summary>
public sealed class HeaderUnionLowering : IPass
{
    public string Name => "HeaderUnionLowering";

    public string Description => "isValid() applies only to headers; a member becoming valid explicitly invalidates its siblings.";

    public IrProgram Run(IrProgram program, PassContext context) => new Rewriter().RewriteProgram(program);

    private sealed class Rewriter : IrRewriter
    {
        protected override IrExpr PostExpr(IrExpr e)
        {
            if (e is IsValidExpr { Header.Type: HeaderUnionType u } v)
            {
                IrExpr? any = null;
                foreach (var m in u.Members)
                {
                    IrExpr valid = new IsValidExpr(new FieldRef(v.Header, m.Name, m.Type));
                    any = any is null ? valid : BinaryExpr.Make(BinaryOp.Or, any, valid);
                }
                return any ?? IrConstant.Bool(false);
            }
            return e;
        }

        public override IrStmt? RewriteStmt(IrStmt s)
        {
            var rewritten = base.RewriteStmt(s);
            var header = rewritten switch
            {
                SetValidityStmt { Valid: true } v => v.Header,
                ExtractStmt x => x.Header,
                _ => null,
            };
            if (header is not FieldRef { Base.Type: HeaderUnionType union } member)
            {
                return rewritten;
            }
            var list = new List<IrStmt>();
            foreach (var m in union.Members.Where(m => m.Name != member.Field))
            {
                list.Add(new SetValidityStmt(new FieldRef(member.Base, m.Name, m.Type), false));
            }
            list.Add(rewritten!);
            return new Block(list.ToIrList());
        }
    }
}
