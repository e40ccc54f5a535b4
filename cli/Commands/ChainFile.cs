using P4Bpf.EbpfGen;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Commands;

/// <summary>A <c>.chain</c> file: the P4 programs of a service chain in order, one path a line (relative to the file), <c>#</c> comments.
/// Every program but the last is compiled to tail-call the next one on its pass verdict (<see cref="EbpfGenOptions.TailCallOnPass"/>).</summary>
/// <example>
/// <code>
/// # firewall, then router
/// firewall.p4
/// router.p4
/// </code>
/// </example>
internal sealed record ChainFile(string Path, IReadOnlyList<string> Programs)
{
    public const string Extension = ".chain";

    /// <summary>Reads a chain file; <see cref="CliException"/> (exit <paramref name="usageExit"/>) names the file and line of a problem.</summary>
    public static ChainFile Read(string path, int usageExit = 1)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file", usageExit);
        }
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var programs = new List<string>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var text = (hash >= 0 ? line[..hash] : line).Trim();
            if (text.Length == 0)
            {
                continue;
            }
            var program = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, text));
            if (!File.Exists(program))
            {
                throw new CliException($"{path}({i + 1}): no such program: {text}", usageExit);
            }
            programs.Add(program);
        }
        if (programs.Count < 2)
        {
            throw new CliException($"{path}: a chain lists at least two programs (found {programs.Count})", usageExit);
        }
        return new ChainFile(path, programs);
    }

    /// <summary>Compiles every stage (all but the last with tail-call chaining); null after printing the errors of a stage that failed.</summary>
    public IReadOnlyList<CompiledPipeline>? Compile(CompileOptions options, TextWriter errors) =>
        CompileStages(options, errors)?.Select(r => new CompiledPipeline(r.Object!, r.Layout!)).ToList();

    /// <summary>The compiler's result for every stage, in chain order; null after printing the errors of a stage that failed.</summary>
    public IReadOnlyList<CompilationResult>? CompileStages(CompileOptions options, TextWriter errors)
    {
        var results = new List<CompilationResult>();
        for (var i = 0; i < Programs.Count; i++)
        {
            var stageOptions = options with { CodeGen = options.CodeGen with { TailCallOnPass = i < Programs.Count - 1, ObjectName = null } };
            var result = P4Compiler.CompileFile(Programs[i], stageOptions);
            if (!result.Success)
            {
                foreach (var e in result.Errors)
                {
                    errors.WriteLine(e);
                }
                return null;
            }
            results.Add(result);
        }
        return results;
    }
}
