using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Turns every switch into an if/else chain of equality tests; labels with empty bodies fall through to the next arm.</summary>
public sealed class SwitchLowering : IPass
{
    public string Name => "SwitchLowering";

    public string Description => "No switch statement remains.";

    public IrProgram Run(IrProgram program, PassContext context) => new Rewriter().RewriteProgram(program);

    private sealed class Rewriter : IrRewriter
    {
        protected override IrStmt? RewriteSwitch(SwitchStmt sw)
        {
            var s = (SwitchStmt)base.RewriteSwitch(sw)!;
            var arms = new List<(IrExpr Condition, Block Body)>();
            var pending = new List<System.Numerics.BigInteger>();
            foreach (var c in s.Cases)
            {
                pending.AddRange(c.Values);
                if (c.Body.IsEmpty && c != s.Cases[^1])
                {
                    continue;
                }
                IrExpr? cond = null;
                foreach (var v in pending)
                {
                    var eq = BinaryExpr.Make(BinaryOp.Eq, s.Selector, IrConstant.Of(v, s.Selector.Type));
                    cond = cond is null ? eq : BinaryExpr.Make(BinaryOp.Or, cond, eq);
                }
                if (cond is not null)
                {
                    arms.Add((cond, c.Body));
                }
                pending.Clear();
            }
            var result = s.Default ?? Block.Empty;
            for (var i = arms.Count - 1; i >= 0; i--)
            {
                result = Block.Of(new IfStmt(arms[i].Condition, arms[i].Body, result));
            }
            return result;
        }
    }
}
