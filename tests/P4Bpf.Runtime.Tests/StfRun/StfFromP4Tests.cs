using System.Collections.Concurrent;
using P4Bpf.EbpfGen;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.StfRun;

/// <summary>Runs every <c>testdata/stf-p4/*.stf</c> against its P4 program compiled by the whole compiler (<c>NAME.p4</c> beside it, or the
/// file a <c># program: X.p4</c> line names), in the software switch.</summary>
public sealed class StfFromP4Tests
{
    private static readonly ConcurrentDictionary<string, Lazy<CompiledPipeline>> Compiled = new(StringComparer.Ordinal);

    private static string Folder => Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Runtime.Tests", "testdata", "stf-p4");

    public static TheoryData<string> Files => new(Directory.GetFiles(Folder, "*.stf").Select(Path.GetFileName).Order()!);

    /// <summary>The program an STF file runs against.</summary>
    internal static string ProgramOf(string stfPath)
    {
        var named = File.ReadLines(stfPath).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# program:", StringComparison.Ordinal));
        return Path.Combine(Path.GetDirectoryName(stfPath)!, named is null ? Path.GetFileNameWithoutExtension(stfPath) + ".p4" : named["# program:".Length..].Trim());
    }

    internal static CompiledPipeline Compile(string p4) => Compiled.GetOrAdd(p4, path => new Lazy<CompiledPipeline>(() =>
    {
        var result = P4Compiler.CompileFile(path);
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        return new CompiledPipeline(result.Object!, result.Layout!);
    })).Value;

    [Theory]
    [MemberData(nameof(Files))]
    public void Stf_file_passes_on_the_compiled_program(string file)
    {
        var stf = Path.Combine(Folder, file);
        using var sw = P4Switch.Load(Compile(ProgramOf(stf)));
        var result = new StfRunner(sw).Run(StfParser.ParseFile(stf));
        result.Failures.Should().BeEmpty(string.Join("\n", result.Failures.Select(f => f.Format(file))) + "\n" + string.Join("\n", result.Log));
        result.PacketsSent.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Every_architecture_is_covered()
    {
        var archs = Directory.GetFiles(Folder, "*.stf").Select(f => Compile(ProgramOf(f)).Layout.Architecture).ToHashSet();
        archs.Should().BeEquivalentTo(["ebpf_model", "xdp_model", "v1model", "psa"]);
    }

    [Fact]
    public void A_wrong_expectation_fails_on_the_compiled_program()
    {
        using var sw = P4Switch.Load(Compile(Path.Combine(Folder, "v1_match.p4")));
        var result = new StfRunner(sw).Run(StfParser.Parse("""
            add t_exact h.addr:0x0a000001 set_exact(v:0x11)
            packet 0 01 0a000001 0000 00 00 00 00 00
            expect 1 01 0a000001 0000 12 00 00 00 00 $
            """));
        result.Failures.Should().ContainSingle().Which.Line.Should().Be(3);
    }

    [Fact]
    public void The_v1model_cpu_port_defaults_to_64_and_sends_packet_ins()
    {
        using var sw = P4Switch.Load(Compile(Path.Combine(Folder, "v1_match.p4")));
        sw.CpuPort.Should().Be(SwitchOptions.V1ModelCpuPort);
        using var psa = P4Switch.Load(Compile(Path.Combine(Folder, "psa_tm.p4")));
        psa.CpuPort.Should().Be(SwitchOptions.PsaCpuPort);
        using var xdp = P4Switch.Load(Compile(Path.Combine(Folder, "xdp_rewrite.p4")));
        xdp.CpuPort.Should().BeNull();
        using var custom = P4Switch.Load(Compile(Path.Combine(Folder, "v1_match.p4")), SwitchOptions.Default with { CpuPort = 1 });
        // v1_match sends everything to port 1: with port 1 as the CPU port, the packet becomes a packet-in.
        var result = custom.Inject(0, Convert.FromHexString("010a00000100000000000000"));
        result.Outputs.Should().BeEmpty();
        custom.Control.DrainPacketIns().Should().ContainSingle().Which.Port.Should().Be(1);
    }
}
