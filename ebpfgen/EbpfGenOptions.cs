namespace P4Bpf.EbpfGen;

/// <summary>Options of the eBPF code generator.</summary>
public sealed record EbpfGenOptions
{
    public static readonly EbpfGenOptions Default = new();

    /// <summary>Masks a ternary/range/optional table can hold (the unrolled tuple-space search probes at most this many).</summary>
    public int MaxTernaryMasks { get; init; } = 8;

    /// <summary>Compile tables whose entries are all const into code instead of maps (a non-const default keeps its default map).</summary>
    public bool CompileConstTables { get; init; } = true;

    /// <summary>Most members an action selector group can hold (the group map's value has room for this many ids).</summary>
    public int MaxGroupSize { get; init; } = 16;

    /// <summary>Adapt the pipeline to the SmartNIC offload profile (<c>--target smartnic</c>): lpm tables as per-prefix-length hash maps,
    /// plain maps instead of per-CPU ones, map limits checked at compile time (see <see cref="Layout.SmartNicLayout"/>).</summary>
    public bool SmartNic { get; init; }

    /// <summary>Service chaining: the program's pass verdict (xdp_model XDP_PASS, ebpf_model accept) becomes a <c>bpf_tail_call</c> into slot 0 of
    /// a one-slot <c>PROG_ARRAY</c> (<see cref="Layout.LayoutPlanner.ChainMapName"/>) that the loader fills with the next program; an empty slot
    /// falls through to the pass verdict.</summary>
    public bool TailCallOnPass { get; init; }

    /// <summary>Object name (used for BTF and the layout).</summary>
    public string? ObjectName { get; init; }
}
