using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary><c>bpf_tail_call(ctx, prog_array, index)</c>: jumps into the program in the slot, keeping r1 and the stack; falls through when the slot is empty or the chain limit (33) is reached.</summary>
internal static class TailCallHelpers
{
    public static void Register(HelperTable table) =>
        table.Set((int)HelperId.TailCall, "tail_call", TailCall);

    public static ulong TailCall(ulong ctx, ulong map, ulong index, ulong r4, ulong r5, VmRunContext context)
    {
        if (HelperArgs.Map(map, "tail_call") is not ProgArrayMap array)
        {
            throw HelperArgs.Fault("tail_call: the map is not a program array");
        }
        var target = array.GetProgram((uint)index) switch
        {
            LoadedProgram loaded => loaded.VmProgram,
            VmProgram program => program,
            _ => null,
        };
        if (index > uint.MaxValue || target is null || !context.RequestTailCall(target))
        {
            return HelperArgs.Result(-2); // falls through; the verifier gives r0 no meaning here
        }
        return 0;
    }
}
