namespace P4Bpf.Ebpf.Verifier;

/// <summary>The verdict on one program.</summary>
/// <param name="Error">Null when the program is accepted.</param>
/// <param name="InstructionsProcessed">Instructions the abstract interpreter stepped through (the kernel's "processed N insns").</param>
/// <param name="StatesStored">Checkpoints stored for pruning.</param>
/// <param name="MaxStackDepth">The deepest combined stack over all call chains, in bytes (frames rounded up to 32 as the kernel does).</param>
/// <param name="Log">When <see cref="VerifierOptions.Log"/> is set: the last processed instructions with their register states, ending at the error.</param>
public sealed record VerifierResult(VerifierError? Error, int InstructionsProcessed, int StatesStored, int MaxStackDepth, IReadOnlyList<string> Log)
{
    public bool Accepted => Error is null;

    /// <summary>Wall-clock time spent verifying.</summary>
    public TimeSpan Elapsed { get; init; }

    public override string ToString() => Accepted
        ? $"accepted ({InstructionsProcessed} insns processed)"
        : $"rejected at insn {Error!.Pc}: {Error.Message}";
}
