using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Drops a trailing <c>return</c> at the end of an action or control body (the code generator turns other returns into jumps to the body's end).</summary>
public sealed class ReturnNormalization : IPass
{
    public string Name => "ReturnNormalization";

    public string Description => "No action or control body ends with a redundant return.";

    public IrProgram Run(IrProgram program, PassContext context)
    {
        var actions = Trim(program.Actions, a => a.Body, (a, b) => a with { Body = b });
        var controls = Trim(program.Controls, c => c.Body, (c, b) => c with { Body = b });
        return ReferenceEquals(actions, program.Actions) && ReferenceEquals(controls, program.Controls)
            ? program
            : program with { Actions = actions, Controls = controls };
    }

    private static IrList<T> Trim<T>(IrList<T> list, Func<T, Block> body, Func<T, Block, T> with)
    {
        if (!list.Any(x => body(x).Statements is [.., ReturnStmt]))
        {
            return list;
        }
        return list.Select(x => body(x).Statements is [.., ReturnStmt] ? with(x, new Block(body(x).Statements.Take(body(x).Statements.Count - 1).ToIrList())) : x).ToIrList();
    }
}
