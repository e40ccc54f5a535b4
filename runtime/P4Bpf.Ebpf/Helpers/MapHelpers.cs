using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>The map helpers: lookup/update/delete, queue/stack push/pop/peek, per-CPU lookup.</summary>
/// <remarks>Data-path calls on <see cref="BpfMap"/> with this run's CPU; values handed out become checked-mode regions (read-only for <c>BPF_F_RDONLY_PROG</c> maps).</remarks>
internal static unsafe class MapHelpers
{
    public static void Register(HelperTable table)
    {
        table.Set((int)HelperId.MapLookupElem, "map_lookup_elem", LookupElem);
        table.Set((int)HelperId.MapUpdateElem, "map_update_elem", UpdateElem);
        table.Set((int)HelperId.MapDeleteElem, "map_delete_elem", DeleteElem);
        table.Set((int)HelperId.MapPushElem, "map_push_elem", PushElem);
        table.Set((int)HelperId.MapPopElem, "map_pop_elem", PopElem);
        table.Set((int)HelperId.MapPeekElem, "map_peek_elem", PeekElem);
        table.Set((int)HelperId.MapLookupPercpuElem, "map_lookup_percpu_elem", LookupPercpuElem);
    }

    /// <summary><c>void *bpf_map_lookup_elem(map, key)</c>.</summary>
    public static ulong LookupElem(ulong map, ulong key, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var m = HelperArgs.Map(map, "map_lookup_elem");
        var cpu = HelperRunState.Of(context).Cpu;
        var value = m.Lookup(HelperArgs.Pointer(context, key, m.KeySize, false), cpu);
        if (m is not MapOfMaps)
        {
            HelperArgs.Expose(context, value, m.ValueSize, !m.ReadOnlyForPrograms);
        }
        return (ulong)value;
    }

    /// <summary><c>long bpf_map_update_elem(map, key, value, flags)</c>.</summary>
    public static ulong UpdateElem(ulong map, ulong key, ulong value, ulong flags, ulong r5, VmRunContext context)
    {
        var m = HelperArgs.Map(map, "map_update_elem");
        var k = HelperArgs.Pointer(context, key, m.KeySize, false);
        var v = HelperArgs.Pointer(context, value, m.ValueSize, false);
        return HelperArgs.Result(m.Update(k, v, flags, HelperRunState.Of(context).Cpu));
    }

    /// <summary><c>long bpf_map_delete_elem(map, key)</c>.</summary>
    public static ulong DeleteElem(ulong map, ulong key, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var m = HelperArgs.Map(map, "map_delete_elem");
        return HelperArgs.Result(m.Delete(HelperArgs.Pointer(context, key, m.KeySize, false), HelperRunState.Of(context).Cpu));
    }

    /// <summary><c>long bpf_map_push_elem(map, value, flags)</c>.</summary>
    public static ulong PushElem(ulong map, ulong value, ulong flags, ulong r4, ulong r5, VmRunContext context)
    {
        var m = HelperArgs.Map(map, "map_push_elem");
        return HelperArgs.Result(m.Push(HelperArgs.Pointer(context, value, m.ValueSize, false), flags, HelperRunState.Of(context).Cpu));
    }

    /// <summary><c>long bpf_map_pop_elem(map, value)</c>.</summary>
    public static ulong PopElem(ulong map, ulong value, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var m = HelperArgs.Map(map, "map_pop_elem");
        return HelperArgs.Result(m.Pop(HelperArgs.Pointer(context, value, m.ValueSize, true), HelperRunState.Of(context).Cpu));
    }

    /// <summary><c>long bpf_map_peek_elem(map, value)</c>.</summary>
    public static ulong PeekElem(ulong map, ulong value, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var m = HelperArgs.Map(map, "map_peek_elem");
        return HelperArgs.Result(m.Peek(HelperArgs.Pointer(context, value, m.ValueSize, true), HelperRunState.Of(context).Cpu));
    }

    /// <summary><c>void *bpf_map_lookup_percpu_elem(map, key, cpu)</c>: null for a CPU past the map's slots.</summary>
    public static ulong LookupPercpuElem(ulong map, ulong key, ulong cpu, ulong r4, ulong r5, VmRunContext context)
    {
        var m = HelperArgs.Map(map, "map_lookup_percpu_elem");
        if (!m.IsPerCpu || cpu >= (ulong)m.PossibleCpus)
        {
            return 0;
        }
        var value = m.Lookup(HelperArgs.Pointer(context, key, m.KeySize, false), (int)cpu);
        HelperArgs.Expose(context, value, m.ValueSize, !m.ReadOnlyForPrograms);
        return (ulong)value;
    }
}
