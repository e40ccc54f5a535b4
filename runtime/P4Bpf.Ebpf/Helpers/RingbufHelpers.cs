using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>Event output helpers: ringbuf output/reserve/submit/discard/query and perf_event_output.</summary>
internal static unsafe class RingbufHelpers
{
    private const int Einval = 22;

    public static void Register(HelperTable table, bool skb)
    {
        table.Set((int)HelperId.RingbufOutput, "ringbuf_output", Output);
        table.Set((int)HelperId.RingbufReserve, "ringbuf_reserve", Reserve);
        table.Set((int)HelperId.RingbufSubmit, "ringbuf_submit", Submit);
        table.Set((int)HelperId.RingbufDiscard, "ringbuf_discard", Discard);
        table.Set((int)HelperId.RingbufQuery, "ringbuf_query", Query);
        table.Set((int)HelperId.PerfEventOutput, "perf_event_output", PerfEventOutput);
    }

    /// <summary><c>long bpf_ringbuf_output(ringbuf, data, size, flags)</c>.</summary>
    public static ulong Output(ulong map, ulong data, ulong size, ulong flags, ulong r5, VmRunContext context)
    {
        var ring = Ring(map, "ringbuf_output");
        return HelperArgs.Result(ring.Output(HelperArgs.Pointer(context, data, (int)Math.Min(size, int.MaxValue), false), size, flags));
    }

    /// <summary><c>void *bpf_ringbuf_reserve(ringbuf, size, flags)</c>: a record to fill and submit/discard in the same run, or null.</summary>
    public static ulong Reserve(ulong map, ulong size, ulong flags, ulong r4, ulong r5, VmRunContext context)
    {
        var ring = Ring(map, "ringbuf_reserve");
        var record = ring.Reserve(size, flags);
        if (record != null)
        {
            HelperRunState.Of(context).TrackReservation(record, ring);
            HelperArgs.Expose(context, record, (int)size, writable: true);
        }
        return (ulong)record;
    }

    /// <summary><c>void bpf_ringbuf_submit(data, flags)</c>.</summary>
    public static ulong Submit(ulong data, ulong flags, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var ring = HelperRunState.Of(context).TakeReservation((byte*)data) ?? throw HelperArgs.Fault($"ringbuf_submit: 0x{data:x} is not a record reserved in this run");
        ring.Submit((byte*)data, flags);
        return 0;
    }

    /// <summary><c>void bpf_ringbuf_discard(data, flags)</c>.</summary>
    public static ulong Discard(ulong data, ulong flags, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var ring = HelperRunState.Of(context).TakeReservation((byte*)data) ?? throw HelperArgs.Fault($"ringbuf_discard: 0x{data:x} is not a record reserved in this run");
        ring.Discard((byte*)data, flags);
        return 0;
    }

    /// <summary><c>u64 bpf_ringbuf_query(ringbuf, flags)</c>.</summary>
    public static ulong Query(ulong map, ulong flags, ulong r3, ulong r4, ulong r5, VmRunContext context) =>
        Ring(map, "ringbuf_query").Query(flags);

    /// <summary><c>long bpf_perf_event_output(ctx, map, flags, data, size)</c>; for an skb, bits 32–63 of flags append that many packet bytes.</summary>
    public static ulong PerfEventOutput(ulong ctx, ulong map, ulong flags, ulong data, ulong size, VmRunContext context)
    {
        if (HelperArgs.Map(map, "perf_event_output") is not PerfEventArrayMap perf)
        {
            throw HelperArgs.Fault("perf_event_output: the map is not a perf event array");
        }
        var state = HelperRunState.Of(context);
        var packetBytes = (int)(flags >> 32);
        var bytes = (int)Math.Min(size, int.MaxValue);
        var source = HelperArgs.Pointer(context, data, bytes, false);
        if (packetBytes == 0)
        {
            return HelperArgs.Result(perf.Output(flags, source, size, state.Cpu));
        }
        if (state.Context is not SkBuffContext skb || packetBytes > skb.Length)
        {
            return HelperArgs.Result(-Einval);
        }
        var combined = new byte[bytes + packetBytes];
        new ReadOnlySpan<byte>(source, bytes).CopyTo(combined);
        skb.Packet[..packetBytes].CopyTo(combined.AsSpan(bytes));
        fixed (byte* p = combined)
        {
            return HelperArgs.Result(perf.Output(flags & 0xffffffff, p, (ulong)combined.Length, state.Cpu));
        }
    }

    private static RingBufMap Ring(ulong map, string helper) =>
        HelperArgs.Map(map, helper) as RingBufMap ?? throw HelperArgs.Fault($"{helper}: the map is not a ring buffer");
}
