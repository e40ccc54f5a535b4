using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Passes;

/// <summary>One midend pass: takes a program, returns the rewritten program (the same instance when nothing changed).</summary>
public interface IPass
{
    /// <summary>Stable name used by <c>--skip-pass</c> and <c>--dump-ir-after</c>.</summary>
    string Name { get; }

    /// <summary>One sentence: the invariant the pass establishes.</summary>
    string Description { get; }

    IrProgram Run(IrProgram program, PassContext context);
}

/// <summary>A midend error (P4E4xxx): a compiler limit or an IR inconsistency found by a pass.</summary>
public sealed record MidendError(int Code, string Message)
{
    public string Id => "P4E" + Code;

    public override string ToString() => $"error {Id}: {Message}";
}

/// <summary>What passes share: options and the errors reported so far.</summary>
public sealed class PassContext(MidendOptions options)
{
    private readonly List<MidendError> errors = [];

    public MidendOptions Options { get; } = options;

    public IReadOnlyList<MidendError> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    public void Error(int code, string message) => errors.Add(new MidendError(code, message));
}

/// <summary>Options that shape the pass list.</summary>
public sealed record MidendOptions
{
    public static readonly MidendOptions Default = new();

    /// <summary>Pass names not to run.</summary>
    public IReadOnlySet<string> SkipPasses { get; init; } = new HashSet<string>();

    /// <summary>Iterations a parser loop that is not over a header stack may run before it rejects with ParserTimeout (ParserLoopBound).</summary>
    public int MaxParserLoopIterations { get; init; } = 8;

    /// <summary>Maximum rounds of the folding fixpoint.</summary>
    public int MaxFoldRounds { get; init; } = 4;

    /// <summary>Called with the pass name and the program after each pass (the CLI's <c>--dump-ir-after</c>).</summary>
    public Action<string, IrProgram>? AfterPass { get; init; }
}
