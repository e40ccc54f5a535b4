using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Tests.Switch;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.StfRun;

/// <summary>Runs every <c>testdata/stf/*.stf</c> against the IR-built pipeline its first line names (<c># pipeline: NAME</c>).</summary>
public sealed class StfRunnerTests
{
    private static string Folder => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Runtime.Tests", "testdata", "stf");

    public static TheoryData<string> Files => new(Directory.GetFiles(Folder, "*.stf").Select(Path.GetFileName).Order()!);

    internal static CompiledPipeline Pipeline(string name) => name switch
    {
        "v1router" => TestPipelines.V1Router(),
        "xdp-lpm" => TestPipelines.XdpRouter(Midend.Ir.MatchKind.Lpm),
        "xdp-ternary" => TestPipelines.XdpRouter(Midend.Ir.MatchKind.Ternary),
        "ebpf-filter" => TestPipelines.EbpfFilter(),
        "psa" => TestPipelines.PsaRouter(),
        _ => throw new ArgumentException($"unknown pipeline {name}"),
    };

    private static StfRunResult RunText(string pipeline, string text, bool trace = false)
    {
        using var sw = P4Switch.Load(Pipeline(pipeline));
        return new StfRunner(sw, new StfRunOptions { Trace = trace }).Run(StfParser.Parse(text));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Stf_file_passes(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var pipeline = text.Split('\n')[0].Replace("# pipeline:", "", StringComparison.Ordinal).Trim();
        var result = RunText(pipeline, text);
        result.Failures.Should().BeEmpty(string.Join("\n", result.Failures.Select(f => f.Format(file))) + "\n" + string.Join("\n", result.Log));
        result.PacketsExpected.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_wrong_expectation_reports_both_packets()
    {
        var result = RunText("xdp-lpm", """
            add fwd hdr.ipv4.dstAddr:0x0a000000/8 tx()
            packet 1 00112233 44556677 8899aabb 0800 4500 001c 0000 0000 4011 0000 0a000001 0a020304 a0a1a2a3 a4a5a6a7
            expect 1 00112233 44556677 8899aabb 0800 4500 001c 0000 0000 3f11 0000 0a000001 0a020304 a0a1a2a3 a4a5a6a7
            """);
        var f = result.Failures.Should().ContainSingle().Subject;
        f.Line.Should().Be(3);
        f.Message.Should().Contain("exp").And.Contain("got").And.Contain("^^");
    }

    [Fact]
    public void Unexpected_and_missing_packets_fail()
    {
        var extra = RunText("xdp-lpm", """
            add fwd hdr.ipv4.dstAddr:0x0a000000/8 tx()
            packet 1 00112233 44556677 8899aabb 0800 4500 001c 0000 0000 4011 0000 0a000001 0a020304 a0a1a2a3 a4a5a6a7
            """);
        extra.Failures.Should().ContainSingle().Which.Message.Should().Contain("unexpected");
        var missing = RunText("xdp-lpm", """
            packet 1 00112233 44556677 8899aabb 0800 4500 001c 0000 0000 4011 0000 0a000001 0a020304 a0a1a2a3 a4a5a6a7
            expect 1 00112233
            """);
        missing.Failures.Should().ContainSingle().Which.Message.Should().Contain("emitted only 0");
        var any = RunText("xdp-lpm", """
            add fwd hdr.ipv4.dstAddr:0x0a000000/8 tx()
            packet 1 00112233 44556677 8899aabb 0800 4500 001c 0000 0000 4011 0000 0a000001 0a020304 a0a1a2a3 a4a5a6a7
            expect 1
            """);
        any.Passed.Should().BeTrue("a bare expect allows any packets on that port");
    }

    [Fact]
    public void Bad_names_and_failed_checks_are_reported_at_their_line()
    {
        var result = RunText("v1router", """
            add nosuch hdr.ipv4.dstAddr:1 set_port(port:1)
            add fwd hdr.ipv4.dstAddr:1 set_port(prt:1, extra:2)
            check_counter pkts(0) packets == 3
            """);
        result.Failures.Select(f => f.Line).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Trace_shows_stages_tables_and_decisions()
    {
        var result = RunText("v1router", """
            add fwd hdr.ipv4.dstAddr:0x0a000002 set_port(port:3)
            packet 0 00112233 44556677 8899aabb 0800 4500 001c 0000 0000 4011 0000 0a000001 0a000002 a0a1a2a3 a4a5a6a7
            expect 3
            """, trace: true);
        var log = string.Join("\n", result.Log);
        log.Should().Contain("stage ingress").And.Contain("hit, action ingress.set_port").And.Contain("unicast to port 3").And.Contain("out: port 3");
    }

    [Fact]
    public void A_pipeline_written_as_elf_and_layout_json_loads_and_passes_the_cli()
    {
        var dir = Directory.CreateTempSubdirectory("p4bpf-stf-");
        try
        {
            var pipeline = Pipeline("v1router");
            var obj = Path.Combine(dir.FullName, "v1router.o");
            Ebpf.Elf.ElfWriter.WriteFile(pipeline.Object, obj);
            File.WriteAllText(Path.Combine(dir.FullName, "v1router.layout.json"), pipeline.Layout.ToJson());
            using var sw = P4Switch.Load(CompiledPipeline.LoadFiles(obj));
            var result = new StfRunner(sw).Run(StfParser.ParseFile(Path.Combine(Folder, "v1model_l3.stf")));
            result.Failures.Should().BeEmpty(string.Join("\n", result.Failures));
            FluentActions.Invoking(() => CompiledPipeline.LoadFiles(Path.Combine(dir.FullName, "missing.o"))).Should().Throw<SwitchException>();
            File.WriteAllText(Path.Combine(dir.FullName, "bad.o"), "not elf");
            File.WriteAllText(Path.Combine(dir.FullName, "bad.layout.json"), "{");
            FluentActions.Invoking(() => CompiledPipeline.LoadFiles(Path.Combine(dir.FullName, "bad.o"))).Should().Throw<SwitchException>();
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
