namespace P4Bpf.Midend.Ir;

/// <summary>The kernel hook a stage program is written for (decides the context layout and verdict codes).</summary>
public enum StageHook
{
    /// <summary>XDP (<c>struct xdp_md</c>); also used for harness-driven stages.</summary>
    Xdp,

    /// <summary>TC classifier (<c>struct __sk_buff</c>).</summary>
    Tc,
}

/// <summary>How a stage program turns the final state into its return value.</summary>
public abstract record StageVerdict;

/// <summary>Return <c>IfTrue</c> when the bool slot expression is true, else <c>IfFalse</c> (ebpf_model: accept → TC_ACT_OK / TC_ACT_SHOT).</summary>
public sealed record BoolVerdict(IrExpr Condition, int IfTrue, int IfFalse) : StageVerdict;

/// <summary>Return the value of a scalar (xdp_model: the output action).</summary>
public sealed record ValueVerdict(IrExpr Value) : StageVerdict;

/// <summary>Return a constant; the harness reads the pipeline slots for the outcome.</summary>
public sealed record ConstantVerdict(int Value) : StageVerdict;

/// <summary>What the parser's reject state does in this stage.</summary>
public enum RejectPolicy
{
    /// <summary>End the program with the drop code (ebpf_model, xdp_model).</summary>
    Drop,

    /// <summary>Record parser_error and continue with the next block (v1model, PSA).</summary>
    Continue,
}

/// <summary>One eBPF program of the pipeline: the blocks it runs in order, its hook and ELF section, and its verdict.</summary>
/// <param name="Blocks">Names of parsers and controls in execution order.</param>
/// <param name="DropCode">Return value for <see cref="DropStmt"/> and rejected packets.</param>
/// <param name="Reset">Which part of the state area the program zeroes on entry.</param>
/// <param name="Deparser">Name of the control whose emits rebuild the packet head, or null when the stage does not rewrite the packet.</param>
public sealed record IrStage(
    string Name,
    string Section,
    StageHook Hook,
    IrList<string> Blocks,
    StageVerdict Verdict,
    int DropCode,
    RejectPolicy OnReject,
    StateReset Reset,
    string? Deparser)
{
    /// <summary>Where the parser records its error code (bit&lt;32&gt;), or null when the architecture does not expose it.</summary>
    public IrExpr? ParserErrorTarget { get; init; }

    /// <summary>Per-packet inputs the program itself fills from the hook context (kernel hooks: no harness writes them).</summary>
    public IrList<(IrExpr Target, IntrinsicValueKind Source)> ContextInputs { get; init; } = IrList<(IrExpr, IntrinsicValueKind)>.Empty;
}

/// <summary>Which part of the state area a stage program zeroes on entry.</summary>
public enum StateReset
{
    /// <summary>Nothing: the state continues from the previous stage (egress after ingress).</summary>
    None,

    /// <summary>Everything except the pipeline slots, which the harness filled before running the program.</summary>
    NonPipeline,

    /// <summary>The whole area (kernel-hook architectures without a harness).</summary>
    All,
}

/// <summary>A whole architecture-bound, lowered P4 program.</summary>
public sealed record IrProgram(
    string Name,
    string Architecture,
    StateLayout State,
    IrList<IrParser> Parsers,
    IrList<IrControl> Controls,
    IrList<IrAction> Actions,
    IrList<IrTable> Tables,
    IrList<IrExtern> Externs,
    IrList<IrStage> Stages,
    IrList<string> Errors)
{
    /// <summary>The P4 core error names, in their numbering (NoError = 0).</summary>
    public static readonly IrList<string> CoreErrors = IrList.Of(
        "NoError", "PacketTooShort", "NoMatch", "StackOutOfBounds", "HeaderTooShort", "ParserTimeout", "ParserInvalidArgument");

    public IrParser? Parser(string name) => Parsers.FirstOrDefault(p => p.Name == name);

    public IrControl? Control(string name) => Controls.FirstOrDefault(c => c.Name == name);

    public IrAction Action(string name) => Actions.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException($"no action {name}");

    public IrTable Table(string name) => Tables.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"no table {name}");

    public IrExtern Extern(string name) => Externs.FirstOrDefault(e => e.Name == name) ?? throw new KeyNotFoundException($"no extern {name}");

    public int ErrorCode(string name)
    {
        var index = Errors.AsImmutableArray().IndexOf(name);
        return index >= 0 ? index : throw new KeyNotFoundException($"no error {name}");
    }
}
