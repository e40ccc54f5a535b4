using P4Bpf.Front.Preprocessing;

namespace P4Bpf.Front.Tests.Semantics;

/// <summary>Runs the whole front end on a test program, with paths relative to the test-data root (stable diagnostics).</summary>
internal static class Checker
{
    public static FrontEndResult CheckFile(string folder, string name)
    {
        var (tree, diagnostics) = TestData.Parse(folder, name);
        return FrontEnd.Check(tree, diagnostics);
    }

    public static FrontEndResult CheckText(string text) => FrontEnd.CheckText(text, "test.p4", new PreprocessorOptions());

    /// <summary>Every diagnostic as <c>file(line,col): severity ID: message</c> lines, sorted by position.</summary>
    public static string Render(FrontEndResult result) =>
        string.Join("\n", result.Diagnostics.Sorted().Select(d => d.ToString()));
}
