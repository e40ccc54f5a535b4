using System.Numerics;
using P4Bpf.Front.Diagnostics;
using P4Bpf.Front.Lexing;
using P4Bpf.Front.Text;

namespace P4Bpf.Front.Tests;

public sealed class LexerTests
{
    private static IReadOnlyList<Token> Lex(string text, DiagnosticBag? diagnostics = null) =>
        Lexer.Lex(PreprocessedSource.FromText(text, "t.p4"), diagnostics ?? new DiagnosticBag());

    [Theory]
    [InlineData("32w255", 255, 32, false)]
    [InlineData("32w0xFF", 255, 32, false)]
    [InlineData("32s0xFF", 255, 32, true)]
    [InlineData("8w0b_1010_1010", 170, 8, false)]
    [InlineData("16w0377", 377, 16, false)]
    [InlineData("16w0o377", 255, 16, false)]
    [InlineData("0d99", 99, null, false)]
    [InlineData("1_000", 1000, null, false)]
    public void Integer_literals(string text, long value, int? width, bool signed)
    {
        IntegerLiteral.TryParse(text, out var literal, out _).Should().BeTrue();
        literal.Should().Be(new IntegerLiteral(new BigInteger(value), width, signed));
        Lex(text).Select(t => t.Kind).Should().Equal(TokenKind.Integer, TokenKind.EndOfFile);
    }

    [Fact]
    public void Sign_is_not_part_of_a_literal()
    {
        Lex("-8s3").Select(t => t.Kind).Should().Equal(TokenKind.Minus, TokenKind.Integer, TokenKind.EndOfFile);
    }

    [Fact]
    public void Shift_is_two_adjacent_greater_than_tokens()
    {
        var tokens = Lex("a >> b > > c");
        tokens.Select(t => t.Kind).Should().Equal(TokenKind.Identifier, TokenKind.GreaterThan, TokenKind.GreaterThan, TokenKind.Identifier,
            TokenKind.GreaterThan, TokenKind.GreaterThan, TokenKind.Identifier, TokenKind.EndOfFile);
        tokens[2].IsAdjacent.Should().BeTrue();
        tokens[5].IsAdjacent.Should().BeFalse();
    }

    [Fact]
    public void Multi_character_operators()
    {
        Lex("&&& .. ... ++ |+| |-| |+|= {#} +: <<= && || != == <= >=").Select(t => t.Kind).Should().Equal(
            TokenKind.Mask, TokenKind.Range, TokenKind.Dots, TokenKind.PlusPlus, TokenKind.PlusSat, TokenKind.MinusSat,
            TokenKind.PlusSatAssign, TokenKind.InvalidHeader, TokenKind.PlusColon, TokenKind.ShiftLeftAssign, TokenKind.AndAnd,
            TokenKind.OrOr, TokenKind.NotEqual, TokenKind.Equal, TokenKind.LessEqual, TokenKind.GreaterEqual, TokenKind.EndOfFile);
    }

    [Fact]
    public void Keywords_identifiers_dont_care_and_comments()
    {
        Lex("header_union value_set _ _x apply // c\n/* d */ priority").Select(t => t.Kind).Should().Equal(
            TokenKind.HeaderUnion, TokenKind.ValueSet, TokenKind.DontCare, TokenKind.Identifier, TokenKind.Apply, TokenKind.Priority, TokenKind.EndOfFile);
    }

    [Fact]
    public void Bad_input_gives_diagnostics_not_exceptions()
    {
        var diagnostics = new DiagnosticBag();
        var tokens = Lex("8w0xZZ \"open /* never", diagnostics);
        diagnostics.Items.Select(d => d.Code).Should().Equal(ErrorCode.ERR_InvalidIntegerLiteral, ErrorCode.ERR_UnterminatedString);
        tokens[^1].Kind.Should().Be(TokenKind.EndOfFile);
    }
}
