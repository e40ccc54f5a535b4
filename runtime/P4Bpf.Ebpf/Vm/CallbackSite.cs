using P4Bpf.Ebpf.Loading;

namespace P4Bpf.Ebpf.Vm;

/// <summary>Where a helper that runs callbacks (<c>bpf_loop</c>) was called from: the engine running the program, the code the
/// callback addresses refer to, and the frame below which a callback gets its own fresh frame.</summary>
/// <remarks>The engines set <see cref="VmRunContext.CallbackSite"/> just before calling such a helper (<see cref="TakesCallbacks"/>);
/// the helper copies it first, because a callback that calls the helper again overwrites it.</remarks>
internal readonly unsafe struct CallbackSite(ICallbackHost host, object code, ulong* registers, ulong frameTop, int depth)
{
    /// <summary>The engine that runs callbacks; null when no callback helper call is in progress.</summary>
    public ICallbackHost? Host { get; } = host;

    /// <summary>The program's code, in the engine's form (a <see cref="VmProgram"/> or the JIT's code object).</summary>
    public object Code { get; } = code;

    /// <summary>The JIT's register file (null for the interpreter).</summary>
    public ulong* Registers { get; } = registers;

    /// <summary>r10 of the callback: one frame below the caller's.</summary>
    public ulong FrameTop { get; } = frameTop;

    /// <summary>Frames below the caller (0 for the main program).</summary>
    public int Depth { get; } = depth;

    /// <summary>True for helper ids whose calls need a site (<c>bpf_loop</c>).</summary>
    public static bool TakesCallbacks(ulong id) => id == 181;

    /// <summary>Runs the callback whose resolved address (<see cref="Loader.CallbackTag"/> | slot) is <paramref name="callback"/>
    /// with r1–r5 on a fresh frame and returns its r0.</summary>
    public ulong Invoke(VmRunContext context, ulong callback, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5)
    {
        if (Host is null)
        {
            throw new VmException(VmErrorKind.HelperFault, -1, "callbacks can only run from a helper call made by a program");
        }
        if ((callback & 0xFFFF_FFFF_0000_0000UL) != Loader.CallbackTag)
        {
            throw new VmException(VmErrorKind.HelperFault, -1, $"0x{callback:x} is not the address of a callback function");
        }
        if (Depth + 1 >= InterpreterOptions.MaxCallFrames)
        {
            throw new VmException(VmErrorKind.CallDepthExceeded, -1, $"callback call depth exceeds {InterpreterOptions.MaxCallFrames} frames");
        }
        return Host.RunCallback(this, context, (int)(uint)callback, r1, r2, r3, r4, r5);
    }
}

/// <summary>An engine that can run a callback subprogram of the running program (the interpreter, the JIT).</summary>
internal interface ICallbackHost
{
    /// <summary>Runs the function starting at <paramref name="slot"/> of <see cref="CallbackSite.Code"/> with r1–r5, r10 =
    /// <see cref="CallbackSite.FrameTop"/>, one frame deeper than the site; returns its r0.</summary>
    ulong RunCallback(in CallbackSite site, VmRunContext context, int slot, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5);
}
