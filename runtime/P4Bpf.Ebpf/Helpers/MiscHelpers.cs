using System.Diagnostics;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>Time, randomness and CPU helpers: ktime_get_*_ns, jiffies64, get_prandom_u32, get_smp_processor_id, get_numa_node_id.</summary>
internal static class MiscHelpers
{
    private static readonly long StartTimestamp = Stopwatch.GetTimestamp();

    /// <summary>Offset of the boot clock from the monotonic one (we do not suspend, so a constant).</summary>
    private const ulong BootOffsetNs = 0;

    /// <summary>Offset of TAI from the monotonic clock (wall clock at start plus 37 leap seconds).</summary>
    private static readonly ulong TaiOffsetNs = (ulong)((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 37_000) * 1_000_000L);

    public static void Register(HelperTable table)
    {
        table.Set((int)HelperId.KtimeGetNs, "ktime_get_ns", KtimeGetNs);
        table.Set((int)HelperId.KtimeGetBootNs, "ktime_get_boot_ns", KtimeGetBootNs);
        table.Set((int)HelperId.KtimeGetCoarseNs, "ktime_get_coarse_ns", KtimeGetCoarseNs);
        table.Set((int)HelperId.KtimeGetTaiNs, "ktime_get_tai_ns", KtimeGetTaiNs);
        table.Set((int)HelperId.Jiffies64, "jiffies64", Jiffies64);
        table.Set((int)HelperId.GetPrandomU32, "get_prandom_u32", GetPrandomU32);
        table.Set((int)HelperId.GetSmpProcessorId, "get_smp_processor_id", GetSmpProcessorId);
        table.Set((int)HelperId.GetNumaNodeId, "get_numa_node_id", (_, _, _, _, _, _) => 0);
    }

    /// <summary>Nanoseconds of the monotonic clock (the run state's <see cref="HelperRunState.Clock"/> when set).</summary>
    public static ulong MonotonicNs(VmRunContext context)
    {
        if (context.State is HelperRunState { Clock: { } clock })
        {
            return clock();
        }
        var ticks = Stopwatch.GetTimestamp() - StartTimestamp;
        return (ulong)(ticks * (1_000_000_000.0 / Stopwatch.Frequency)) + 1_000_000_000UL;
    }

    public static ulong KtimeGetNs(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) => MonotonicNs(context);

    public static ulong KtimeGetBootNs(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) => MonotonicNs(context) + BootOffsetNs;

    /// <summary>The coarse clock: the monotonic clock at jiffy (4 ms) resolution.</summary>
    public static ulong KtimeGetCoarseNs(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) => MonotonicNs(context) / 4_000_000 * 4_000_000;

    public static ulong KtimeGetTaiNs(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) => MonotonicNs(context) + TaiOffsetNs;

    /// <summary>Jiffies at HZ=250.</summary>
    public static ulong Jiffies64(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) => MonotonicNs(context) / 4_000_000;

    public static ulong GetPrandomU32(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) => HelperRunState.Of(context).NextRandom();

    public static ulong GetSmpProcessorId(ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) => (ulong)HelperRunState.Of(context).Cpu;
}
