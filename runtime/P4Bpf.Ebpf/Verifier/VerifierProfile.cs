using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>The target the program must be proven safe for: the Linux kernel's rules (privileged load) or the stricter SmartNIC offload model.</summary>
/// <param name="Name">Short name (<c>kernel</c>, <c>smartnic</c>).</param>
/// <param name="MaxInstructions">Longest program accepted (slots).</param>
/// <param name="MaxProcessed">Instructions the search may step through before giving up (the kernel's 1,000,000).</param>
/// <param name="AllowLoops">Back-edges allowed (bounded loops proven by exploration); when false every back-edge is an error.</param>
/// <param name="AllowCalls">bpf-to-bpf calls allowed.</param>
/// <param name="AllowTailCalls">bpf_tail_call allowed.</param>
/// <param name="ProgramTypes">Program types accepted; null for all that the verifier models.</param>
/// <param name="MapTypes">Map types accepted; null for all.</param>
/// <param name="Helpers">Helper ids accepted; null for all that the engine provides.</param>
/// <param name="MaxMapEntries">Largest <c>max_entries</c> of a map; 0 for no limit.</param>
/// <param name="MaxMapValueSize">Largest map value in bytes; 0 for no limit.</param>
public sealed record VerifierProfile(
    string Name,
    int MaxInstructions,
    int MaxProcessed,
    bool AllowLoops,
    bool AllowCalls,
    bool AllowTailCalls,
    IReadOnlySet<ProgramType>? ProgramTypes,
    IReadOnlySet<MapType>? MapTypes,
    IReadOnlySet<int>? Helpers,
    uint MaxMapEntries,
    uint MaxMapValueSize)
{
    /// <summary>The Linux kernel with a privileged (CAP_BPF + CAP_PERFMON) loader: 1M instructions, bounded loops, calls, tail calls.</summary>
    public static VerifierProfile Kernel { get; } = new("kernel", 1_000_000, 1_000_000, true, true, true, null, null, null, 0, 0);

    /// <summary>NIC offload in the style of the NFP driver: XDP only, hash and array maps, a short helper list, 4096 instructions, no loops, calls or tail calls.</summary>
    public static VerifierProfile SmartNic { get; } = new(
        "smartnic", 4096, 1_000_000, false, false, false,
        new HashSet<ProgramType> { ProgramType.Xdp },
        new HashSet<MapType> { MapType.Hash, MapType.Array, MapType.PercpuHash, MapType.PercpuArray },
        new HashSet<int>
        {
            HelperIds.MapLookupElem, HelperIds.MapUpdateElem, HelperIds.MapDeleteElem, HelperIds.GetPrandomU32,
            HelperIds.KtimeGetNs, HelperIds.PerfEventOutput, HelperIds.XdpAdjustHead, HelperIds.XdpAdjustTail,
        },
        65_536, 256);

    /// <summary>The profile called <paramref name="name"/> (<c>kernel</c> or <c>smartnic</c>), or null.</summary>
    public static VerifierProfile? Named(string name) => name switch
    {
        "kernel" => Kernel,
        "smartnic" => SmartNic,
        _ => null,
    };

    public bool IsSmartNic => Name == "smartnic";
}
