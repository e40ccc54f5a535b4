using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Preprocessing;

namespace P4Bpf.Front.Tests;

/// <summary>Finds the test programs (copied next to the test binary) and parses them the same way everywhere.</summary>
internal static class TestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata");

    /// <summary>The source folder of the test data, where goldens are written when P4BPF_UPDATE_GOLDENS=1.</summary>
    public static string SourceRoot => Path.Combine(P4Bpf.Tests.Shared.Tooling.RepoRoot, "tests", "P4Bpf.Front.Tests", "testdata");

    public static bool UpdateGoldens => Environment.GetEnvironmentVariable("P4BPF_UPDATE_GOLDENS") == "1";

    public static TheoryData<string> Files(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, folder), "*.p4").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    /// <summary>Parses a file with the working directory at the data root, so diagnostic paths are short and stable.</summary>
    public static (SyntaxTree Tree, DiagnosticBag Diagnostics) Parse(string folder, string name, PreprocessorOptions? options = null)
    {
        var diagnostics = new DiagnosticBag();
        var path = Path.Combine(folder, name);
        options ??= new PreprocessorOptions { ReadFile = p => ReadRelative(p) };
        var tree = SyntaxTree.ParseFile(path, options, diagnostics);
        return (tree, diagnostics);
    }

    private static string? ReadRelative(string path)
    {
        var full = Path.GetFullPath(Path.Combine(Root, path));
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }

    public static void CheckGolden(string folder, string goldenName, string actual)
    {
        var goldenPath = Path.Combine(Root, folder, goldenName);
        if (UpdateGoldens)
        {
            File.WriteAllText(Path.Combine(SourceRoot, folder, goldenName), actual);
            return;
        }
        File.Exists(goldenPath).Should().BeTrue($"the golden {folder}/{goldenName} must exist (run with P4BPF_UPDATE_GOLDENS=1 to create it)");
        actual.ReplaceLineEndings("\n").Should().Be(File.ReadAllText(goldenPath).ReplaceLineEndings("\n"));
    }
}
