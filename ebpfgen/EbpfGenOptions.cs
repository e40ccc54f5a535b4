namespace P4Bpf.EbpfGen;

/// <summary>Options of the eBPF code generator.</summary>
public sealed record EbpfGenOptions
{
    public static readonly EbpfGenOptions Default = new();

    /// <summary>Masks a ternary/range/optional table can hold (the unrolled tuple-space search probes at most this many).</summary>
    public int MaxTernaryMasks { get; init; } = 8;

    /// <summary>Compile tables whose entries and default action are all const into code instead of maps.</summary>
    public bool CompileConstTables { get; init; } = true;

    /// <summary>Object name (used for BTF and the layout).</summary>
    public string? ObjectName { get; init; }
}
