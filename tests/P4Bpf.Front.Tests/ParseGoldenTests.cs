using P4Bpf.Front.Syntax;

namespace P4Bpf.Front.Tests;

/// <summary>Every <c>testdata/parse/*.p4</c> parses without diagnostics and dumps exactly as its <c>.ast.txt</c> golden.</summary>
public sealed class ParseGoldenTests
{
    public static TheoryData<string> Programs => TestData.Files("parse");

    [Theory]
    [MemberData(nameof(Programs))]
    public void Parses_and_matches_golden_dump(string file)
    {
        var (tree, diagnostics) = TestData.Parse("parse", file);

        diagnostics.Items.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).Select(tree.Format).Should().BeEmpty();
        tree.Root.Declarations.Should().NotContain(d => d is BadDeclaration);
        TestData.CheckGolden("parse", Path.ChangeExtension(file, ".ast.txt"), SyntaxDumper.Dump(tree.Root));
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Parsing_twice_gives_equal_trees(string file)
    {
        var first = TestData.Parse("parse", file).Tree.Root;
        var second = TestData.Parse("parse", file).Tree.Root;

        second.Should().Be(first, "syntax nodes compare by content (records with equatable child lists)");
        second.GetHashCode().Should().Be(first.GetHashCode());
    }
}
