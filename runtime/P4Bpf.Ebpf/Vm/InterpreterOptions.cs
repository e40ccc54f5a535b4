namespace P4Bpf.Ebpf.Vm;

/// <summary>How the interpreter runs a program.</summary>
/// <param name="CheckedMemory">Bounds-check every load and store against the run's regions (stack, input, packet, helper-added).</param>
/// <param name="InstructionBudget">Maximum instructions per run (all tail-called programs together).</param>
public sealed record InterpreterOptions(bool CheckedMemory = true, long InstructionBudget = 100_000_000)
{
    public static InterpreterOptions Default { get; } = new();

    /// <summary>Refuse to run (or tail-call into) a <see cref="VmProgram"/> the verifier has not accepted (<see cref="VmProgram.IsVerified"/>),
    /// with <see cref="VmErrorKind.NotVerified"/>. The engine sets it whenever memory is unchecked.</summary>
    public bool RequireVerified { get; init; }

    /// <summary>Kernel limit on chained tail calls (<c>MAX_TAIL_CALL_CNT</c>).</summary>
    public const int MaxTailCalls = 33;

    /// <summary>Kernel limit on stack frames including the main program (<c>MAX_CALL_FRAMES</c>).</summary>
    public const int MaxCallFrames = 8;

    /// <summary>Bytes of stack per frame.</summary>
    public const int StackFrameSize = 512;
}
