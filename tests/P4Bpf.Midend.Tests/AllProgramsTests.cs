using System.Text.RegularExpressions;
using P4Bpf.Ebpf.Verifier;
using P4Bpf.EbpfGen;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Midend.Tests;

/// <summary>
/// Every P4 program in the repository that is meant to compile (under <c>tests/</c> and <c>examples/</c>) compiles,
/// each of its eBPF programs passes our verifier, and the object loads into the kernel verifier (bpftool prog loadall)
/// when the machine allows it.
/// </summary>
/// <remarks>
/// A program is meant to compile when it includes one of our architecture models and instantiates <c>main</c>; the
/// front end's fixtures of rejected programs (folders <c>errors</c> and <c>semantic-errors</c>) are left out.
/// </remarks>
public sealed partial class AllProgramsTests
{
    private static readonly string[] Roots = ["tests", "examples"];
    private static readonly string[] RejectedFixtureFolders = ["errors", "semantic-errors"];

    [GeneratedRegex(@"^\s*#\s*include\s*[<""](v1model|psa|ebpf_model|xdp_model)\.p4[>""]", RegexOptions.Multiline)]
    private static partial Regex IncludesArchitecture();

    [GeneratedRegex(@"\)\s*main\s*;")]
    private static partial Regex InstantiatesMain();

    /// <summary>Paths relative to the repository root, with '/' separators.</summary>
    public static TheoryData<string> Programs() => new(CompilablePrograms());

    internal static IReadOnlyList<string> CompilablePrograms() =>
        Roots.SelectMany(root => Directory.EnumerateFiles(Path.Combine(Tooling.RepoRoot, root), "*.p4", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(RejectedFixtureFolders.Contains))
            .Where(path => path.Split(Path.DirectorySeparatorChar) is var parts && !parts.Contains("bin") && !parts.Contains("obj"))
            .Where(path => File.ReadAllText(path) is var text && IncludesArchitecture().IsMatch(text) && InstantiatesMain().IsMatch(text))
            .Select(path => Path.GetRelativePath(Tooling.RepoRoot, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void TheGlobFindsTheExamplesAndTheTestPrograms()
    {
        var programs = CompilablePrograms();
        programs.Should().Contain(p => p.StartsWith("examples/", StringComparison.Ordinal));
        programs.Should().Contain(p => p.StartsWith("tests/P4Bpf.Midend.Tests/testdata/compile/", StringComparison.Ordinal));
        programs.Should().Contain(p => p.StartsWith("tests/P4Bpf.Runtime.Tests/", StringComparison.Ordinal));
        programs.Should().NotContain(p => p.Contains("/semantic-errors/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void CompilesAndPassesOurVerifierAndTheKernels(string program)
    {
        var path = Path.Combine(Tooling.RepoRoot, program);
        var result = P4Compiler.CompileFile(path);
        result.Errors.Should().BeEmpty();
        result.Success.Should().BeTrue();

        foreach (var spec in result.Object!.Programs)
        {
            var verdict = Verifier.Instance.Verify(spec, result.Object.Maps, new VerifierOptions { ProgramType = spec.Type, Log = true });
            verdict.Accepted.Should().BeTrue($"our verifier should accept {program}/{spec.Name}: {verdict}\n{string.Join("\n", verdict.Log.TakeLast(30))}");
        }

        if (!Tooling.HasKernelBpf)
        {
            return; // our verifier's verdict stands; the kernel's needs root, bpftool and /sys/fs/bpf
        }
        var dir = Directory.CreateTempSubdirectory("p4bpf-allprograms-").FullName;
        try
        {
            var files = P4Compiler.WriteOutputs(result, dir);
            var (code, log, programs) = Tooling.KernelLoadAll(files[0]);
            code.Should().Be(0, $"the kernel should load {program}:\n{log}");
            programs.Should().Be(result.Object!.Programs.Length);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
