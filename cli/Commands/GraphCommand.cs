using System.CommandLine;
using System.Text.Json;
using P4Bpf.Cli.Graphs;
using P4Bpf.EbpfGen;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Front;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf graph PROG.p4</c>: writes the pipeline overview, each parser's state machine and each control's flow chart as DOT (and SVG/PNG through Graphviz).</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The P4_16 program to draw." };
        var output = new Option<string>("--output", "-o") { Description = "Directory for the graph files (created if missing).", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format") { Description = "dot, svg or png (svg/png need Graphviz's 'dot'; the .dot files are always written).", DefaultValueFactory = _ => "dot" };
        format.AcceptOnlyFromAmong("dot", "svg", "png");
        var includes = new Option<string[]>("--include", "-I") { Description = "Add a directory to the #include search path." };
        var defines = new Option<string[]>("--define", "-D") { Description = "Define a preprocessor macro: NAME or NAME=VALUE." };
        var layout = new Option<string?>("--layout") { Description = "A layout manifest (prog.layout.json from compile) to draw the eBPF programs and maps from, instead of compiling." };
        var noCompile = new Option<bool>("--no-compile") { Description = "Do not compile the program to draw its eBPF programs and maps (draw from the source only)." };
        var command = new Command("graph", "Draw a P4 program: pipeline overview, parser state machines, control flow charts (DOT, SVG, PNG).")
        {
            file, output, format, includes, defines, layout, noCompile,
        };
        command.SetAction(parse => CliErrors.Guard(() => Run(
            parse.GetValue(file)!,
            parse.GetValue(output) ?? ".",
            parse.GetValue(format) ?? "dot",
            parse.GetValue(includes) ?? [],
            parse.GetValue(defines) ?? [],
            parse.GetValue(layout),
            !parse.GetValue(noCompile),
            Console.Out,
            Console.Error)));
        return command;
    }

    /// <summary>Parses <paramref name="file"/>, writes its graphs into <paramref name="outputDir"/> and lists them on <paramref name="stdout"/>; returns the exit code.</summary>
    /// <remarks>
    /// Without <paramref name="layoutPath"/>, and when <paramref name="compile"/> is set, the program is compiled and, if that
    /// succeeds, its layout manifest adds the eBPF programs-and-maps graph; a program that does not compile is still drawn
    /// from its syntax, with a note on stderr.
    /// </remarks>
    public static int Run(string file, string outputDir, string format, string[] includes, string[] defines, string? layoutPath, bool compile, TextWriter stdout, TextWriter stderr)
    {
        var diagnostics = new DiagnosticBag();
        var options = new PreprocessorOptions
        {
            IncludeDirectories = includes,
            Defines = PreprocessorOptions.ParseDefines(defines, diagnostics),
        };
        if (diagnostics.HasErrors)
        {
            foreach (var d in diagnostics.Items)
            {
                stderr.WriteLine(d.ToString());
            }
            return 2;
        }
        if (!File.Exists(file))
        {
            throw new CliException($"no such file: {file}");
        }
        if (format != "dot" && GraphRenderer.FindDot() is null)
        {
            throw new CliException(GraphRenderer.MissingDotMessage);
        }
        LayoutManifest? layout = null;
        if (layoutPath is not null)
        {
            try
            {
                layout = LayoutManifest.FromJson(File.ReadAllText(layoutPath));
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new CliException($"cannot read layout manifest {layoutPath}: {e.Message}");
            }
        }
        var tree = SyntaxTree.ParseFile(file, options, diagnostics);
        var errors = diagnostics.Sorted().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors.Take(10))
            {
                stderr.WriteLine(tree.Format(error));
            }
            return 1;
        }
        if (layout is null && compile)
        {
            layout = CompileLayout(file, includes, defines, stderr);
        }
        var name = Path.GetFileNameWithoutExtension(file);
        var graphs = ProgramGraphs.Build(tree.Root, name, layout, linkExtension: format == "svg" ? "svg" : null);
        if (graphs.Count == 0)
        {
            stderr.WriteLine($"{file}: no parser, control or main package to draw");
            return 1;
        }
        Directory.CreateDirectory(outputDir);
        foreach (var graph in graphs)
        {
            var dot = DotWriter.Write(graph.Graph);
            var dotPath = Path.Combine(outputDir, graph.FileStem + ".dot");
            File.WriteAllText(dotPath, dot);
            stdout.WriteLine(dotPath);
            if (format != "dot")
            {
                var rendered = Path.Combine(outputDir, graph.FileStem + "." + format);
                GraphRenderer.Render(dot, format, rendered);
                stdout.WriteLine(rendered);
            }
        }
        return 0;
    }

    private static LayoutManifest? CompileLayout(string file, string[] includes, string[] defines, TextWriter stderr)
    {
        CompilationResult result;
        try
        {
            result = P4Compiler.CompileFile(file, new CompileOptions { IncludeDirectories = includes, Defines = defines });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The compiler reports user errors as data; an exception here is a compiler bug, and the source graphs are still useful.
            stderr.WriteLine($"{file}: note: no eBPF graph: the compiler failed ({e.GetType().Name}: {e.Message})");
            return null;
        }
        if (!result.Success || result.Layout is null)
        {
            var first = result.Errors.FirstOrDefault()?.Split('\n')[0] ?? "no layout produced";
            stderr.WriteLine($"{file}: note: no eBPF graph: the program does not compile: {first}");
            return null;
        }
        return result.Layout;
    }
}
