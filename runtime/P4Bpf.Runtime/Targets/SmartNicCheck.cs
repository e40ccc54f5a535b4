using P4Bpf.Ebpf.Verifier;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Targets;

/// <summary>Load-time check of a pipeline against the SmartNIC offload profile (<see cref="VerifierProfile.SmartNic"/>): the architecture, each
/// table's map kind, and every program through the verifier with the profile's program types, map types, helpers and limits.</summary>
public static class SmartNicCheck
{
    /// <summary>Every reason the pipeline does not offload, each naming the construct (empty when it does).</summary>
    public static IReadOnlyList<string> Check(CompiledPipeline pipeline)
    {
        var errors = new List<string>();
        if (pipeline.Layout.Architecture != "xdp_model")
        {
            errors.Add($"architecture {pipeline.Layout.Architecture}: the NIC runs XDP only (compile for xdp_model)");
        }
        foreach (var t in pipeline.Layout.Tables)
        {
            if (t.Kind == TableKind.Lpm)
            {
                errors.Add($"table {t.Name}: lpm match uses an LPM_TRIE map, which the NIC does not offload " +
                    "(not supported yet: --target smartnic code generation of per-prefix-length hash maps)");
            }
        }
        foreach (var m in pipeline.Object.Maps)
        {
            if (!VerifierProfile.SmartNic.MapTypes!.Contains(m.Type) && pipeline.Layout.Tables.All(t => t.Map != m.Name || t.Kind != TableKind.Lpm))
            {
                errors.Add($"map {m.Name}: type {m.Type} does not offload (allowed: {string.Join(", ", VerifierProfile.SmartNic.MapTypes!)})");
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
