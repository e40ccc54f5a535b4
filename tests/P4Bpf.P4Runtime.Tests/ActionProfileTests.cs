using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using UpdateType = P4.V1.Update.Types.Type;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Action profile members and groups and one-shot action sets over a real socket, on the switch running data/ecmp.p4
/// (route: lpm + selector keys through the action selector <c>ecmp</c>; tag: exact through the action profile <c>tagger</c>).</summary>
public sealed class ActionProfileTests : ServerTestBase
{
    private static readonly Lazy<TestPipeline> Ecmp = new(() => TestPipeline.Compile("ecmp.p4"));

    internal static TestPipeline Pipeline => Ecmp.Value;

    private static async Task<P4RuntimeClient> PrimaryAsync(LoopbackServer server)
    {
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(Pipeline.P4Info, Pipeline.DeviceConfig, 1);
        return c;
    }

    private static Dictionary<string, string> Dst(string prefix) => new() { ["hdr.ipv4.dstAddr"] = prefix };

    private static Dictionary<string, string> Proto(string protocol) => new() { ["hdr.ipv4.protocol"] = protocol };

    private static ActionProfileMember Nexthop(P4RuntimeClient c, uint id, int port) =>
        c.Member("ecmp", id, "set_nexthop", new Dictionary<string, string> { ["port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["dmac"] = "0x0200000000" + port.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The port (and the rewritten destination MAC's last byte, which names the same port) each flow leaves on.</summary>
    private static int Forward(LoopbackServer server, uint src, byte protocol = 17, byte? expectDscp = null)
    {
        var output = server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3), src, protocol: protocol)).Outputs.Should().ContainSingle().Subject;
        output.Data[5].Should().Be((byte)output.Port, "the member's dmac names its port");
        if (expectDscp is { } d)
        {
            output.Data[15].Should().Be(d);
        }
        return output.Port;
    }

    private static Dictionary<uint, int> Spread(LoopbackServer server, int flows = 48)
    {
        var ports = new Dictionary<uint, int>();
        for (uint s = 1; s <= flows; s++)
        {
            ports[s] = Forward(server, Packets.Ip(192, 168, 7, (int)s));
        }
        return ports;
    }

    [Fact]
    public async Task MembersAndGroups_ForwardPacketsByTheSelectedMember_AndReadBack()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await PrimaryAsync(server);
        await c.WriteAsync(new[] { Nexthop(c, 1, 2), Nexthop(c, 2, 3), Nexthop(c, 3, 4) }.Select(m => new Update { Type = UpdateType.Insert, Entity = new Entity { ActionProfileMember = m } }));
        await c.WriteAsync(UpdateType.Insert, c.Group("ecmp", 10, [(1, 1), (2, 1), (3, 1)]));
        await c.InsertAsync(c.GroupEntry("route", Dst("10.0.0.0/8"), 10));
        await c.WriteAsync(UpdateType.Insert, c.Member("tagger", 1, "set_dscp", new Dictionary<string, string> { ["dscp"] = "0x2e" }));
        await c.InsertAsync(c.MemberEntry("tag", Proto("17"), 1));

        var ports = Spread(server);
        ports.Values.Distinct().Order().Should().Equal([2, 3, 4], "the group spreads flows over its three members");
        foreach (var (src, port) in ports.Take(8))
        {
            for (var i = 0; i < 3; i++)
            {
                Forward(server, Packets.Ip(192, 168, 7, (int)src), expectDscp: 0x2e).Should().Be(port, "the hash of a flow's selector keys picks the same member every time");
            }
        }
        Forward(server, Packets.Ip(192, 168, 7, 1), protocol: 6, expectDscp: 0).Should().BeOneOf([2, 3, 4], "a tag miss keeps the DSCP");

        (await c.ReadMembersAsync("ecmp")).Select(m => m.MemberId).Should().Equal(1u, 2u, 3u);
        (await c.ReadMembersAsync()).Should().HaveCount(4, "a wildcard read covers every profile");
        var group = (await c.ReadGroupsAsync("ecmp")).Should().ContainSingle().Subject;
        group.Should().Be(c.Group("ecmp", 10, [(1, 1), (2, 1), (3, 1)]));
        (await c.ReadTableAsync("route")).Single().Action.ActionProfileGroupId.Should().Be(10);
        (await c.ReadTableAsync("tag")).Single().Action.ActionProfileMemberId.Should().Be(1);

