using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Removes statements after exit/return/drop, empty ifs and switches, self-assignments, and flattens nested blocks.</summary>
public sealed class DeadCodeRemoval : IPass
{
    public string Name => "DeadCodeRemoval";

    public string Description => "Blocks are flat, end at their first exit/return/drop, and hold no empty if or self-assignment.";

    public IrProgram Run(IrProgram program, PassContext context) => new Rewriter().RewriteProgram(program);

    private sealed class Rewriter : IrRewriter
    {
        public override Block RewriteBlock(Block b)
        {
            var rewritten = base.RewriteBlock(b);
            List<IrStmt>? result = null;
            var list = rewritten.Statements;
            for (var i = 0; i < list.Count; i++)
            {
                var s = list[i];
                var terminal = s is ExitStmt or ReturnStmt or DropStmt;
                if (s is Block inner)
                {
                    result ??= list.Take(i).ToList();
                    result.AddRange(inner.Statements);
                    if (inner.Statements.Count > 0 && inner.Statements[^1] is ExitStmt or ReturnStmt or DropStmt)
                    {
                        break;
                    }
                    continue;
                }
                result?.Add(s);
                if (terminal && i < list.Count - 1)
                {
                    result ??= list.Take(i + 1).ToList();
                    break;
                }
            }
            return result is null ? rewritten : new Block(result.ToIrList());
        }

        public override IrStmt? RewriteStmt(IrStmt s)
        {
            var rewritten = base.RewriteStmt(s);
            return rewritten switch
            {
                IfStmt { Then.IsEmpty: true, Else.IsEmpty: true } => null,
                IfStmt { Then.IsEmpty: true } i => new IfStmt(Not(i.Condition), i.Else, Block.Empty),
                AssignStmt a when a.Target.Equals(a.Value) => null,
                SwitchStmt { Cases.Count: 0, Default: null } => null,
                SwitchStmt { Cases.Count: 0 } sw => sw.Default,
                _ => rewritten,
            };
        }

        private static IrExpr Not(IrExpr e) => e is UnaryExpr { Op: UnaryOp.Not } u ? u.Operand : new UnaryExpr(UnaryOp.Not, e, BoolType.Instance);
    }
}
