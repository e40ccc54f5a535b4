using P4Bpf.P4Runtime.P4InfoGen;
using System.CommandLine;
using P4Bpf.EbpfGen;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf compile PROG.p4 -o OUTDIR</c>: front end, lowering, midend and code generation; writes <c>PROG.o</c> and <c>PROG.layout.json</c>.</summary>
internal static class CompileCommand
{
    /// <summary>The name <c>--dump-ir-after</c> accepts for the IR straight out of the lowering.</summary>
    public const string LoweringStage = "Lowering";

    public static Command Create()
    {
        var file = new Argument<string[]>("files") { Description = "The P4_16 program to compile (several: each is compiled on its own and reported as 'FILE: ok' or its first error).", Arity = ArgumentArity.ZeroOrMore };
        var arch = new Option<string?>("--arch") { Description = "Architecture: ebpf_model, xdp_model, v1model or psa (default: inferred from the main package)." };
        var includes = new Option<string[]>("--include", "-I") { Description = "Add a directory to the #include search path." };
        var defines = new Option<string[]>("--define", "-D") { Description = "Define a preprocessor macro: NAME or NAME=VALUE." };
        var output = new Option<string?>("--output", "-o") { Description = "Output directory for PROG.o and PROG.layout.json." };
        var listPasses = new Option<bool>("--list-passes") { Description = "Print the midend passes in order and exit." };
        var dumpAfter = new Option<string[]>("--dump-ir-after") { Description = $"Print the IR after the named pass ('{LoweringStage}' for the lowered IR) to stdout." };
        var skip = new Option<string[]>("--skip-pass") { Description = "Do not run the named midend pass." };
        var p4runtimeFiles = new Option<string?>("--p4runtime-files") { Description = "Also write the P4Info to these files (comma-separated); the format follows the suffix: .txt/.txtpb text, .json JSON, .bin binary." };
        var target = new Option<string>("--target") { Description = "kernel (default; also the software switch) or smartnic: adapt tables and maps to the NIC offload profile.", DefaultValueFactory = _ => "kernel" };
        target.AcceptOnlyFromAmong("kernel", "software", "smartnic");
        var tailCall = new Option<bool>("--tail-call-on-pass") { Description = "Service chaining (xdp_model, ebpf_model): the pass verdict tail-calls slot 0 of the prog array p4bpf_chain, which the loader fills with the next program." };
        var command = new Command("compile", "Compile a P4_16 program to an eBPF object and its layout manifest.")
        {
            file, arch, includes, defines, output, listPasses, dumpAfter, skip, p4runtimeFiles, target, tailCall,
        };
        command.SetAction(parse =>
        {
            try
            {
                return Run(
                    parse.GetValue(file) ?? [],
                    parse.GetValue(arch),
                    parse.GetValue(includes) ?? [],
                    parse.GetValue(defines) ?? [],
                    parse.GetValue(output),
                    parse.GetValue(listPasses),
                    parse.GetValue(dumpAfter) ?? [],
                    parse.GetValue(skip) ?? [],
                    P4RuntimeFiles(parse.GetValue(p4runtimeFiles)),
                    parse.GetValue(target) == "smartnic",
                    parse.GetValue(tailCall));
            }
            catch (CliException e)
            {
                // System.CommandLine would print a stack trace for exceptions thrown inside an action.
                Console.Error.WriteLine($"p4bpf: error: {e.Message}");
                return e.ExitCode;
            }
        });
        return command;
    }

    /// <summary>The <c>--p4runtime-files</c> list, each name checked for a known suffix before anything is compiled.</summary>
    private static string[] P4RuntimeFiles(string? list)
    {
        if (list is null)
        {
            return [];
        }
        var paths = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (paths.Length == 0)
        {
            throw new CliException("--p4runtime-files needs at least one file name");
        }
        foreach (var path in paths)
        {
            if (P4InfoFiles.FormatOf(path) is null)
            {
                throw new CliException($"--p4runtime-files: {path}: unknown suffix (use .txt, .txtpb, .json or .bin)");
            }
        }
        return paths;
    }

