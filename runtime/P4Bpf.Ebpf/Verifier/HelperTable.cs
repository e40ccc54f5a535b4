using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Programs;
using static P4Bpf.Ebpf.Verifier.ArgKind;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>The prototypes of the helpers the engine provides, by id.</summary>
internal static class HelperTable
{
    private static readonly HashSet<ProgramType> All = [ProgramType.Xdp, ProgramType.SchedCls, ProgramType.SchedAct, ProgramType.SocketFilter];
    private static readonly HashSet<ProgramType> Tc = [ProgramType.SchedCls, ProgramType.SchedAct];
    private static readonly HashSet<ProgramType> XdpTc = [ProgramType.Xdp, ProgramType.SchedCls, ProgramType.SchedAct];
    private static readonly HashSet<ProgramType> XdpOnly = [ProgramType.Xdp];
    private static readonly HashSet<ProgramType> TcSocket = [ProgramType.SchedCls, ProgramType.SchedAct, ProgramType.SocketFilter];

    /// <summary>Map types a generic lookup/update/delete accepts are those not listed here.</summary>
    public static readonly HashSet<MapType> SpecialMaps =
    [
        MapType.ProgArray, MapType.PerfEventArray, MapType.Ringbuf, MapType.UserRingbuf, MapType.Queue, MapType.Stack,
    ];

    private static readonly MapType[] RedirectMaps = [MapType.Devmap, MapType.DevmapHash, MapType.Cpumap, MapType.Xskmap];
    private static readonly MapType[] QueueMaps = [MapType.Queue, MapType.Stack];
    private static readonly MapType[] RingbufMaps = [MapType.Ringbuf];
    private static readonly MapType[] PercpuMaps = [MapType.PercpuHash, MapType.PercpuArray, MapType.LruPercpuHash];

    public static readonly IReadOnlyDictionary<int, HelperPrototype> ById = Build();

