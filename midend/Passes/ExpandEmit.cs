using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Expands emit of structs, header stacks and header unions into one emit per header, in declaration order.</summary>
public sealed class ExpandEmit : IPass
{
    public string Name => "ExpandEmit";

    public string Description => "Every emit names a single header.";

    public IrProgram Run(IrProgram program, PassContext context) => new Rewriter().RewriteProgram(program);

    private sealed class Rewriter : IrRewriter
    {
        public override IrStmt? RewriteStmt(IrStmt s)
        {
            if (s is not EmitStmt { Header.Type: not HeaderType } emit)
            {
                return base.RewriteStmt(s);
            }
            var list = new List<IrStmt>();
            Expand(emit.Header, list);
            return new Block(list.ToIrList());
        }

        private static void Expand(IrExpr e, List<IrStmt> into)
        {
            switch (e.Type)
            {
                case HeaderType:
                    into.Add(new EmitStmt(e));
                    break;
                case StructType st:
                    foreach (var f in st.Fields)
                    {
                        if (f.Type is HeaderType or StructType or HeaderStackType or HeaderUnionType)
                        {
                            Expand(new FieldRef(e, f.Name, f.Type), into);
                        }
                    }
                    break;
                case HeaderUnionType u:
                    foreach (var m in u.Members)
                    {
                        into.Add(new EmitStmt(new FieldRef(e, m.Name, m.Type)));
                    }
                    break;
                case HeaderStackType stack:
                    for (var i = 0; i < stack.Size; i++)
                    {
                        Expand(new StackElementRef(e, IrConstant.Of(i, BitType.Bit32), stack.Element), into);
                    }
                    break;
            }
        }
    }
}
