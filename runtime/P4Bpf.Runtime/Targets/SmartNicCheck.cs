using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Targets;

/// <summary>Load-time check of a pipeline against the SmartNIC offload profile (<see cref="VerifierProfile.SmartNic"/>): the architecture, each
/// table's map kind, and every program through the verifier with the profile's program types, map types, helpers and limits.</summary>
public static class SmartNicCheck
{
    /// <summary>The map types the NIC holds: what the NFP-style offload supports (the verifier profile also admits per-CPU maps, which this target
    /// refuses: the compiler replaces them when asked for <c>--target smartnic</c>).</summary>
    public static IReadOnlySet<MapType> OffloadedMapTypes { get; } = new HashSet<MapType> { MapType.Hash, MapType.Array };

    private static string MapTypeName(MapType type) => type switch
    {
        MapType.LpmTrie => "lpm_trie",
        MapType.PercpuArray => "percpu_array",
        MapType.PercpuHash => "percpu_hash",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Every reason the pipeline does not offload, each naming the construct (empty when it does).</summary>
    public static IReadOnlyList<string> Check(CompiledPipeline pipeline)
    {
        var errors = new List<string>();
        if (pipeline.Layout.Architecture != "xdp_model")
        {
            errors.Add($"architecture {pipeline.Layout.Architecture}: the NIC runs XDP only (compile for xdp_model)");
        }
        var adapted = pipeline.Layout.Target == "smartnic";
        var hint = adapted ? "" : " (compile with --target smartnic to adapt the pipeline)";
        foreach (var t in pipeline.Layout.Tables.Where(t => t.Kind == TableKind.Lpm))
        {
            errors.Add($"table {t.Name}: lpm match uses map {t.Map} of type lpm_trie, which the NIC does not offload{hint}");
        }
        foreach (var m in pipeline.Object.Maps)
        {
            var lpm = pipeline.Layout.Tables.Any(t => t.Kind == TableKind.Lpm && t.Map == m.Name);
            if (!lpm && !OffloadedMapTypes.Contains(m.Type))
            {
                errors.Add($"map {m.Name}: type {MapTypeName(m.Type)} does not offload (hash and array maps only; per-CPU maps have no per-core copy on the NIC){hint}");
            }
        }
        foreach (var p in pipeline.Object.Programs)
        {
            var result = Verifier.Instance.Verify(p, pipeline.Object.Maps, new VerifierOptions { ProgramType = p.Type, Profile = VerifierProfile.SmartNic });
            if (result.Error is { } e)
            {
                errors.Add($"program {p.Name}: pc {e.Pc}: {e.Message}");
            }
        }
        return errors;
    }
}
