using P4Bpf.Ebpf.Programs;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>Builds the helper table a program type gets, like the kernel's <c>get_func_proto</c> per type (e.g. <c>bpf_redirect</c> differs for XDP and TC).</summary>
/// <remarks>Every helper takes the per-run <see cref="HelperRunState"/> from <see cref="VmRunContext.State"/>; harnesses set it (with the packet context) before a run.</remarks>
public static class KernelHelpers
{
    /// <summary>A new table with the helpers available to <paramref name="type"/>.</summary>
    public static HelperTable CreateTable(ProgramType type)
    {
        var table = new HelperTable();
        Register(table, type);
        return table;
    }

    /// <summary>Adds (or replaces) the helpers available to <paramref name="type"/> in <paramref name="table"/>.</summary>
    public static void Register(HelperTable table, ProgramType type)
    {
        ArgumentNullException.ThrowIfNull(table);
        var skb = type is ProgramType.SchedCls or ProgramType.SchedAct or ProgramType.SocketFilter or ProgramType.CgroupSkb
            or ProgramType.LwtIn or ProgramType.LwtOut or ProgramType.LwtXmit or ProgramType.SkSkb;
        MapHelpers.Register(table);
        MiscHelpers.Register(table);
        TraceHelpers.Register(table);
        TailCallHelpers.Register(table);
        SpinLockHelpers.Register(table);
        RingbufHelpers.Register(table, skb);
        ChecksumHelpers.Register(table, skb);
        LoopHelpers.Register(table);
        if (type == ProgramType.Xdp)
        {
            PacketHelpers.RegisterXdp(table);
            RedirectHelpers.RegisterXdp(table);
        }
        else if (skb)
        {
            PacketHelpers.RegisterSkb(table);
            if (type is ProgramType.SchedCls or ProgramType.SchedAct)
            {
                RedirectHelpers.RegisterSkb(table);
            }
        }
    }
}
