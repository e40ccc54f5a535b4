using System.CommandLine;
using P4Bpf.EbpfGen;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf stf (PROG.p4 | --object OUT/PROG.o [--layout L]) TEST.stf [--arch NAME] [-I DIR] [-D X] [--cpu-port N] [--trace] [--trace-json FILE] [--trace-pcap DIR]</c>:
/// compiles the program (or loads a compiled one), runs an STF test against it in the software switch; exits 0 only when every expectation holds.</summary>
/// <remarks>Exit codes tell the sweep (<c>bench/stf-corpus.sh</c>) what went wrong: 1 = the STF test failed, 2 = the program did not compile,
/// 3 = the pipeline did not load (verifier, layout), 4 = bad usage or input files.</remarks>
internal static class StfCommand
{
    public const int ExitTestFailed = 1, ExitCompileError = 2, ExitLoadError = 3, ExitUsage = 4;

    public static Command Create()
    {
        var inputs = new Argument<FileInfo[]>("inputs") { Description = "PROG.p4 TEST.stf, CHAIN.chain TEST.stf (a service chain), or TEST.stf with --object.", Arity = ArgumentArity.OneOrMore };
        var obj = new Option<FileInfo?>("--object") { Description = "A compiled pipeline object (p4bpf compile output) instead of PROG.p4." };
        var layout = new Option<FileInfo?>("--layout") { Description = "Its layout manifest (default: beside the object, NAME.layout.json)." };
        var arch = new Option<string?>("--arch") { Description = "Architecture (ebpf_model, xdp_model, v1model, psa); default: inferred from main (with --object: must match the layout)." };
        var includes = new Option<string[]>("--include", "-I") { Description = "Add a directory to the #include search path." };
        var defines = new Option<string[]>("--define", "-D") { Description = "Define a preprocessor macro: NAME or NAME=VALUE." };
        var cpuPort = new Option<int?>("--cpu-port") { Description = "The CPU port (v1model default 64, PSA default PSA_PORT_CPU); packets sent there count as that port's output." };
        var trace = new Option<bool>("--trace") { Description = "Print each packet's trace: stages, tables hit/missed, decisions, drops." };
        var traceJson = new Option<string?>("--trace-json") { Description = "Write every packet's trace as JSON lines to FILE (schema: runtime/P4Bpf.Runtime/Trace/README.md)." };
        var tracePcap = new Option<string?>("--trace-pcap") { Description = "When the test fails, write in-portN/expected-portN/actual-portN.pcap into DIR (for Wireshark)." };
        var target = new Option<string>("--target") { Description = "Where the pipeline runs: software (default), kernel (bpf() + PROG_TEST_RUN), smartnic (the program is compiled for the offload profile, checked at load, costed by the NIC model).", DefaultValueFactory = _ => "software" };
        var command = new Command("stf", "Run an STF test against a P4 pipeline in the software switch.") { inputs, obj, layout, arch, includes, defines, cpuPort, trace, traceJson, tracePcap, target };
        command.SetAction(parse => CliErrors.Guard(() => Run(
            parse.GetValue(inputs)!,
            parse.GetValue(obj),
            parse.GetValue(layout),
            parse.GetValue(arch),
            parse.GetValue(includes) ?? [],
            parse.GetValue(defines) ?? [],
            parse.GetValue(cpuPort),
            parse.GetValue(trace),
            parse.GetValue(target)!,
            parse.GetValue(traceJson),
            parse.GetValue(tracePcap))));
        return command;
    }

