using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Semantics;

/// <summary>Where the binder is: decides which statements are legal (return, exit, transition, apply calls).</summary>
internal enum BodyKind
{
    TopLevel,
    Parser,
    Control,
    Action,
    Function,
}

/// <summary>The state of the body being bound; the binder swaps it on entry to a parser, control, action or function.</summary>
internal sealed record BindContext(BodyKind Body, P4Type ReturnType, int LoopDepth, bool InParserState, bool InApply)
{
    public static BindContext TopLevel { get; } = new(BodyKind.TopLevel, VoidType.Instance, 0, false, false);
}
