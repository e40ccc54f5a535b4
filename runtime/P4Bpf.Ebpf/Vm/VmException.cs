namespace P4Bpf.Ebpf.Vm;

/// <summary>What went wrong while preparing or running a program.</summary>
public enum VmErrorKind
{
    /// <summary>A load or store outside every registered region (checked mode).</summary>
    OutOfBounds,
    /// <summary>An opcode the engine cannot execute (including running past the last instruction).</summary>
    InvalidInstruction,
    /// <summary>A jump or local call whose target is outside the program or inside an <c>lddw</c>.</summary>
    JumpOutOfBounds,
    /// <summary>A call to a helper id the <see cref="HelperTable"/> does not have.</summary>
    UnknownHelper,
    /// <summary>More nested bpf-to-bpf calls than the frame limit.</summary>
    CallDepthExceeded,
    /// <summary>The instruction budget ran out (a loop that does not end, or a budget set too low).</summary>
    BudgetExceeded,
    /// <summary>An <c>lddw</c> with a pseudo source that no loader resolved.</summary>
    UnresolvedPseudo,
    /// <summary>A feature the engine does not have yet (kfunc calls).</summary>
    Unsupported,
    /// <summary>A helper reported a fault (bad pointer argument, …).</summary>
    HelperFault,
    /// <summary>The program is empty.</summary>
    EmptyProgram,
    /// <summary>Code the verifier has not accepted was asked to run without bounds checks (JIT, unchecked interpreter, a tail call from them).</summary>
    NotVerified,
}

/// <summary>A typed engine error, located at the PC (slot index) of the instruction that caused it, or -1 when not tied to one.</summary>
public sealed class VmException(VmErrorKind kind, int pc, string message) : Exception(message)
{
    public VmErrorKind Kind { get; } = kind;

    public int Pc { get; } = pc;

    /// <summary>The same error located at <paramref name="pc"/> (used when a helper's fault surfaces through a call).</summary>
    public VmException WithPc(int pc) => new(Kind, pc, $"{Message} (in helper call at PC {pc})");
}
