using P4Bpf.Cli.Commands;
using P4Bpf.EbpfGen;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Examples;

/// <summary>Every <c>examples/*/NAME.stf</c> runs against its <c>NAME.p4</c> (or the service chain <c>NAME.chain</c>) in the same folder,
/// compiled here, in the software switch.</summary>
public sealed class ExampleStfTests
{
    public static string ExamplesDir => Path.Combine(Tooling.RepoRoot, "examples");

    public static TheoryData<string> StfFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(ExamplesDir, "*.stf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ExamplesDir, f));
        }
        return data;
    }

    /// <summary>Compiles an example program (cached per path: several tests use the same one).</summary>
    internal static CompiledPipeline Compile(string p4Path) => CompileCache.GetOrAdd(Path.GetFullPath(p4Path), path =>
    {
        var result = P4Compiler.CompileFile(path);
        result.Success.Should().BeTrue($"{path} should compile:\n{string.Join("\n", result.Errors)}");
        return new CompiledPipeline(result.Object!, result.Layout!);
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CompiledPipeline> CompileCache = new();

    /// <summary>Compiles the programs a <c>.chain</c> file lists (all but the last chained on their pass verdict).</summary>
    internal static IReadOnlyList<CompiledPipeline> CompileChain(string chainPath)
    {
        var errors = new StringWriter();
        var stages = ChainFile.Read(chainPath).Compile(CompileOptions.Default, errors);
        stages.Should().NotBeNull($"{chainPath} should compile:\n{errors}");
        return stages!;
    }

    [Theory]
    [MemberData(nameof(StfFiles))]
    public void Stf_test_passes(string stf)
    {
        var stfPath = Path.Combine(ExamplesDir, stf);
        var p4 = Path.ChangeExtension(stfPath, ".p4");
        var chain = Path.ChangeExtension(stfPath, ChainFile.Extension);
        (File.Exists(p4) || File.Exists(chain)).Should().BeTrue($"{stf} is run against the program (or service chain) beside it with the same name");
        var script = StfParser.ParseFile(stfPath);
        script.Errors.Should().BeEmpty();
        using ISwitch sw = File.Exists(p4) ? P4Switch.Load(Compile(p4)) : ChainSwitch.Load(CompileChain(chain));
        var result = new StfRunner(sw).Run(script);
        result.Passed.Should().BeTrue(string.Join("\n", result.Failures.Select(f => f.Format(stf))));
        result.PacketsSent.Should().BeGreaterThan(0);
        result.PacketsExpected.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Every_example_has_a_readme_a_program_and_a_test()
    {
        var folders = Directory.GetDirectories(ExamplesDir).Where(d => Path.GetFileName(d) != "tools").ToList();
        folders.Should().HaveCountGreaterThanOrEqualTo(9);
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            File.Exists(Path.Combine(folder, "README.md")).Should().BeTrue($"{name} has a README");
            Directory.GetFiles(folder, "*.p4").Should().NotBeEmpty($"{name} has a P4 program");
            Directory.GetFiles(folder, "*.stf").Should().NotBeEmpty($"{name} has an STF test");
        }
    }
}
