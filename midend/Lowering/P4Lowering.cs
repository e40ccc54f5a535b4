using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;
using P4Bpf.Midend.Architectures;

namespace P4Bpf.Midend.Lowering;

/// <summary>Lowers a type-checked P4 program into the midend IR for its architecture (inferred from the <c>main</c> package, or given).</summary>
public static class P4Lowering
{
    /// <summary>The architecture a package type belongs to: ebpfFilter → ebpf_model, xdp → xdp_model, V1Switch → v1model, PSA_Switch → psa; null when unknown.</summary>
    public static string? InferArchitecture(TypedProgram program) => program.Main?.PackageType.Name switch
    {
        "ebpfFilter" => "ebpf_model",
        "xdp" => "xdp_model",
        "V1Switch" => "v1model",
        "PSA_Switch" or "IngressPipeline" => "psa",
        _ => null,
    };

    /// <summary>
    /// Lowers <paramref name="program"/>: inlines parsers, controls, functions and actions per instance, binds block
    /// parameters to state slots, lowers tables and extern instances. Unsupported constructs become located
    /// diagnostics in <paramref name="diagnostics"/> (then the result has no program); never throws on user input.
    /// </summary>
    /// <param name="programName">The IR program name (object and layout name), usually the file name without extension.</param>
    /// <param name="architecture">An architecture name (<c>--arch</c>) that overrides inference, or null.</param>
    public static LoweringResult Lower(TypedProgram program, PreprocessedSource source, DiagnosticBag diagnostics, string programName, string? architecture = null)
    {
        var archName = architecture ?? InferArchitecture(program);
        var location = source.GetLocation(program.Main?.Instance.Span ?? program.Span);
        if (archName is null)
        {
            diagnostics.Add(ErrorCode.ERR_LoweringNotSupported, location,
                program.Main is null ? "a program without a 'main' package instance" : $"the architecture of package '{program.Main.PackageType.Name}' (use --arch)");
            return new LoweringResult(null, null);
        }
        var arch = ArchitectureModel.Get(archName);
        if (arch is null)
        {
            diagnostics.Add(ErrorCode.ERR_LoweringNotSupported, location, $"architecture '{archName}' (known: {string.Join(", ", ArchitectureModel.Names)})");
            return new LoweringResult(null, null);
        }
        var lowering = new ProgramLowering(program, source, arch, programName);
        try
        {
            var ir = lowering.Run();
            return new LoweringResult(diagnostics.HasErrors ? null : ir, arch);
        }
        catch (LoweringException ex)
        {
            diagnostics.Add(ErrorCode.ERR_LoweringNotSupported, source.GetLocation(ex.Span), ex.Message);
            return new LoweringResult(null, arch);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Add(ErrorCode.ERR_LoweringInternal, location, $"{ex.GetType().Name}: {ex.Message}");
            return new LoweringResult(null, arch);
        }
    }
}
