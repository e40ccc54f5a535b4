using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Tests.Semantics;

/// <summary>Every <c>testdata/typecheck/*.p4</c> checks without errors, and its typed dump equals the <c>.typed.txt</c> golden.</summary>
public sealed class TypecheckGoldenTests
{
    public static TheoryData<string> Programs => TestData.Files("typecheck");

    [Theory]
    [MemberData(nameof(Programs))]
    public void Checks_and_matches_golden_dump(string file)
    {
        var result = Checker.CheckFile("typecheck", file);

        result.Diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty(Checker.Render(result));
        result.Success.Should().BeTrue();
        TestData.CheckGolden("typecheck", Path.ChangeExtension(file, ".typed.txt"), result.DumpTyped());
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Typed_tree_has_no_error_types(string file)
    {
        var result = Checker.CheckFile("typecheck", file);

        var bad = new List<string>();
        TypedWalker.Walk(result.Program!, node =>
        {
            if (node is BadExpression || node is TypedExpression { Type.IsError: true })
            {
                bad.Add(node.ToString());
            }
        });
        bad.Should().BeEmpty();
    }
}
