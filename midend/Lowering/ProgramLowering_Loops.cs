using P4Bpf.Front.Typed;
using P4Bpf.Midend.Ir;
using IrBool = P4Bpf.Midend.Ir.BoolType;

namespace P4Bpf.Midend.Lowering;

internal sealed partial class ProgramLowering
{
    /// <summary>Most loop iterations one program may unroll in total (nested loops multiply).</summary>
    private const int MaxUnrolledIterations = 1024;

    private int unrolledIterations;

    /// <summary>
    /// <c>for (init; cond; update) body</c>, unrolled as nested ifs: <c>init; if (cond) { body; update; if (cond) { … } }</c>.
    /// The loop variable (the first initializer's) must be at most 8 bits wide: it then takes at most 2^w distinct values, so a loop
    /// whose variable changes every iteration and that terminates at all ends within 2^w iterations, which is how far we unroll.
    /// </summary>
    private void ForLoop(ForStatement loop, List<IrStmt> output, LoweringScope scope, ReturnTarget ret)
    {
        if (HasJump(loop.Body))
        {
            throw new LoweringException(loop.Span, "break, continue or return inside a for loop");
        }
        var width = loop.Initializers.FirstOrDefault() switch
        {
            DeclarationStatement { Declaration: VariableDeclaration { Variable.Type: BitsType b } } => b.Width,
            AssignmentStatement { Target.Type: BitsType b } => b.Width,
            _ => int.MaxValue,
        };
        if (width > 8)
        {
            throw new LoweringException(loop.Span, "a for loop whose first initializer is not a variable of at most 8 bits (the unroll bound)");
        }
        foreach (var init in loop.Initializers)
        {
            Statement(init, output, scope, ret);
        }
        output.AddRange(Unroll(loop, 1 << width, scope, ret));
    }

    private List<IrStmt> Unroll(ForStatement loop, int remaining, LoweringScope scope, ReturnTarget ret)
    {
        var output = new List<IrStmt>();
        if (remaining == 0)
        {
            return output;
        }
        if (++unrolledIterations > MaxUnrolledIterations)
        {
            throw new LoweringException(loop.Span, $"for loops unrolling to more than {MaxUnrolledIterations} iterations in one program");
        }
        var condition = Coerce(Expr(loop.Condition, output, scope), IrBool.Instance);
        var body = new List<IrStmt>();
        Statement(loop.Body, body, scope, ret);
        foreach (var update in loop.Updates)
        {
            Statement(update, body, scope, ret);
        }
        body.AddRange(Unroll(loop, remaining - 1, scope, ret));
        output.Add(new IfStmt(condition, new Block(body.ToIrList()), Block.Empty));
        return output;
    }

    private static bool HasJump(TypedStatement s) => s switch
    {
        BreakStatement or ContinueStatement or ReturnStatement => true,
        BlockStatement b => b.Statements.Any(HasJump),
        IfStatement i => HasJump(i.Then) || (i.Else is not null && HasJump(i.Else)),
        SwitchStatement sw => sw.Cases.Any(c => c.Body is not null && HasJump(c.Body)),
        _ => false,
    };
}
