using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>
    /// An inlined body whose <c>exit</c> statements first run the call's copy-out (spec "Exit statement": the copy-out of the
    /// enclosing action or control and of all its callers is still performed). Inner calls were inlined first, so an exit
    /// already preceded by an inner copy-out gets the outer one after it.
    /// </summary>
    private static IrStmt WithCopyOutOnExit(IrStmt body, IReadOnlyList<IrStmt> copyOut) =>
        copyOut.Count == 0 ? body : CopyOutOnExit(body, copyOut);

    private static IrStmt CopyOutOnExit(IrStmt s, IReadOnlyList<IrStmt> copyOut) => s switch
    {
        ExitStmt => new Block(copyOut.Append(s).ToIrList()),
        Block b => CopyOutOnExit(b, copyOut),
        IfStmt i => i with { Then = CopyOutOnExit(i.Then, copyOut), Else = CopyOutOnExit(i.Else, copyOut) },
        ScopeStmt sc => sc with { Body = CopyOutOnExit(sc.Body, copyOut) },
        SwitchStmt sw => sw with
        {
            Cases = sw.Cases.Select(c => c with { Body = CopyOutOnExit(c.Body, copyOut) }).ToIrList(),
            Default = sw.Default is null ? null : CopyOutOnExit(sw.Default, copyOut),
        },
        _ => s,
    };

    private static Block CopyOutOnExit(Block b, IReadOnlyList<IrStmt> copyOut) =>
        new(b.Statements.Select(x => CopyOutOnExit(x, copyOut)).ToIrList());
}
