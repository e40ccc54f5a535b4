using P4Bpf.Runtime.Packets;

namespace P4Bpf.Runtime.Tests.Packets;

public sealed class PacketPatternTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Fact]
    public void Prefix_match_without_end_marker()
    {
        var p = PacketPattern.Parse("0001 02");
        p.ExactLength.Should().BeFalse();
        p.Matches(Hex("000102")).Should().BeTrue();
        p.Matches(Hex("000102ff")).Should().BeTrue();
        p.Matches(Hex("0001")).Should().BeFalse();
        p.FindMismatch(Hex("0001")).Should().Be(new PacketMismatch(PacketMismatchKind.TooShort, 2, 4));
    }

    [Fact]
    public void End_marker_requires_exact_length()
    {
        var p = PacketPattern.Parse("000102 $");
        p.Matches(Hex("000102")).Should().BeTrue();
        p.FindMismatch(Hex("00010203")).Should().Be(new PacketMismatch(PacketMismatchKind.TooLong, 3, 6));
    }

    [Fact]
    public void Wildcard_nibbles_match_anything()
    {
        var p = PacketPattern.Parse("0* *1 **");
        p.HasWildcards.Should().BeTrue();
        p.Matches(Hex("0f a1 77")).Should().BeTrue();
        p.Matches(Hex("00 01 00")).Should().BeTrue();
        p.FindMismatch(Hex("10 01 00")).Should().Be(new PacketMismatch(PacketMismatchKind.Differs, 0, 0));
        p.FindMismatch(Hex("00 02 00")).Should().Be(new PacketMismatch(PacketMismatchKind.Differs, 1, 3));
    }

    [Fact]
    public void Odd_nibble_count_checks_the_high_nibble_only()
    {
        var p = PacketPattern.Parse("abc");
        p.NibbleCount.Should().Be(3);
        p.Length.Should().Be(2);
        p.Matches(Hex("abcf")).Should().BeTrue();
        p.Matches(Hex("abdf")).Should().BeFalse();
        p.ToString().Should().Be("abc");
    }

    [Fact]
    public void Text_round_trip()
    {
        PacketPattern.Parse("AB** 0c $").ToString().Should().Be("ab**0c $");
        PacketPattern.FromBytes(Hex("0102")).ToString().Should().Be("0102 $");
        PacketPattern.FromBytes(Hex("0102"), exactLength: false).Matches(Hex("010203")).Should().BeTrue();
        PacketPattern.Parse("0102").Should().Be(PacketPattern.FromBytes(Hex("0102"), exactLength: false));
    }

    [Fact]
    public void Empty_pattern_matches_everything_unless_exact()
    {
        PacketPattern.Parse("").Matches(Hex("01")).Should().BeTrue();
        PacketPattern.Parse("$").Matches(Hex("01")).Should().BeFalse();
        PacketPattern.Parse("$").Matches([]).Should().BeTrue();
    }

    [Theory]
    [InlineData("ab*", false, 2)]
    [InlineData("ab$", false, 2)]
    [InlineData("ab $ c", true, 5)]
    [InlineData("xy", true, 0)]
    public void Bad_text_reports_the_offset(string text, bool allowWildcards, int offset)
    {
        PacketPattern.TryParse(text, allowWildcards, out var p, out int at, out var error).Should().BeFalse();
        p.Should().BeNull();
        at.Should().Be(offset);
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Diff_marks_the_first_mismatch()
    {
        var p = PacketPattern.Parse("00010203 **05060708090a0b0c0d $");
        var diff = p.RenderDiff(Hex("0001020304060607 08090a0b0c0d"));
        diff.Should().Be(
            "expected 14 bytes (exact), actual 14 bytes: differs at byte 5 (nibble 11)\n" +
            "0000 exp 00 01 02 03 ** 05 06 07 08 09 0a 0b 0c 0d\n" +
            "     got 00 01 02 03 04 06 06 07 08 09 0a 0b 0c 0d\n" +
            "                        ^^\n");
    }

    [Fact]
    public void Diff_shows_missing_and_extra_bytes_across_rows()
    {
        var p = PacketPattern.Parse(new string('a', 36));
        var diff = p.RenderDiff(Hex(new string('a', 34)));
        diff.Should().Be(
            "expected 18 bytes, actual 17 bytes: packet too short: ends at byte 17\n" +
            "0000 exp aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa\n" +
            "     got aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa\n" +
            "0010 exp aa aa\n" +
            "     got aa --\n" +
            "            ^^\n");
        PacketPattern.Parse("aa $").RenderDiff(Hex("aabb")).Should().Be(
            "expected 1 bytes (exact), actual 2 bytes: packet too long: expected exactly 1 bytes\n" +
            "0000 exp aa --\n" +
            "     got aa bb\n" +
            "            ^^\n");
        PacketPattern.Parse("aa").RenderDiff(Hex("aa")).Should().StartWith("expected 1 bytes, actual 1 bytes: match\n");
    }
}