    internal static int Run(FileInfo[] inputs, FileInfo? obj, FileInfo? layout, string? arch, string[] includes, string[] defines, int? cpuPort, bool trace,
        string target = "software", string? traceJson = null, string? tracePcap = null)
    {
        var stf = inputs.FirstOrDefault(f => f.Extension == ".stf") ?? throw new CliException("no .stf file given", ExitUsage);
        if (!stf.Exists)
        {
            throw new CliException($"no such file: {stf.FullName}", ExitUsage);
        }
        if (arch is not null && Midend.Architectures.ArchitectureModel.Get(arch) is null)
        {
            throw new CliException($"unknown architecture '{arch}' (known: {string.Join(", ", Midend.Architectures.ArchitectureModel.Names)})", ExitUsage);
        }
        var chainFile = inputs.FirstOrDefault(f => f.Extension == ChainFile.Extension);
        IReadOnlyList<CompiledPipeline>? chain = null;
        CompiledPipeline? pipeline = null;
        if (chainFile is not null)
        {
            if (target != "software")
            {
                throw new CliException($"not supported yet: a service chain on --target {target} (the software switch runs chains)", ExitUsage);
            }
            chain = ChainFile.Read(chainFile.FullName, ExitUsage).Compile(new CompileOptions { Architecture = arch, IncludeDirectories = includes, Defines = defines }, Console.Error)
                ?? throw new CliException($"{chainFile.Name}: compilation failed", ExitCompileError);
        }
        else
        {
            pipeline = obj is null ? Compile(inputs, arch, includes, defines, smartNic: target == "smartnic") : LoadObject(obj, layout, arch);
        }
        var script = StfParser.ParseFile(stf.FullName);
        foreach (var e in script.Errors)
        {
            Console.Error.WriteLine(e.Format(stf.Name));
        }
        StfRunResult result;
        Runtime.Targets.NicReport? nicReport;
        using var outputs = new StfTraceOutputs(traceJson, tracePcap);
        try
        {
            var options = SwitchOptions.Default with { CpuPort = cpuPort };
            using ISwitch sw = chain is not null ? ChainSwitch.Load(chain, options) : Runtime.Targets.SwitchTargets.Load(target, pipeline!, options);
            var runOptions = new StfRunOptions { Trace = trace, TracePackets = outputs.WantsTraces, OnPacket = outputs.Active ? outputs.OnPacket : null };
            result = new StfRunner(sw, runOptions).Run(script);
            nicReport = (sw as Runtime.Targets.SmartNicSwitch)?.Report();
        }
        catch (SwitchException e)
        {
            throw new CliException(e.Message, ExitLoadError);
        }
        foreach (var line in result.Log)
        {
            Console.WriteLine(line);
        }
        foreach (var f in result.Failures.Where(f => !f.Message.StartsWith("parse error", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine(f.Format(stf.Name));
        }
        if (!result.Passed)
        {
            foreach (var file in outputs.WritePcaps(script))
            {
                Console.WriteLine($"wrote {file}");
            }
        }
        Console.WriteLine($"{stf.Name}: {(result.Passed ? "PASS" : "FAIL")} ({result.PacketsSent} sent, {result.PacketsReceived} received, {result.PacketsExpected} expected, {result.Failures.Count} failures)");
        if (nicReport is not null)
        {
            Console.WriteLine($"nic model: {nicReport}");
        }
        return result.Passed ? 0 : ExitTestFailed;
    }

    /// <summary>Compiles PROG.p4 through the compile driver; compile errors go to stderr and exit with <see cref="ExitCompileError"/>.</summary>
    private static CompiledPipeline Compile(FileInfo[] inputs, string? arch, string[] includes, string[] defines, bool smartNic)
    {
        var p4 = inputs.FirstOrDefault(f => f.Extension == ".p4") ?? throw new CliException("give PROG.p4 or --object OUT/PROG.o", ExitUsage);
        if (!p4.Exists)
        {
            throw new CliException($"no such file: {p4.FullName}", ExitUsage);
        }
        var result = P4Compiler.CompileFile(p4.FullName, new CompileOptions
        {
            Architecture = arch, IncludeDirectories = includes, Defines = defines, CodeGen = EbpfGenOptions.Default with { SmartNic = smartNic },
        });
        if (!result.Success)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error);
            }
            throw new CliException($"{p4.Name}: compilation failed ({result.Errors.Count} errors)", ExitCompileError);
        }
        return new CompiledPipeline(result.Object!, result.Layout!);
    }

    private static CompiledPipeline LoadObject(FileInfo obj, FileInfo? layout, string? arch)
    {
        CompiledPipeline pipeline;
        try
        {
            pipeline = CompiledPipeline.LoadFiles(obj.FullName, layout?.FullName);
        }
        catch (SwitchException e)
        {
            throw new CliException(e.Message, ExitUsage);
        }
        if (arch is not null && Midend.Architectures.ArchitectureModel.Get(arch)?.Name != pipeline.Layout.Architecture)
        {
            throw new CliException($"--arch {arch} does not match the compiled architecture {pipeline.Layout.Architecture}", ExitUsage);
        }
        return pipeline;
    }
}
