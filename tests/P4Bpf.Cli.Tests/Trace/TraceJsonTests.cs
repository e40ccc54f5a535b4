using System.Text.Json;
using P4Bpf.Cli.Commands;
using StfCommand = P4Bpf.Cli.Commands.StfCommand;
using P4Bpf.Cli.Tests.Examples;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Trace;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Trace;

/// <summary>The JSON lines trace of <c>testdata/trace/route.p4</c>: it parses, its structured fields say what the text trace says, line for line,
/// and the values are the ones the program computes (key, action data, parser bytes, headers after the stage, drop reasons).</summary>
public sealed class TraceJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p4bpf-trace-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static string DataDir => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Cli.Tests", "testdata", "trace");

    /// <summary>Runs route.stf with both traces: the text traces per packet (from the log) and the JSON lines.</summary>
    private static (List<string> TextTraces, List<JsonElement> Json, StfRunResult Result) RunBoth(string stf = "route.stf")
    {
        using var sw = P4Switch.Load(ExampleStfTests.Compile(Path.Combine(DataDir, "route.p4")));
        var stream = new MemoryStream();
        var traces = new List<string>();
        StfRunResult result;
        using (var json = new TraceJsonWriter(stream, leaveOpen: true))
        {
            var packet = 0;
            var options = new StfRunOptions
            {
                TracePackets = true,
                OnPacket = run =>
                {
                    traces.Add(run.Trace!.ToString());
                    json.Write(run.Trace!, ++packet, run.Line);
                },
            };
            result = new StfRunner(sw, options).Run(StfParser.ParseFile(Path.Combine(DataDir, stf)));
        }
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (traces, lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList(), result);
    }

    [Fact]
    public void Every_json_line_says_what_the_text_trace_says()
    {
        var (texts, json, result) = RunBoth();
        result.Passed.Should().BeTrue(string.Join("\n", result.Failures));
        json.Select(j => j.GetProperty("packet").GetInt64()).Distinct().Should().Equal(1, 2, 3);
        json.Select(j => j.GetProperty("stfLine").GetInt32()).Distinct().Should().Equal(4, 7, 9);
        for (var p = 0; p < texts.Count; p++)
        {
            var textLines = texts[p].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
            var events = json.Where(j => j.GetProperty("packet").GetInt64() == p + 1).ToList();
            events.Select(e => e.GetProperty("seq").GetInt32()).Should().Equal(Enumerable.Range(0, events.Count));
            events.Select(Render).Should().Equal(textLines, $"packet {p + 1}: the structured fields render to the text trace");
            events.Select(e => e.GetProperty("text").GetString()).Should().Equal(textLines);
            events.Should().OnlyContain(e => e.GetProperty("v").GetInt32() == TraceJsonWriter.SchemaVersion);
        }
    }

    [Fact]
    public void Events_carry_the_values_the_program_computed()
    {
        var (_, json, _) = RunBoth();
        List<JsonElement> Of(int packet, string kind) =>
            json.Where(j => j.GetProperty("packet").GetInt64() == packet && j.GetProperty("event").GetString() == kind).ToList();

        // Packet 1: routed by the /8 entry; the action data is the entry's; the stage left TTL decremented.
        Of(1, "parser").Single().GetProperty("parsedBytes").GetInt32().Should().Be(34);
        var table = Of(1, "table").Single();
        table.GetProperty("hit").GetBoolean().Should().BeTrue();
        Fields(table, "key").Should().Equal(("hdr.ipv4.dst", "0xa010203"));
        Fields(Of(1, "action").Single(), "data").Should().Equal(("port", "0x2"), ("dmac", "0xaa"));
        var ingressHeaders = Of(1, "headers")[0].GetProperty("headers").EnumerateArray().ToList();
        ingressHeaders.Select(h => h.GetProperty("name").GetString()).Should().Equal("hdr.ethernet", "hdr.ipv4");
        Fields(ingressHeaders[1], "fields").Should().Contain(("ttl", "0x3f")).And.Contain(("dst", "0xa010203"));
        Fields(ingressHeaders[0], "fields").Should().Contain(("dst", "0xaa"));
        Of(1, "packet_out").Single().GetProperty("port").GetInt32().Should().Be(2);

        // Packet 2: not IPv4: the parser stops after Ethernet, no table is applied, the packet is dropped.
        Of(2, "parser").Single().GetProperty("parsedBytes").GetInt32().Should().Be(14);
        Of(2, "table").Should().BeEmpty();
        Of(2, "headers").Single().GetProperty("headers").EnumerateArray().Select(h => h.GetProperty("name").GetString()).Should().Equal("hdr.ethernet");
        Of(2, "drop").Single().GetProperty("reason").GetString().Should().Be("MarkedToDrop");

        // Packet 3: no route: the entry lookup misses and the compiled default (drop) applies.
        var lookups = Of(3, "table");
        lookups.Select(t => (t.GetProperty("source").GetString(), t.GetProperty("hit").GetBoolean())).Should().Equal(("entry", false), ("default", false));
        lookups[1].GetProperty("compiledDefault").GetBoolean().Should().BeTrue();
        lookups[1].GetProperty("action").GetString().Should().Be("RouteIngress.drop");
        Of(3, "drop").Single().GetProperty("stage").GetString().Should().Be("ingress");
        Of(3, "packet_out").Should().BeEmpty();
    }

    [Fact]
    public void Stf_command_writes_the_json_file()
    {
        var path = Path.Combine(_dir, "trace.jsonl");
        var code = StfCommand.Run([new FileInfo(Path.Combine(DataDir, "route.p4")), new FileInfo(Path.Combine(DataDir, "route.stf"))],
            null, null, null, [], [], null, trace: false, traceJson: path);
        code.Should().Be(0);
        var lines = File.ReadAllLines(path);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        events.Select(e => e.GetProperty("event").GetString()).Should().StartWith(["packet_in", "parser", "table", "action", "stage", "headers", "decision", "stage", "headers", "packet_out"]);
        events.Count(e => e.GetProperty("event").GetString() == "packet_in").Should().Be(3);
    }

    [Fact]
    public void Unwritable_json_path_is_a_usage_error()
    {
        var act = () => StfCommand.Run([new FileInfo(Path.Combine(DataDir, "route.p4")), new FileInfo(Path.Combine(DataDir, "route.stf"))],
            null, null, null, [], [], null, trace: false, traceJson: Path.Combine(_dir, "no", "such", "dir", "t.jsonl"));
        act.Should().Throw<CliException>().Where(e => e.Message.StartsWith("--trace-json: cannot write", StringComparison.Ordinal));
    }

    private static List<(string, string)> Fields(JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("value").GetString()!)).ToList();

    /// <summary>The text-trace line an event's structured fields describe (written independently of the runtime's formatting).</summary>
    private static string Render(JsonElement e)
    {
        string S(string name) => e.GetProperty(name).GetString()!;
        long N(string name) => e.GetProperty(name).GetInt64();
        bool B(string name) => e.GetProperty(name).GetBoolean();
        string List(string name) => string.Join(", ", Fields(e, name).Select(f => $"{f.Item1}={f.Item2}"));
        string Action() => S("action") + (B("compiledDefault") ? " (compiled default)" : "");
        return S("event") switch
        {
            "packet_in" => $"packet in: port {N("port")}, {N("length")} bytes ({S("path")})",
            "parser" => $"parser: {(B("accepted") ? "accept" : "reject, error " + S("error"))}, {N("parsedBytes")} bytes parsed",
            "table" when S("source") == "default" => $"table {S("table")}: miss -> default action {Action()}",
            "table" => $"table {S("table")}: key {List("key")} -> {(B("hit") ? "hit, action " + Action() : "miss")}",
            "action" => $"action {S("action")}({List("data")})",
            "stage" => $"stage {S("stage")}{(S("copy").Length > 0 ? " [" + S("copy") + "]" : "")}: r0={N("r0")}, {N("instructions")} insns, {N("lengthIn")} -> {N("lengthOut")} bytes",
            "headers" => $"headers after {S("stage")}: {string.Join(", ", e.GetProperty("headers").EnumerateArray().Select(h => h.GetProperty("name").GetString()))}",
            "decision" => S("what"),
            "drop" => $"dropped in {S("stage")}: {S("reason")}{(S("detail").Length > 0 ? " (" + S("detail") + ")" : "")}",
            "packet_out" => $"out: port {N("port")}, {N("length")} bytes",
            var other => throw new InvalidOperationException($"unknown event {other}"),
        };
    }
}
