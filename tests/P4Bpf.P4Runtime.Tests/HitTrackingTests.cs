using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>The switch's hit tracking (what idle timeouts rest on) for LPM and ternary tables of data/router.p4: the entry that decided
/// the lookup is stamped, not every entry that matched.</summary>
public sealed class HitTrackingTests
{
    [Fact]
    public void LongestPrefixAndHighestPriority_AreTheEntriesHit()
    {
        var p = TestPipeline.Get();
        using var sw = P4Switch.Load(new CompiledPipeline(p.Result.Object!, p.Result.Layout!));
        var control = sw.Control;
        control.ObserveHits("MyIngress.ipv4_lpm").Should().BeTrue();
        control.ObserveHits("MyIngress.acl").Should().BeTrue();
        TableEntry Route(uint prefix, int length) => new("MyIngress.ipv4_lpm", [new FieldMatch.Lpm(prefix, length)], "MyIngress.ipv4_forward", [1, 2]);
        TableEntry Acl(uint src, uint mask, int priority) => new("MyIngress.acl", [new FieldMatch.Ternary(src, mask), FieldMatch.DontCare.Instance], "MyIngress.NoAction", [], priority);
        var wide = Route(Packets.Ip(10, 0, 0, 0), 8);
        var narrow = Route(Packets.Ip(10, 1, 0, 0), 16);
        var low = Acl(Packets.Ip(10, 0, 0, 0), 0xff000000, 1);
        var high = Acl(Packets.Ip(10, 9, 0, 0), 0xffff0000, 5);
        foreach (var e in new[] { wide, narrow, low, high })
        {
            control.AddEntry(e);
        }

        sw.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3), src: Packets.Ip(10, 9, 1, 1)));
        control.LastHit(narrow).Should().NotBeNull("the /16 is the longest match");
        control.LastHit(wide).Should().BeNull("the /8 matched too but did not decide the lookup");
        control.LastHit(high).Should().NotBeNull("priority 5 wins");
        control.LastHit(low).Should().BeNull("priority 1 matched but lost");

        var before = control.LastHit(narrow)!.Value;
        sw.Inject(1, Packets.Ipv4(Packets.Ip(10, 7, 7, 7), src: Packets.Ip(10, 8, 1, 1)));
        control.LastHit(wide).Should().NotBeNull();
        control.LastHit(low).Should().NotBeNull();
        control.LastHit(narrow).Should().Be(before, "not hit again");
    }
}
