using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>Runs a list of passes until the program stops changing or <c>Max</c> rounds ran.</summary>
public sealed class RepeatPass(int max, IReadOnlyList<IPass> passes) : IPass
{
    public string Name => "Repeat(" + string.Join(", ", passes.Select(p => p.Name)) + ")";

    public string Description => "The inner passes reached a fixpoint (or the round limit).";

    public IReadOnlyList<IPass> Passes => passes;

    public IrProgram Run(IrProgram program, PassContext context)
    {
        for (var round = 0; round < max; round++)
        {
            var before = program;
            foreach (var pass in passes)
            {
                if (context.Options.SkipPasses.Contains(pass.Name))
                {
                    continue;
                }
                program = pass.Run(program, context);
                if (context.HasErrors)
                {
                    return program;
                }
            }
            if (ReferenceEquals(before, program))
            {
                break;
            }
        }
        return program;
    }
}
