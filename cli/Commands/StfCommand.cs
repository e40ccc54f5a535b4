using System.CommandLine;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf stf (PROG.p4 | --object OUT/PROG.o [--layout L]) TEST.stf [--arch NAME] [--trace]</c>: runs an STF test against a compiled pipeline in the software switch; exits 0 only when every expectation holds.</summary>
/// <remarks>Compiling a .p4 file here waits for the compile driver; until then give the precompiled object (its layout defaults to OUT/PROG.layout.json).</remarks>
internal static class StfCommand
{
    public static Command Create()
    {
        var inputs = new Argument<FileInfo[]>("inputs") { Description = "PROG.p4 TEST.stf, or TEST.stf with --object.", Arity = ArgumentArity.OneOrMore };
        var obj = new Option<FileInfo?>("--object") { Description = "A compiled pipeline object (p4bpf compile output)." };
        var layout = new Option<FileInfo?>("--layout") { Description = "Its layout manifest (default: beside the object, NAME.layout.json)." };
        var arch = new Option<string?>("--arch") { Description = "Architecture (ebpf_model, xdp_model, v1model, psa); must match the compiled layout." };
        var trace = new Option<bool>("--trace") { Description = "Print each packet's trace: stages, tables hit/missed, decisions, drops." };
        var command = new Command("stf", "Run an STF test against a P4 pipeline in the software switch.") { inputs, obj, layout, arch, trace };
        command.SetAction(parse => CliErrors.Guard(() => Run(parse.GetValue(inputs)!, parse.GetValue(obj), parse.GetValue(layout), parse.GetValue(arch), parse.GetValue(trace))));
        return command;
    }

    private static int Run(FileInfo[] inputs, FileInfo? obj, FileInfo? layout, string? arch, bool trace)
    {
        var stf = inputs.FirstOrDefault(f => f.Extension == ".stf") ?? throw new CliException("no .stf file given");
        if (obj is null)
        {
            var p4 = inputs.FirstOrDefault(f => f.Extension == ".p4");
            throw new CliException(p4 is null
                ? "give PROG.p4 or --object OUT/PROG.o"
                : "not supported yet: compiling P4 in 'stf' (the compile driver has not landed); compile first and pass --object OUT/PROG.o");
        }
        if (!stf.Exists)
        {
            throw new CliException($"no such file: {stf.FullName}");
        }
        CompiledPipeline pipeline;
        try
        {
            pipeline = CompiledPipeline.LoadFiles(obj.FullName, layout?.FullName);
        }
        catch (SwitchException e)
        {
            throw new CliException(e.Message);
        }
        if (arch is not null && Midend.Architectures.ArchitectureModel.Get(arch)?.Name != pipeline.Layout.Architecture)
        {
            throw new CliException($"--arch {arch} does not match the compiled architecture {pipeline.Layout.Architecture}");
        }
        var script = StfParser.ParseFile(stf.FullName);
        foreach (var e in script.Errors)
        {
            Console.Error.WriteLine(e.Format(stf.Name));
        }
        StfRunResult result;
        try
        {
            using var sw = P4Switch.Load(pipeline);
            result = new StfRunner(sw, new StfRunOptions { Trace = trace }).Run(script);
        }
        catch (SwitchException e)
        {
            throw new CliException(e.Message);
        }
        foreach (var line in result.Log)
        {
            Console.WriteLine(line);
        }
        foreach (var f in result.Failures.Where(f => !f.Message.StartsWith("parse error", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine(f.Format(stf.Name));
        }
        Console.WriteLine($"{stf.Name}: {(result.Passed ? "PASS" : "FAIL")} ({result.PacketsSent} sent, {result.PacketsReceived} received, {result.PacketsExpected} expected, {result.Failures.Count} failures)");
        return result.Passed ? 0 : 1;
    }
}
