namespace P4Bpf.Ebpf.Verifier;

/// <summary>What an abstract register holds (the kernel's <c>enum bpf_reg_type</c>, the subset our engine provides).</summary>
public enum RegType : byte
{
    /// <summary>Never written on this path; reading it is an error.</summary>
    NotInit,
    /// <summary>A number (with bounds).</summary>
    Scalar,
    /// <summary>The program's context (<c>xdp_md</c>, <c>__sk_buff</c>).</summary>
    Ctx,
    /// <summary>A map (from <c>lddw</c> with a map pseudo source).</summary>
    ConstMapPtr,
    /// <summary>A pointer into a map value.</summary>
    MapValue,
    /// <summary>A map lookup result that has not been null-checked.</summary>
    MapValueOrNull,
    /// <summary>A pointer into a stack frame.</summary>
    Stack,
    /// <summary>The start of packet metadata (<c>data_meta</c>).</summary>
    PacketMeta,
    /// <summary>A pointer into the packet (<c>data</c> plus offsets).</summary>
    Packet,
    /// <summary>The end of the packet (<c>data_end</c>); only comparisons are allowed.</summary>
    PacketEnd,
    /// <summary>Memory of a known size returned by a helper (a ring buffer record).</summary>
    Mem,
    /// <summary>A helper's memory result that has not been null-checked.</summary>
    MemOrNull,
    /// <summary>The address of a subprogram (a callback for <c>bpf_loop</c>).</summary>
    Func,
}

/// <summary>Kernel spellings of <see cref="RegType"/> for messages.</summary>
public static class RegTypeNames
{
    public static string KernelName(this RegType type) => type switch
    {
        RegType.NotInit => "?",
        RegType.Scalar => "scalar",
        RegType.Ctx => "ctx",
        RegType.ConstMapPtr => "map_ptr",
        RegType.MapValue => "map_value",
        RegType.MapValueOrNull => "map_value_or_null",
        RegType.Stack => "fp",
        RegType.PacketMeta => "pkt_meta",
        RegType.Packet => "pkt",
        RegType.PacketEnd => "pkt_end",
        RegType.Mem => "ringbuf_mem",
        RegType.MemOrNull => "ringbuf_mem_or_null",
        RegType.Func => "func",
        _ => "?",
    };
}
