using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Tests.Semantics;

/// <summary>Our architecture headers parse and type-check on their own and declare what programs rely on.</summary>
public sealed class ArchitectureHeaderTests
{
    public static TheoryData<string> Headers => new(ArchitectureHeaders.Names);

    [Theory]
    [MemberData(nameof(Headers))]
    public void Header_checks_without_diagnostics(string header)
    {
        var result = Checker.CheckText($"#include <{header}>\n");

        Checker.Render(result).Should().BeEmpty();
        result.Success.Should().BeTrue();
    }

    [Fact]
    public void Core_declares_errors_match_kinds_and_packet_externs()
    {
        var result = Checker.CheckText("#include <core.p4>\n");
        var program = result.Program!;

        program.Errors.Should().Contain(["NoError", "PacketTooShort", "NoMatch", "StackOutOfBounds", "HeaderTooShort", "ParserTimeout"]);
        program.MatchKinds.Select(m => m.Name).Should().Equal("exact", "ternary", "lpm");
        var packetIn = program.Declarations.OfType<TypeDeclaration>().Single(d => d.Type.Name == "packet_in").Type.Type.Should().BeOfType<ExternType>().Subject;
        packetIn.Methods.Where(m => m.Name == "extract").Select(m => m.Signature.Parameters.Count).Should().BeEquivalentTo([1, 2]);
        program.Declarations.OfType<ActionDeclaration>().Should().ContainSingle(a => a.Action.Name == "NoAction");
    }

    [Fact]
    public void All_headers_together_check()
    {
        var text = string.Concat(ArchitectureHeaders.Names.Where(n => n != "psa.p4").Select(n => $"#include <{n}>\n"));
        var result = Checker.CheckText(text);

        Checker.Render(result).Should().BeEmpty();
    }
}
