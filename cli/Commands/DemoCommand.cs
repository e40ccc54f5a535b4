using System.CommandLine;
using P4Bpf.Cli.Demo;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf demo [NAME]</c>: runs an example pipeline end to end on the embedded engine — compile, switch + P4Runtime server on
/// 127.0.0.1, the example's controller over gRPC, the sample pcap replayed — and prints what happened.</summary>
internal static class DemoCommand
{
    public const string DefaultExample = "l3-router";

    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = $"The example to run (default {DefaultExample}); --list shows them all.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the output pcaps (default: demo-out/NAME)." };
        var examples = new Option<string?>("--examples") { Description = "The examples folder (default: found from the current directory or the p4bpf installation)." };
        var list = new Option<bool>("--list") { Description = "List the examples and exit." };
        var connect = new Option<string?>("--connect") { Description = "Run only the example's controller against a running P4Runtime server at HOST:PORT (e.g. p4bpf run), until Ctrl+C." };
        var serveFor = new Option<double?>("--serve-seconds") { Description = "With --connect: stop serving packet-ins after this many seconds and print the report." };
        var traceJson = new Option<string?>("--trace-json") { Description = "Write the trace of every replayed packet as JSON lines to FILE." };
        var command = new Command("demo", "Run an example pipeline end to end: compile, switch + P4Runtime server, controller over gRPC, pcap replay.")
        {
            name, output, examples, list, connect, serveFor, traceJson,
        };
        command.SetAction(parse => CliErrors.Guard(() => Run(parse.GetValue(name), parse.GetValue(output), parse.GetValue(examples), parse.GetValue(list),
            parse.GetValue(connect), parse.GetValue(serveFor), parse.GetValue(traceJson))));
        return command;
    }

    private static int Run(string? name, string? output, string? examplesDir, bool list, string? connect, double? serveSeconds, string? traceJson = null)
    {
        try
        {
            return RunExample(name, output, examplesDir, list, connect, serveSeconds, traceJson);
        }
        catch (Grpc.Core.RpcException e)
        {
            throw new CliException($"P4Runtime: {e.Status.StatusCode}: {e.Status.Detail}");
        }
        catch (P4Runtime.Client.P4RuntimeBatchException e)
        {
            throw new CliException($"P4Runtime write failed: {e.Message}");
        }
    }

    private static int RunExample(string? name, string? output, string? examplesDir, bool list, string? connect, double? serveSeconds, string? traceJson)
    {
        var root = examplesDir ?? FindExamples() ?? throw new CliException("cannot find the examples folder; run from the p4bpf checkout or pass --examples DIR");
        if (list)
        {
            foreach (var c in ExampleControllers.All)
            {
                Console.WriteLine($"{c.Example,-14} {c.Description}");
            }
            foreach (var (example, why) in ExampleControllers.NotRunnable)
            {
                Console.WriteLine($"{example,-14} (not runnable as a demo: {why})");
            }
            return 0;
        }
        name ??= DefaultExample;
        if (ExampleControllers.NotRunnable.FirstOrDefault(n => n.Example == name) is { Example: not null } blocked)
        {
            throw new CliException($"not supported yet: demo {name}: {blocked.Why}");
        }
        var controller = ExampleControllers.Create(name)
            ?? throw new CliException($"no example '{name}' (examples: {string.Join(", ", ExampleControllers.All.Select(c => c.Example))})");
        var dir = Path.Combine(root, name);
        if (connect is not null)
        {
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            var serve = serveSeconds is { } s ? TimeSpan.FromSeconds(Math.Max(0, s)) : (TimeSpan?)null;
            Console.WriteLine(serve is null ? "serving packet-ins and digests; Ctrl+C stops" : $"serving packet-ins and digests for {serve.Value.TotalSeconds:0.#} s");
            var report = DemoRunner.ConnectAsync(dir, connect, controller, Console.Out, serve, cancel.Token).GetAwaiter().GetResult();
            Console.WriteLine();
            Console.WriteLine($"the {name} controller (over P4Runtime at {connect}):");
            foreach (var line in report)
            {
                Console.WriteLine("  " + line);
            }
            return 0;
        }
        using var traceWriter = traceJson is null ? null : RunCommand.OpenTraceJson(traceJson);
        var result = DemoRunner.RunAsync(dir, Path.GetFullPath(output ?? Path.Combine("demo-out", name)), controller, Console.Out, traceWriter).GetAwaiter().GetResult();
        result.Print(Console.Out, controller.Description);
        return 0;
    }

    /// <summary>The <c>examples</c> folder above the current directory or above the CLI's own files.</summary>
    internal static string? FindExamples()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "examples");
                if (Directory.Exists(Path.Combine(candidate, DefaultExample)))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
