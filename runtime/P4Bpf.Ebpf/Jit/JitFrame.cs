namespace P4Bpf.Ebpf.Jit;

/// <summary>Layout of the per-run register file that JIT'd functions share (a stack-allocated <c>ulong[16]</c>).</summary>
/// <remarks>
/// Registers live in IL locals inside a function; the file carries them across function boundaries only: a bpf-to-bpf call
/// stores r0–r9 and the callee's r10 and reloads r0–r5 after the return (the caller keeps r6–r10 in its locals); a tail call
/// stores all of r0–r10 for the next program.
/// </remarks>
internal static class JitFrame
{
    /// <summary>Number of slots.</summary>
    public const int Size = 16;

    /// <summary>0 = normal return, <see cref="TailPending"/> or <see cref="Aborted"/>.</summary>
    public const int Status = 11;

    /// <summary>The PC of the helper call in progress (to locate helper faults).</summary>
    public const int HelperPc = 12;

    /// <summary>Out value of runtime helpers (legacy packet loads).</summary>
    public const int Scratch = 13;

    /// <summary>A helper requested a tail call; registers r0–r10 are in the file.</summary>
    public const ulong TailPending = 2;

    /// <summary>A legacy packet load failed: the whole run ends with r0 = 0.</summary>
    public const ulong Aborted = 1;
}
