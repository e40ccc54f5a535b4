namespace P4Bpf.Ebpf.Verifier;

/// <summary>One call frame: registers, stack and where it returns to (the kernel's <c>bpf_func_state</c>).</summary>
internal sealed class FuncState
{
    public RegState[] Regs = new RegState[11];
    public StackState Stack = new();
    /// <summary>The call instruction in the caller (−1 for the main frame).</summary>
    public int CallSite = -1;
    /// <summary>The first instruction of this frame's subprogram.</summary>
    public int SubprogStart;
    /// <summary>A bpf_loop callback frame (its return goes back to the helper call).</summary>
    public bool IsCallback;
    /// <summary>A callback frame: the context argument the helper passes in r2 on every iteration.</summary>
    public RegState CallbackCtx;
    /// <summary>A callback frame: which iteration of the helper's loop it explores (0 first).</summary>
    public int CallbackIteration;

    public FuncState Clone() => new()
    {
        Regs = (RegState[])Regs.Clone(),
        Stack = Stack.Clone(),
        CallSite = CallSite,
        SubprogStart = SubprogStart,
        IsCallback = IsCallback,
        CallbackCtx = CallbackCtx,
        CallbackIteration = CallbackIteration,
    };
}
