using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary><c>bpf_loop(nr_loops, callback, ctx, flags)</c>.</summary>
/// <remarks>Running a callback needs the engine to call a subprogram from inside a helper on a fresh frame; until the engines expose that, the helper reports a clear error.</remarks>
internal static class LoopHelpers
{
    public static void Register(HelperTable table) =>
        table.Set((int)HelperId.Loop, "loop", Loop);

    public static ulong Loop(ulong count, ulong callback, ulong callbackContext, ulong flags, ulong r5, VmRunContext context) =>
        throw new VmException(VmErrorKind.Unsupported, -1, "not supported yet: bpf_loop (callbacks from helpers)");
}
