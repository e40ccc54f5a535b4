using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>The ordered midend pass list, and the driver that runs it.</summary>
public static class MidendPipeline
{
    /// <summary>The passes, in order. This list is the pipeline.</summary>
    public static IReadOnlyList<IPass> Create(MidendOptions options) =>
    [
        new IrValidation(),
        new ExpandEmit(),
        new HeaderUnionLowering(),
        new SwitchLowering(),
        new ParserUnroll(),
        new ParserLoopBound(),
        new RepeatPass(options.MaxFoldRounds,
        [
            new ConstantFolding(),
            new StrengthReduction(),
            new DeadCodeRemoval(),
        ]),
        new ReturnNormalization(),
        new UnreachableParserStates(),
        new IrValidation(),
    ];

    /// <summary>Runs every pass not skipped; stops after the first pass that reported errors.</summary>
    public static (IrProgram Program, IReadOnlyList<MidendError> Errors) Run(IrProgram program, MidendOptions? options = null)
    {
        options ??= MidendOptions.Default;
        var context = new PassContext(options);
        foreach (var pass in Create(options))
        {
            if (options.SkipPasses.Contains(pass.Name))
            {
                continue;
            }
            program = pass.Run(program, context);
            options.AfterPass?.Invoke(pass.Name, program);
            if (context.HasErrors)
            {
                break;
            }
        }
        return (program, context.Errors);
    }

    /// <summary>Pass names with their invariants, for <c>--list-passes</c>.</summary>
    public static IEnumerable<(string Name, string Description)> Describe(MidendOptions options)
    {
        foreach (var pass in Create(options))
        {
            yield return (pass.Name, pass.Description);
            if (pass is RepeatPass repeat)
            {
                foreach (var inner in repeat.Passes)
                {
                    yield return ("  " + inner.Name, inner.Description);
                }
            }
        }
    }
}
