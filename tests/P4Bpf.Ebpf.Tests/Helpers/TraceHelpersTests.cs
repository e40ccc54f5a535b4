using P4Bpf.Ebpf.Helpers;

namespace P4Bpf.Ebpf.Tests.Helpers;

public sealed class TraceHelpersTests
{
    [Theory]
    [InlineData("n=%d u=%u x=%x", "n=-1 u=4294967295 x=ffffffff")]
    [InlineData("%lld %llx %%", "-1 ffffffffffffffff %")]
    [InlineData("%c", "\u00ff")]
    public void FormatsLikeTheKernel(string format, string expected) =>
        TraceHelpers.Format(format, [ulong.MaxValue, ulong.MaxValue, ulong.MaxValue], null).Should().Be(expected);

    [Theory]
    [InlineData("%q")]
    [InlineData("%d %d %d %d")]
    [InlineData("%lllx")]
    [InlineData("trailing %")]
    public void RejectsBadFormats(string format) =>
        TraceHelpers.Format(format, [1, 2, 3], null).Should().BeNull();
}