        // Modifying a member changes every flow that selected it; modifying the group re-spreads.
        await c.WriteAsync(UpdateType.Modify, Nexthop(c, 2, 7));
        var after = Spread(server);
        after.Should().Equal(ports.ToDictionary(p => p.Key, p => p.Value == 3 ? 7 : p.Value));
        await c.WriteAsync(UpdateType.Modify, c.Group("ecmp", 10, [(1, 1)]));
        Spread(server, 8).Values.Should().AllSatisfy(p => p.Should().Be(2));

        // Weights: member 3 with weight 3 takes about three quarters of the flows.
        await c.WriteAsync(UpdateType.Modify, c.Group("ecmp", 10, [(1, 1), (3, 3)]));
        var weighted = Spread(server, 200).Values.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        weighted.Keys.Order().Should().Equal(2, 4);
        weighted[4].Should().BeInRange(120, 180);

        // Entry pointing at a member directly; deleting in dependency order.
        await c.ModifyAsync(c.MemberEntry("route", Dst("10.0.0.0/8"), 3));
        Spread(server, 8).Values.Should().AllSatisfy(p => p.Should().Be(4));
        await c.WriteAsync(UpdateType.Delete, c.Group("ecmp", 10, []));
        await c.DeleteAsync(c.Entry("route", Dst("10.0.0.0/8")));
        server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3))).Outputs.Should().BeEmpty("the default drops");
        foreach (var id in new uint[] { 1, 2, 3 })
        {
            await c.WriteAsync(UpdateType.Delete, new ActionProfileMember { ActionProfileId = c.P4Info!.ActionProfile("ecmp").Preamble.Id, MemberId = id });
        }
        (await c.ReadMembersAsync("ecmp")).Should().BeEmpty();
    }

    [Fact]
    public async Task MemberAndGroupWrites_ReturnTheSpecsStatusCodes()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await PrimaryAsync(server);
        var ecmpId = c.P4Info!.ActionProfile("ecmp").Preamble.Id;
        async Task<StatusCode> Code(Update u) => (await BatchError(() => c.WriteAsync([u]))).Errors.Single().Code;
        Update U(UpdateType t, ActionProfileMember m) => new() { Type = t, Entity = new Entity { ActionProfileMember = m } };
        Update G(UpdateType t, ActionProfileGroup g) => new() { Type = t, Entity = new Entity { ActionProfileGroup = g } };

        await c.WriteAsync(UpdateType.Insert, Nexthop(c, 1, 2));
        await c.WriteAsync(UpdateType.Insert, Nexthop(c, 2, 3));
        (await Code(U(UpdateType.Insert, Nexthop(c, 1, 5)))).Should().Be(StatusCode.AlreadyExists);
        (await Code(U(UpdateType.Insert, new ActionProfileMember { ActionProfileId = ecmpId, MemberId = 9 }))).Should().Be(StatusCode.InvalidArgument, "INSERT needs an action");
        (await Code(U(UpdateType.Insert, Nexthop(c, 0, 5)))).Should().Be(StatusCode.InvalidArgument, "member id 0");
        (await Code(U(UpdateType.Insert, new ActionProfileMember { ActionProfileId = ecmpId, MemberId = 9, Action = c.Action("set_dscp", new Dictionary<string, string> { ["dscp"] = "1" }) }))).Should().Be(StatusCode.InvalidArgument, "set_dscp is not an action of route");
        (await Code(U(UpdateType.Insert, new ActionProfileMember { ActionProfileId = 0x11000001, MemberId = 9 }))).Should().Be(StatusCode.NotFound);
        (await Code(U(UpdateType.Modify, Nexthop(c, 8, 5)))).Should().Be(StatusCode.NotFound);
        (await Code(U(UpdateType.Delete, Nexthop(c, 8, 5)))).Should().Be(StatusCode.NotFound);

        (await Code(G(UpdateType.Insert, c.Group("ecmp", 10, [(1, 1), (8, 1)])))).Should().Be(StatusCode.NotFound, "member 8 does not exist");
        (await Code(G(UpdateType.Insert, c.Group("ecmp", 10, [(1, 1), (1, 2)])))).Should().Be(StatusCode.InvalidArgument, "duplicate member");
        (await Code(G(UpdateType.Insert, c.Group("ecmp", 10, [(1, 0)])))).Should().Be(StatusCode.InvalidArgument, "weight 0");
        (await Code(G(UpdateType.Insert, c.Group("ecmp", 10, [(1, 1)], maxSize: 17)))).Should().Be(StatusCode.ResourceExhausted, "the data plane holds 16 slots per group");
        (await Code(G(UpdateType.Insert, c.Group("ecmp", 10, [(1, 2), (2, 3)], maxSize: 4)))).Should().Be(StatusCode.ResourceExhausted, "size 5 exceeds the group's max_size 4");
        (await Code(G(UpdateType.Insert, c.Group("ecmp", 10, [(1, 1), (2, 16)])))).Should().Be(StatusCode.ResourceExhausted, "17 selection slots");
        (await Code(G(UpdateType.Insert, c.Group("tagger", 10, [])))).Should().Be(StatusCode.InvalidArgument, "an action profile without a selector has no groups");
        var watched = c.Group("ecmp", 10, [(1, 1)]);
        watched.Members[0].WatchPort = B(3);
        (await Code(G(UpdateType.Insert, watched))).Should().Be(StatusCode.Unimplemented);
        (await Code(G(UpdateType.Modify, c.Group("ecmp", 10, [(1, 1)])))).Should().Be(StatusCode.NotFound);

        await c.WriteAsync(UpdateType.Insert, c.Group("ecmp", 10, [(1, 50), (2, 100)]));
        (await c.ReadGroupsAsync("ecmp")).Single().Members.Select(m => m.Weight).Should().Equal([50, 100], "weights read back as written (the data plane uses them divided by their gcd)");
        (await Code(G(UpdateType.Modify, c.Group("ecmp", 10, [(1, 1)], maxSize: 8)))).Should().Be(StatusCode.InvalidArgument, "max_size cannot change");
        (await Code(G(UpdateType.Insert, c.Group("ecmp", 10, [(1, 1)])))).Should().Be(StatusCode.AlreadyExists);
        (await Code(U(UpdateType.Delete, Nexthop(c, 1, 0)))).Should().Be(StatusCode.FailedPrecondition, "member 1 is in group 10");

        (await Code(Insert(c.GroupEntry("route", Dst("10.0.0.0/8"), 11)))).Should().Be(StatusCode.NotFound);
        (await Code(Insert(c.MemberEntry("route", Dst("10.0.0.0/8"), 7)))).Should().Be(StatusCode.NotFound);
        (await Code(Insert(c.Entry("route", Dst("10.0.0.0/8"), "set_nexthop", new Dictionary<string, string> { ["port"] = "1", ["dmac"] = "1" })))).Should().Be(StatusCode.InvalidArgument, "an indirect table's entries reference members or groups");
        (await Code(Insert(c.GroupEntry("tag", Proto("6"), 10)))).Should().Be(StatusCode.InvalidArgument, "tagger has no groups");
        await c.InsertAsync(c.GroupEntry("route", Dst("10.0.0.0/8"), 10));
        await c.InsertAsync(c.MemberEntry("route", Dst("10.9.0.0/16"), 2));
        (await Code(G(UpdateType.Delete, c.Group("ecmp", 10, [])))).Should().Be(StatusCode.FailedPrecondition, "an entry references group 10");
        await c.WriteAsync(UpdateType.Modify, c.Group("ecmp", 10, [(1, 1)]));
        (await Code(U(UpdateType.Delete, Nexthop(c, 2, 0)))).Should().Be(StatusCode.FailedPrecondition, "an entry references member 2");

        // The tagger holds 8 members.
        for (uint i = 1; i <= 8; i++)
        {
            await c.WriteAsync(UpdateType.Insert, c.Member("tagger", i, "set_dscp", new Dictionary<string, string> { ["dscp"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        }
        (await Code(U(UpdateType.Insert, c.Member("tagger", 9, "keep")))).Should().Be(StatusCode.ResourceExhausted);

        // A failed ROLLBACK_ON_ERROR batch leaves no member, group or reference behind.
        var before = (await c.ReadMembersAsync()).Count;
        var batch = await BatchError(() => c.WriteAsync(
            [U(UpdateType.Insert, Nexthop(c, 5, 6)), G(UpdateType.Insert, c.Group("ecmp", 20, [(5, 1)])), Insert(c.GroupEntry("route", Dst("10.8.0.0/16"), 20)), U(UpdateType.Insert, Nexthop(c, 1, 1))],
            WriteRequest.Types.Atomicity.RollbackOnError));
        batch.Errors.Should().Contain(e => e.Code == StatusCode.AlreadyExists);
        (await c.ReadMembersAsync()).Should().HaveCount(before);
        (await c.ReadGroupsAsync()).Should().ContainSingle();
        (await c.ReadTableAsync("route")).Should().HaveCount(2);
        await c.WriteAsync(UpdateType.Insert, Nexthop(c, 5, 6));
        await c.WriteAsync(UpdateType.Delete, Nexthop(c, 5, 6));
    }

    [Fact]
    public async Task OneShotActionSets_ForwardReadBackVerbatim_AndDoNotMixWithMembers()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await PrimaryAsync(server);
        static Dictionary<string, string> Hop(int port) => new() { ["port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["dmac"] = "0x0" + port.ToString("x", System.Globalization.CultureInfo.InvariantCulture) };
        var oneShot = c.OneShotEntry("route", Dst("10.0.0.0/8"), [("set_nexthop", Hop(2), 1), ("set_nexthop", Hop(5), 3), ("set_nexthop", Hop(2), 1)]);
        await c.InsertAsync(oneShot);

        var spread = Spread(server, 200);
        var counts = spread.Values.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        counts.Keys.Order().Should().Equal(2, 5);
        counts[5].Should().BeInRange(90, 150, "weight 3 of 5");
        foreach (var (src, port) in spread.Take(5))
        {
            Forward(server, Packets.Ip(192, 168, 7, (int)src)).Should().Be(port);
        }
        var read = (await c.ReadTableAsync("route")).Single();
        read.Action.Should().Be(oneShot.Action, "reads return the one-shot message, not members and groups, and do not coalesce equal actions");
        (await c.ReadMembersAsync("ecmp")).Should().BeEmpty("one-shot members are hidden");

        var mixed = await BatchError(() => c.WriteAsync(UpdateType.Insert, Nexthop(c, 1, 2)));
        mixed.Errors.Single().Code.Should().Be(StatusCode.InvalidArgument);

        // MODIFY replaces the set; the old hidden group is released.
        await c.ModifyAsync(c.OneShotEntry("route", Dst("10.0.0.0/8"), [("set_nexthop", Hop(9), 1)]));
        Spread(server, 8).Values.Should().AllSatisfy(p => p.Should().Be(9));
        var random = c.OneShotEntry("route", Dst("10.2.0.0/16"), [("set_nexthop", Hop(9), 1)]);
        random.Action.ActionProfileActionSet.ActionSelectionMode = ActionProfileActionSet.Types.ActionSelectionMode.Random;
        (await BatchError(() => c.InsertAsync(random))).Errors.Single().Code.Should().Be(StatusCode.Unimplemented);
        (await BatchError(() => c.InsertAsync(c.OneShotEntry("route", Dst("10.3.0.0/16"), [("set_nexthop", Hop(1), 0)])))).Errors.Single().Code.Should().Be(StatusCode.InvalidArgument, "weight 0");
        (await BatchError(() => c.InsertAsync(c.OneShotEntry("route", Dst("10.3.0.0/16"), [("set_nexthop", Hop(1), 1), ("set_nexthop", Hop(2), 16)])))).Errors.Single().Code.Should().Be(StatusCode.ResourceExhausted, "17 slots");
        (await BatchError(() => c.InsertAsync(c.OneShotEntry("tag", Proto("6"), [("keep", null, 1)])))).Errors.Single().Code.Should().Be(StatusCode.InvalidArgument, "tagger has no selector");

        // Once the one-shot entries are gone, members and groups may be used.
        await c.DeleteAsync(c.Entry("route", Dst("10.0.0.0/8")));
        await c.WriteAsync(UpdateType.Insert, Nexthop(c, 1, 2));
        (await BatchError(() => c.InsertAsync(oneShot))).Errors.Single().Code.Should().Be(StatusCode.InvalidArgument, "the selector now has members");
    }
}
