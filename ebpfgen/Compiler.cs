using P4Bpf.Ebpf.Elf;
using P4Bpf.Ebpf.Objects;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Front;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Lowering;
using P4Bpf.Midend.Passes;

namespace P4Bpf.EbpfGen;

/// <summary>What to compile and how: preprocessor inputs, the architecture override, midend and code generator options.</summary>
public sealed record CompileOptions
{
    public static readonly CompileOptions Default = new();

    /// <summary>An architecture name (<c>ebpf_model</c>, <c>xdp_model</c>, <c>v1model</c>, <c>psa</c>) overriding the one inferred from <c>main</c>.</summary>
    public string? Architecture { get; init; }

    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary><c>NAME</c> or <c>NAME=VALUE</c> preprocessor definitions.</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    public MidendOptions Midend { get; init; } = MidendOptions.Default;

    public EbpfGenOptions CodeGen { get; init; } = EbpfGenOptions.Default;
}

/// <summary>
/// Everything one compilation produced: the front end result, the IR before and after the midend, the generated
/// code (object + layout manifest) and the rendered errors. A P4Info builder runs after it on <see cref="Front"/>'s
/// typed program, <see cref="Ir"/> and <see cref="Layout"/>.
/// </summary>
public sealed class CompilationResult
{
    internal CompilationResult(string name, FrontEndResult? front, IrProgram? lowered, IrProgram? ir, EbpfGenResult? code, IReadOnlyList<string> errors)
    {
        Name = name;
        Front = front;
        LoweredIr = lowered;
        Ir = ir;
        Code = code;
        Errors = errors;
    }

    /// <summary>The program name (the source file name without extension): names the object and layout files.</summary>
    public string Name { get; }

    public FrontEndResult? Front { get; }

    /// <summary>The IR straight out of the lowering, before the midend passes.</summary>
    public IrProgram? LoweredIr { get; }

    /// <summary>The IR after the midend passes (what the code generator compiled).</summary>
    public IrProgram? Ir { get; }

    public EbpfGenResult? Code { get; }

    public ObjectSpec? Object => Code?.Object;

    public LayoutManifest? Layout => Code?.Layout;

    /// <summary>Every error, rendered as the front end renders diagnostics (<c>file(line,col): error P4E…: message</c> + source line + caret).</summary>
    public IReadOnlyList<string> Errors { get; }

    public bool Success => Errors.Count == 0 && Object is not null;
}

/// <summary>The whole compiler: front end → lowering → midend passes → eBPF code generation.</summary>
public static class P4Compiler
{
    public static CompilationResult CompileFile(string path, CompileOptions? options = null)
    {
        options ??= CompileOptions.Default;
        var diagnostics = new DiagnosticBag();
        var pp = PreprocessorOptionsFor(options, diagnostics);
        var tree = SyntaxTree.ParseFile(path, pp, diagnostics);
        return Compile(Path.GetFileNameWithoutExtension(path), path, FrontEnd.Check(tree, diagnostics), options);
    }

    public static CompilationResult CompileText(string text, string path, CompileOptions? options = null)
    {
        options ??= CompileOptions.Default;
        var diagnostics = new DiagnosticBag();
        var pp = PreprocessorOptionsFor(options, diagnostics);
        var tree = SyntaxTree.ParseText(text, path, pp, diagnostics);
        return Compile(Path.GetFileNameWithoutExtension(path), path, FrontEnd.Check(tree, diagnostics), options);
    }

    private static PreprocessorOptions PreprocessorOptionsFor(CompileOptions options, DiagnosticBag diagnostics) => new()
    {
        IncludeDirectories = options.IncludeDirectories,
        Defines = PreprocessorOptions.ParseDefines(options.Defines, diagnostics),
    };

    private static CompilationResult Compile(string name, string path, FrontEndResult front, CompileOptions options)
    {
        if (!front.Success)
        {
            return new CompilationResult(name, front, null, null, null, Render(front));
        }
        var lowering = P4Lowering.Lower(front.Program!, front.Tree.Source, front.Diagnostics, name, options.Architecture);
        if (lowering.Program is null)
        {
            return new CompilationResult(name, front, null, null, null, Render(front));
        }
        IrProgram? ir = null;
        try
        {
            (ir, var midendErrors) = MidendPipeline.Run(lowering.Program, options.Midend);
            if (midendErrors.Count > 0)
            {
                return new CompilationResult(name, front, lowering.Program, ir, null, midendErrors.Select(e => $"{path}: {e}").ToList());
            }
            var codegen = options.CodeGen.ObjectName is null ? options.CodeGen with { ObjectName = name } : options.CodeGen;
            var code = EbpfCodeGenerator.Generate(ir, codegen);
            var errors = code.Errors.Select(e => $"{path}: {e}").ToList();
            return new CompilationResult(name, front, lowering.Program, ir, code, errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A midend or code generator bug must still be a reported error, never a crash of the caller.
            return new CompilationResult(name, front, lowering.Program, ir, null,
                [$"{path}: error P4E{InternalErrorCode}: internal error after lowering (please report): {ex.GetType().Name}: {ex.Message}"]);
        }
    }

    /// <summary>The id of internal errors the midend or code generator raised as exceptions.</summary>
    public const int InternalErrorCode = 4098;

    private static List<string> Render(FrontEndResult front) =>
        front.Diagnostics.Sorted().Where(d => d.Severity == DiagnosticSeverity.Error).Select(front.Format).ToList();

    /// <summary>Writes <c>OUTDIR/NAME.o</c> and <c>OUTDIR/NAME.layout.json</c>; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteOutputs(CompilationResult result, string outputDirectory)
    {
        if (!result.Success)
        {
            throw new InvalidOperationException("the compilation failed; there is nothing to write");
        }
        Directory.CreateDirectory(outputDirectory);
        var obj = Path.Combine(outputDirectory, result.Name + ".o");
        var layout = Path.Combine(outputDirectory, result.Name + ".layout.json");
        ElfWriter.WriteFile(result.Object!, obj);
        File.WriteAllText(layout, result.Layout!.ToJson());
        return [obj, layout];
    }
}
