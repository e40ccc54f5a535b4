using P4Bpf.Front.Diagnostics;

namespace P4Bpf.Front.Tests;

/// <summary>Every <c>testdata/errors/*.p4</c> reports exactly the diagnostics (id, line, column, message) of its <c>.stderr</c> golden.</summary>
public sealed class ErrorGoldenTests
{
    public static TheoryData<string> Programs => TestData.Files("errors");

    [Theory]
    [MemberData(nameof(Programs))]
    public void Reports_golden_diagnostics(string file)
    {
        var (tree, diagnostics) = TestData.Parse("errors", file);

        diagnostics.HasErrors.Should().BeTrue();
        var rendered = string.Join("\n", diagnostics.Sorted().Select(tree.Format)) + "\n";
        TestData.CheckGolden("errors", Path.ChangeExtension(file, ".stderr"), rendered);
    }
}