    private static Dictionary<int, HelperPrototype> Build()
    {
        HelperPrototype[] all =
        [
            new(HelperIds.MapLookupElem, "map_lookup_elem", RetKind.MapValueOrNull, [ConstMapPtr, MapKey], All),
            new(HelperIds.MapUpdateElem, "map_update_elem", RetKind.Integer, [ConstMapPtr, MapKey, MapValue, Anything], All),
            new(HelperIds.MapDeleteElem, "map_delete_elem", RetKind.Integer, [ConstMapPtr, MapKey], All),
            new(HelperIds.KtimeGetNs, "ktime_get_ns", RetKind.Integer, [], All),
            new(HelperIds.TracePrintk, "trace_printk", RetKind.Integer, [Mem, ConstSize], All),
            new(HelperIds.GetPrandomU32, "get_prandom_u32", RetKind.Integer, [], All),
            new(HelperIds.GetSmpProcessorId, "get_smp_processor_id", RetKind.Integer, [], All),
            new(HelperIds.SkbStoreBytes, "skb_store_bytes", RetKind.Integer, [Ctx, Anything, Mem, ConstSize, Anything], Tc, ChangesPacket: true),
            new(HelperIds.L3CsumReplace, "l3_csum_replace", RetKind.Integer, [Ctx, Anything, Anything, Anything, Anything], Tc, ChangesPacket: true),
            new(HelperIds.L4CsumReplace, "l4_csum_replace", RetKind.Integer, [Ctx, Anything, Anything, Anything, Anything], Tc, ChangesPacket: true),
            new(HelperIds.TailCall, "tail_call", RetKind.Void, [Ctx, ConstMapPtr, Anything], All, [MapType.ProgArray]),
            new(HelperIds.CloneRedirect, "clone_redirect", RetKind.Integer, [Ctx, Anything, Anything], Tc, ChangesPacket: true),
            new(HelperIds.GetCgroupClassid, "get_cgroup_classid", RetKind.Integer, [Ctx], Tc),
            new(HelperIds.SkbVlanPush, "skb_vlan_push", RetKind.Integer, [Ctx, Anything, Anything], Tc, ChangesPacket: true),
            new(HelperIds.SkbVlanPop, "skb_vlan_pop", RetKind.Integer, [Ctx], Tc, ChangesPacket: true),
            new(HelperIds.Redirect, "redirect", RetKind.Integer, [Anything, Anything], XdpTc),
            new(HelperIds.PerfEventOutput, "perf_event_output", RetKind.Integer, [Ctx, ConstMapPtr, Anything, Mem, ConstSizeOrZero], All, [MapType.PerfEventArray]),
            new(HelperIds.SkbLoadBytes, "skb_load_bytes", RetKind.Integer, [Ctx, Anything, UninitMem, ConstSize], TcSocket),
            new(HelperIds.CsumDiff, "csum_diff", RetKind.Integer, [MemOrNull, ConstSizeOrZero, MemOrNull, ConstSizeOrZero, Anything], XdpTc),
            new(HelperIds.GetHashRecalc, "get_hash_recalc", RetKind.Integer, [Ctx], Tc),
            new(HelperIds.SkbChangeTail, "skb_change_tail", RetKind.Integer, [Ctx, Anything, Anything], Tc, ChangesPacket: true),
            new(HelperIds.CsumUpdate, "csum_update", RetKind.Integer, [Ctx, Anything], Tc),
            new(HelperIds.SkbPullData, "skb_pull_data", RetKind.Integer, [Ctx, Anything], Tc, ChangesPacket: true),
            new(HelperIds.SetHashInvalid, "set_hash_invalid", RetKind.Void, [Ctx], Tc),
            new(HelperIds.GetNumaNodeId, "get_numa_node_id", RetKind.Integer, [], All),
            new(HelperIds.SkbChangeHead, "skb_change_head", RetKind.Integer, [Ctx, Anything, Anything], Tc, ChangesPacket: true),
            new(HelperIds.XdpAdjustHead, "xdp_adjust_head", RetKind.Integer, [Ctx, Anything], XdpOnly, ChangesPacket: true),
            new(HelperIds.GetSocketCookie, "get_socket_cookie", RetKind.Integer, [Ctx], TcSocket),
            new(HelperIds.GetSocketUid, "get_socket_uid", RetKind.Integer, [Ctx], TcSocket),
            new(HelperIds.SkbAdjustRoom, "skb_adjust_room", RetKind.Integer, [Ctx, Anything, Anything, Anything], Tc, ChangesPacket: true),
            new(HelperIds.RedirectMap, "redirect_map", RetKind.Integer, [ConstMapPtr, Anything, Anything], XdpOnly, RedirectMaps),
            new(HelperIds.XdpAdjustMeta, "xdp_adjust_meta", RetKind.Integer, [Ctx, Anything], XdpOnly, ChangesPacket: true),
            new(HelperIds.XdpAdjustTail, "xdp_adjust_tail", RetKind.Integer, [Ctx, Anything], XdpOnly, ChangesPacket: true),
            new(HelperIds.MapPushElem, "map_push_elem", RetKind.Integer, [ConstMapPtr, MapValue, Anything], All, QueueMaps),
            new(HelperIds.MapPopElem, "map_pop_elem", RetKind.Integer, [ConstMapPtr, UninitMapValue], All, QueueMaps),
            new(HelperIds.MapPeekElem, "map_peek_elem", RetKind.Integer, [ConstMapPtr, UninitMapValue], All, QueueMaps),
            new(HelperIds.SpinLock, "spin_lock", RetKind.Void, [ArgKind.SpinLock], XdpTc),
            new(HelperIds.SpinUnlock, "spin_unlock", RetKind.Void, [ArgKind.SpinLock], XdpTc),
            new(HelperIds.Jiffies64, "jiffies64", RetKind.Integer, [], All),
            new(HelperIds.KtimeGetBootNs, "ktime_get_boot_ns", RetKind.Integer, [], All),
            new(HelperIds.RingbufOutput, "ringbuf_output", RetKind.Integer, [ConstMapPtr, Mem, ConstSizeOrZero, Anything], All, RingbufMaps),
            new(HelperIds.RingbufReserve, "ringbuf_reserve", RetKind.RingbufMemOrNull, [ConstMapPtr, ConstAllocSize, Anything], All, RingbufMaps),
            new(HelperIds.RingbufSubmit, "ringbuf_submit", RetKind.Void, [RingbufMem, Anything], All),
            new(HelperIds.RingbufDiscard, "ringbuf_discard", RetKind.Void, [RingbufMem, Anything], All),
            new(HelperIds.RingbufQuery, "ringbuf_query", RetKind.Integer, [ConstMapPtr, Anything], All, RingbufMaps),
            new(HelperIds.KtimeGetCoarseNs, "ktime_get_coarse_ns", RetKind.Integer, [], All),
            new(HelperIds.Loop, "loop", RetKind.Integer, [Anything, Func, StackOrNull, Anything], All),
            new(HelperIds.XdpGetBuffLen, "xdp_get_buff_len", RetKind.Integer, [Ctx], XdpOnly),
            new(HelperIds.XdpLoadBytes, "xdp_load_bytes", RetKind.Integer, [Ctx, Anything, UninitMem, ConstSize], XdpOnly),
            new(HelperIds.XdpStoreBytes, "xdp_store_bytes", RetKind.Integer, [Ctx, Anything, Mem, ConstSize], XdpOnly),
            new(HelperIds.MapLookupPercpuElem, "map_lookup_percpu_elem", RetKind.MapValueOrNull, [ConstMapPtr, MapKey, Anything], All, PercpuMaps),
            new(HelperIds.KtimeGetTaiNs, "ktime_get_tai_ns", RetKind.Integer, [], All),
        ];
        return all.ToDictionary(h => h.Id);
    }

    /// <summary>The helpers that accept a map of <paramref name="type"/> (the map side of <c>check_map_func_compatibility</c>); null when generic helpers are fine.</summary>
    public static int[]? HelpersForMap(MapType type) => type switch
    {
        MapType.ProgArray => [HelperIds.TailCall],
        MapType.PerfEventArray => [HelperIds.PerfEventOutput],
        MapType.Ringbuf => [HelperIds.RingbufOutput, HelperIds.RingbufReserve, HelperIds.RingbufQuery],
        MapType.Queue or MapType.Stack => [HelperIds.MapPushElem, HelperIds.MapPopElem, HelperIds.MapPeekElem],
        MapType.Devmap or MapType.DevmapHash or MapType.Cpumap or MapType.Xskmap => [HelperIds.RedirectMap, HelperIds.MapLookupElem],
        _ => null,
    };
}
