namespace P4Bpf.Midend.Ir;

/// <summary>The extern object kinds the back end knows.</summary>
public enum ExternKind
{
    Counter,
    DirectCounter,
    Register,
    Meter,
    DirectMeter,
    Hash,
    Checksum,
    InternetChecksum,
    Random,
    Digest,

    /// <summary>ebpf_model <c>CounterArray(max_index, sparse)</c>: a 32-bit packet counter per index.</summary>
    CounterArray,
    ValueSet,
    ActionProfile,
    ActionSelector,
}

/// <summary>What a counter or meter counts.</summary>
public enum CounterUnit
{
    Packets,
    Bytes,
    PacketsAndBytes,
}

/// <summary>An extern instance: its kind, its size (entries), and kind-specific parameters.</summary>
/// <param name="ElementType">Register cell type, digest struct, value_set key type, random result type.</param>
/// <param name="Algorithm">Hash/checksum algorithm (crc16, crc32, csum16, identity …).</param>
/// <param name="MaxGroupSize">Action selectors: the program's <c>@max_group_size(N)</c>, 0 when it has none.</param>
public sealed record IrExtern(
    string Name,
    ExternKind Kind,
    long Size,
    IrType? ElementType = null,
    CounterUnit Unit = CounterUnit.PacketsAndBytes,
    string? Algorithm = null,
    int MaxGroupSize = 0)
{
    /// <summary>The state slot (bit&lt;32&gt;, v1model colour numbering) where a table hit leaves the colour of its direct meter.</summary>
    public static string DirectMeterColourSlot(string directMeter) => "$colour." + directMeter;
}
