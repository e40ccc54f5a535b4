using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary><c>long bpf_loop(u32 nr_loops, void *callback_fn, void *callback_ctx, u64 flags)</c>: calls
/// <c>callback_fn(index, callback_ctx)</c> for index 0, 1, … until it returns non-zero (the verifier bounds it to [0, 1]) or
/// <c>nr_loops</c> calls were made; returns the number of calls, <c>-EINVAL</c> for non-zero flags, <c>-E2BIG</c> past 2^23 loops.</summary>
/// <remarks>Each call runs the callback subprogram on a fresh frame below the caller's, through the engine that runs the program
/// (<see cref="CallbackSite"/>), as the kernel does.</remarks>
internal static class LoopHelpers
{
    /// <summary>The kernel's <c>BPF_MAX_LOOPS</c>.</summary>
    public const uint MaxLoops = 1u << 23;

    private const int Einval = 22;
    private const int E2big = 7;

    public static void Register(HelperTable table) =>
        table.Set((int)HelperId.Loop, "loop", Loop);

    public static ulong Loop(ulong count, ulong callback, ulong callbackContext, ulong flags, ulong r5, VmRunContext context)
    {
        if (flags != 0)
        {
            return HelperArgs.Result(-Einval);
        }
        var n = (uint)count;
        if (n > MaxLoops)
        {
            return HelperArgs.Result(-E2big);
        }
        var site = context.CallbackSite;
        for (uint i = 0; i < n; i++)
        {
            if (site.Invoke(context, callback, i, callbackContext, 0, 0, 0) != 0)
            {
                return i + 1UL;
            }
        }
        return n;
    }
}