    private static int Run(string[] files, string? arch, string[] includes, string[] defines, string? output, bool listPasses, string[] dumpAfter, string[] skip, string[] p4runtimeFiles, bool smartNic, bool tailCallOnPass)
    {
        var known = MidendPipeline.Describe(MidendOptions.Default).Select(p => p.Name.Trim()).ToHashSet(StringComparer.Ordinal);
        if (listPasses)
        {
            foreach (var (name, description) in MidendPipeline.Describe(MidendOptions.Default))
            {
                Console.WriteLine($"{name,-28} {description}");
            }
            return 0;
        }
        if (files.Length == 0)
        {
            throw new CliException("compile needs a P4 file");
        }
        if (output is null)
        {
            throw new CliException("compile needs an output directory (-o DIR)");
        }
        foreach (var name in dumpAfter.Concat(skip))
        {
            if (!known.Contains(name) && name != LoweringStage)
            {
                throw new CliException($"unknown pass '{name}' (see --list-passes)");
            }
        }
        if (files.Length > 1)
        {
            if (p4runtimeFiles.Length > 0)
            {
                throw new CliException("--p4runtime-files takes one P4 file, not several");
            }
            return RunBatch(files, arch, includes, defines, output, skip, smartNic, tailCallOnPass);
        }
        var file = files[0];
        if (!File.Exists(file))
        {
            throw new CliException($"{file}: no such file");
        }
        if (file.EndsWith(ChainFile.Extension, StringComparison.Ordinal))
        {
            return CompileChain(file, arch, includes, defines, output);
        }
        var dumps = dumpAfter.ToHashSet(StringComparer.Ordinal);
        var midend = MidendOptions.Default with
        {
            SkipPasses = skip.ToHashSet(StringComparer.Ordinal),
            AfterPass = dumps.Count == 0 ? null : (pass, program) =>
            {
                if (dumps.Contains(pass))
                {
                    Console.WriteLine($"// IR after {pass}");
                    Console.Write(IrPrinter.Print(program));
                }
            },
        };
        var result = P4Compiler.CompileFile(file, new CompileOptions
        {
            Architecture = arch,
            IncludeDirectories = includes,
            Defines = defines,
            Midend = midend,
            CodeGen = EbpfGenOptions.Default with { SmartNic = smartNic, TailCallOnPass = tailCallOnPass },
        });
        if (dumps.Contains(LoweringStage) && result.LoweredIr is not null)
        {
            Console.WriteLine($"// IR after {LoweringStage}");
            Console.Write(IrPrinter.Print(result.LoweredIr));
        }
        if (!result.Success)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error);
            }
            return 1;
        }
        foreach (var path in P4Compiler.WriteOutputs(result, output))
        {
            Console.WriteLine($"wrote {path}");
        }
        // P4Info beside the object (as p4c's --p4runtime-files would write it), for controllers and `p4bpf ctl`.
        var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!));
        if (!info.Success)
        {
            Console.Error.WriteLine($"p4bpf: error: P4Info: {string.Join("; ", info.Errors)}");
            return 1;
        }
        var p4infoPath = Path.Combine(output ?? ".", result.Name + ".p4info.txtpb");
        foreach (var path in p4runtimeFiles.Prepend(p4infoPath))
        {
            try
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (directory is not null)
                {
                    Directory.CreateDirectory(directory);
                }
                P4InfoFiles.Write(info.Info!, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{path}: cannot write the P4Info: {e.Message}");
            }
            Console.WriteLine($"wrote {path}");
        }
        return 0;
    }

    /// <summary>A <c>.chain</c> file: every program compiled into OUTDIR (all but the last chained to the next by tail call).</summary>
    private static int CompileChain(string file, string? arch, string[] includes, string[] defines, string output)
    {
        var chain = ChainFile.Read(file);
        var results = chain.CompileStages(new CompileOptions { Architecture = arch, IncludeDirectories = includes, Defines = defines }, Console.Error);
        if (results is null)
        {
            return 1;
        }
        foreach (var path in results.SelectMany(r => P4Compiler.WriteOutputs(r, output)))
        {
            Console.WriteLine($"wrote {path}");
        }
        Console.WriteLine($"chain: {string.Join(" -> ", chain.Programs.Select(Path.GetFileNameWithoutExtension))} "
            + $"(the loader puts each next program in slot 0 of the previous one's {EbpfGen.Layout.LayoutPlanner.ChainMapName})");
        return 0;
    }

    /// <summary>Several files: each compiled on its own; one line per file ('FILE: ok' or its first error), then the counts.</summary>
    private static int RunBatch(string[] files, string? arch, string[] includes, string[] defines, string output, string[] skip, bool smartNic, bool tailCallOnPass)
    {
        int passed = 0, failed = 0;
        var options = new CompileOptions
        {
            Architecture = arch,
            IncludeDirectories = includes,
            Defines = defines,
            Midend = MidendOptions.Default with { SkipPasses = skip.ToHashSet(StringComparer.Ordinal) },
            CodeGen = EbpfGenOptions.Default with { SmartNic = smartNic, TailCallOnPass = tailCallOnPass },
        };
        foreach (var file in files)
        {
            var result = P4Compiler.CompileFile(file, options);
            if (result.Success)
            {
                P4Compiler.WriteOutputs(result, output);
                passed++;
                Console.WriteLine($"{file}: ok");
            }
            else
            {
                failed++;
                var first = result.Errors.Count > 0 ? result.Errors[0].Split('\n')[0] : "error: no output";
                Console.WriteLine($"{file}: {first}");
            }
        }
        Console.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
