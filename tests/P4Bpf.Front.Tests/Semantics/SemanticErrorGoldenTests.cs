using P4Bpf.Front.Diagnostics;

namespace P4Bpf.Front.Tests.Semantics;

/// <summary>Every <c>testdata/semantic-errors/*.p4</c> parses, is rejected by the checker, and reports exactly the diagnostics of its <c>.stderr</c> golden.</summary>
public sealed class SemanticErrorGoldenTests
{
    public static TheoryData<string> Programs => TestData.Files("semantic-errors");

    [Theory]
    [MemberData(nameof(Programs))]
    public void Reports_golden_diagnostics(string file)
    {
        var result = Checker.CheckFile("semantic-errors", file);

        result.Program.Should().NotBeNull("the program must parse: semantic-error tests exercise the checker");
        result.Success.Should().BeFalse();
        result.Diagnostics.Items.Should().OnlyContain(d => (int)d.Code >= 3000 && (int)d.Code < 4000, "only the checker reports");
        var rendered = string.Join("\n", result.Diagnostics.Sorted().Select(result.Format)) + "\n";
        TestData.CheckGolden("semantic-errors", Path.ChangeExtension(file, ".stderr"), rendered);
    }
}
