using System.Numerics;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Semantics;
using P4Bpf.Front.Text;
using P4Bpf.Front.Typed;

namespace P4Bpf.Front.Tests.Semantics;

/// <summary>The <see cref="FrontEnd"/> contract: the main package and its blocks, located diagnostics, no exceptions.</summary>
public sealed class FrontEndTests
{
    private const string Pipeline = """
        #include <core.p4>
        parser P<H>(packet_in pkt, out H h);
        control C<H>(inout H h);
        package Pipe<H>(P<H> p, C<H> c);
        header h_t { bit<8> f; }
        parser my_parser(packet_in pkt, out h_t h) {
            state start { pkt.extract(h); transition accept; }
        }
        control my_control(inout h_t h) { apply { h.f = h.f + 1; } }
        Pipe(my_parser(), my_control()) main;
        """;

    [Fact]
    public void Main_package_resolves_to_its_blocks()
    {
        var result = Checker.CheckText(Pipeline);

        result.Success.Should().BeTrue(Checker.Render(result));
        var main = result.Program!.Main!;
        main.PackageType.Name.Should().Be("Pipe");
        main.PackageType.TypeArguments.Single().Should().BeOfType<StructType>().Which.Name.Should().Be("h_t");
        main.Blocks.Select(b => b.Parameter.Name).Should().Equal("p", "c");
        main.GetBlock("p")!.Block.Should().BeOfType<ParserDeclaration>().Which.Parser.Name.Should().Be("my_parser");
        main.GetBlock("c")!.Block.Should().BeOfType<ControlDeclaration>().Which.Control.Name.Should().Be("my_control");
    }

    [Fact]
    public void Names_point_at_their_symbols_and_declarations()
    {
        var result = Checker.CheckText(Pipeline);
        var control = (ControlDeclaration)result.Program!.Main!.GetBlock("c")!.Block!;

        var assignment = control.Apply.Statements.OfType<AssignmentStatement>().Single();
        var field = assignment.Target.Should().BeOfType<FieldAccess>().Subject;
        field.Type.Should().Be(new BitsType(8, false));
        var h = field.Target.Should().BeOfType<NameReference>().Subject;
        h.Symbol.Should().BeSameAs(control.ApplyParameters.Single());
        assignment.Value.Should().BeOfType<BinaryExpression>().Which.Right.Should().Be(new IntegerLiteral(((BinaryExpression)assignment.Value).Right.Span, new BitsType(8, false), 1));
    }

    [Fact]
    public void Diagnostics_are_located_at_the_offending_expression()
    {
        var result = Checker.CheckText("control c(inout bit<8> x) {\n    apply {\n        x = x + true;\n    }\n}\n");

        var error = result.Diagnostics.Items.Should().ContainSingle().Subject;
        error.Code.Should().Be(ErrorCode.ERR_BinaryOperatorTypes);
        (error.Location.Line, error.Location.Column).Should().Be((3, 13));
        error.Id.Should().Be("P4E3007");
    }

    [Theory]
    [InlineData("control c() { apply { x = ; } }")]
    [InlineData("header h { bit<8> f; } control c(inout h v) { apply { v.f[9:0] = v.f.g.h(1)(2); } }")]
    [InlineData("struct s { s f; }")]
    [InlineData("const int x = 1 << 100000000;")]
    [InlineData("control c() { apply { bit<8> a = (bit<8>)(1/0); } }")]
    [InlineData("extern E<T> { E(); T m<U>(in U u); } control c() { E<bit<8>>() e; apply { e.m(); } }")]
    [InlineData("parser p() { state start { transition select(true) { (1, 2): accept; } } }")]
    [InlineData("package P(); P() main; P() main;")]
    public void Bad_programs_never_throw(string text)
    {
        var result = Checker.CheckText(text);

        result.Diagnostics.HasErrors.Should().BeTrue();
        result.Diagnostics.Items.Should().NotContain(d => d.Code == ErrorCode.ERR_InternalError);
    }

    [Fact]
    public void Struct_action_data_is_accepted_without_a_control_plane_architecture()
    {
        // p4c checks action data types only when it emits P4Info for an architecture (issue532 with v1model is rejected).
        var result = Checker.CheckText("#include <core.p4>\nstruct S { bit<8> f; }\ncontrol c(inout bit<8> x) {\n    action a(S s) { x = s.f; }\n    table t { actions = { a; } }\n    apply { t.apply(); }\n}\n");

        result.Success.Should().BeTrue(Checker.Render(result));
    }

    [Fact]
    public void Parameter_equality_ignores_the_declaration_span()
    {
        var first = new ParameterInfo("x", Front.Syntax.Direction.In, new BitsType(8, false), 0, null, false, Front.Syntax.EquatableArray<Front.Syntax.Annotation>.Empty) { Span = new TextSpan(3, 1) };
        var second = first with { Span = new TextSpan(40, 1) };

        second.Should().Be(first);
        second.GetHashCode().Should().Be(first.GetHashCode());
        (first with { Name = "y" }).Should().NotBe(first);
    }

    [Theory]
    [InlineData(300, 8, false, 44)]
    [InlineData(-1, 8, false, 255)]
    [InlineData(200, 8, true, -56)]
    [InlineData(128, 8, true, -128)]
    [InlineData(5, 0, false, 0)]
    public void Wrap_follows_twos_complement(int value, int width, bool signed, int expected) =>
        ConstantFolder.Wrap(value, new BitsType(width, signed)).Should().Be(new BigInteger(expected));
}
