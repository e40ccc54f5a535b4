using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Security;
using UpdateType = P4.V1.Update.Types.Type;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>
/// Roles and action profiles over a real socket, on data/ecmp.p4 (route through the selector <c>ecmp</c>, tag through the profile <c>tagger</c>):
/// a table entry that uses a member, a group or a one-shot set needs the table's action profile in the role's scope, not just the table.
/// </summary>
public sealed class RoleProfileUseTests : ServerTestBase
{
    private static RoleConfig TablesOnly() => new() { Tables = new ObjectScope { Names = { "route", "tag" } } };

    private static RoleConfig TablesAndProfiles() => new()
    {
        Tables = new ObjectScope { Names = { "route", "tag" } },
        ActionProfiles = new ObjectScope { Names = { "ecmp", "tagger" } },
    };

    private static Dictionary<string, string> Dst(string prefix) => new() { ["hdr.ipv4.dstAddr"] = prefix };

    private static Dictionary<string, string> Proto(string protocol) => new() { ["hdr.ipv4.protocol"] = protocol };

    private static Dictionary<string, string> Nexthop(int port) =>
        new() { ["port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["dmac"] = "0x0200000000" + port.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>The default-role primary pushes ecmp.p4 and fills both profiles: ecmp members 1, 2 and group 10; tagger member 1.</summary>
    private static async Task<P4RuntimeClient> AdminAsync(LoopbackServer server, bool members = true)
    {
        var admin = await server.ConnectAsync(10);
        var pipeline = ActionProfileTests.Pipeline;
        await admin.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 1);
        if (!members)
        {
            return admin;
        }
        await admin.WriteAsync(UpdateType.Insert, admin.Member("ecmp", 1, "set_nexthop", Nexthop(2)));
        await admin.WriteAsync(UpdateType.Insert, admin.Member("ecmp", 2, "set_nexthop", Nexthop(3)));
        await admin.WriteAsync(UpdateType.Insert, admin.Group("ecmp", 10, [(1, 1), (2, 1)]));
        await admin.WriteAsync(UpdateType.Insert, admin.Member("tagger", 1, "set_dscp", new Dictionary<string, string> { ["dscp"] = "0x2e" }));
        return admin;
    }

    [Fact]
    public async Task ARoleOwningTheTableButNotItsProfile_MayNotUseItsMembersOrGroups_ARoleOwningBothMay()
    {
        await using var server = await LoopbackServer.StartAsync();
        var owned = new List<P4RuntimeClient>();
        try
        {
            var admin = await AdminAsync(server);
            var tables = await RoleTests.ConnectAsync(server, owned, "tables", 5, TablesOnly());
            var both = await RoleTests.ConnectAsync(server, owned, "both", 5, TablesAndProfiles());
            tables.IsPrimary.Should().BeTrue();
            both.IsPrimary.Should().BeTrue();

            // The table is in scope, its profile is not: each use of the profile is refused, naming the profile.
            var group = (await BatchError(() => tables.InsertAsync(tables.GroupEntry("route", Dst("10.0.0.0/8"), 10)))).Errors.Should().ContainSingle().Subject;
            group.Code.Should().Be(StatusCode.PermissionDenied);
            group.Message.Should().Contain("'tables'").And.Contain("group 10").And.Contain("MyIngress.ecmp");
            var member = (await BatchError(() => tables.InsertAsync(tables.MemberEntry("tag", Proto("17"), 1)))).Errors.Should().ContainSingle().Subject;
            member.Code.Should().Be(StatusCode.PermissionDenied);
            member.Message.Should().Contain("member 1").And.Contain("MyIngress.tagger");
            (await admin.ReadTableAsync()).Should().BeEmpty("nothing of the refused writes was applied");

            // Per update: in a CONTINUE_ON_ERROR batch only the profile use fails (the table's entries take no plain actions,
            // so the in-scope update is a DELETE, which needs the table alone); ROLLBACK_ON_ERROR undoes the rest.
            Update Delete12() => new() { Type = UpdateType.Delete, Entity = new Entity { TableEntry = tables.Entry("route", Dst("12.0.0.0/8")) } };
            await both.InsertAsync(both.GroupEntry("route", Dst("12.0.0.0/8"), 10));
            var rolled = await BatchError(() => tables.WriteAsync([Delete12(), Insert(tables.MemberEntry("tag", Proto("17"), 1))], WriteRequest.Types.Atomicity.RollbackOnError));
            rolled.Errors.Select(e => e.Code).Should().Equal(StatusCode.Aborted, StatusCode.PermissionDenied);
            (await admin.ReadTableAsync("route")).Single().Action.ActionProfileGroupId.Should().Be(10, "the DELETE was rolled back");

            // MODIFY is refused too, even of an entry that already points at the profile.
            var modify = (await BatchError(() => tables.ModifyAsync(tables.MemberEntry("route", Dst("12.0.0.0/8"), 1)))).Errors.Single();
            modify.Code.Should().Be(StatusCode.PermissionDenied);
            modify.Message.Should().Contain("MyIngress.ecmp");
            (await admin.ReadTableAsync("route")).Single().Action.ActionProfileGroupId.Should().Be(10, "the refused MODIFY left the entry alone");

            var mixed = await BatchError(() => tables.WriteAsync([Insert(tables.MemberEntry("tag", Proto("17"), 1)), Delete12()]));
            mixed.Errors.Should().ContainSingle().Which.Should().Match<UpdateError>(e => e.Index == 0 && e.Code == StatusCode.PermissionDenied);
            (await admin.ReadTableAsync("route")).Should().BeEmpty("the DELETE beside the refused update was applied");

            // The same writes from a role that owns table and profile succeed, and the data plane runs them.
            await both.InsertAsync(both.GroupEntry("route", Dst("10.0.0.0/8"), 10));
            await both.InsertAsync(both.MemberEntry("tag", Proto("17"), 1));
            await both.ModifyAsync(both.MemberEntry("route", Dst("10.0.0.0/8"), 2));
            var output = server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3), Packets.Ip(192, 168, 7, 1), protocol: 17)).Outputs.Should().ContainSingle().Subject;
            output.Port.Should().Be(3, "member 2 forwards to port 3");
            output.Data[15].Should().Be(0x2e, "tagger member 1 sets the DSCP");
            (await both.ReadTableAsync("route")).Should().ContainSingle();
            (await tables.ReadTableAsync("tag")).Should().ContainSingle("the role reads its tables' entries, whoever wrote them").Which.Action.ActionProfileMemberId.Should().Be(1);
        }
        finally
        {
            foreach (var c in owned)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OneShotActionSets_NeedTheProfileInScope()
    {
        await using var server = await LoopbackServer.StartAsync();
        var owned = new List<P4RuntimeClient>();
        try
        {
            var admin = await AdminAsync(server, members: false);
            var tables = await RoleTests.ConnectAsync(server, owned, "tables", 5, TablesOnly());
            var both = await RoleTests.ConnectAsync(server, owned, "both", 5, TablesAndProfiles());
            var oneShot = new (string, IReadOnlyDictionary<string, string>?, int)[] { ("set_nexthop", Nexthop(4), 1), ("set_nexthop", Nexthop(5), 1) };

            var shot = (await BatchError(() => tables.InsertAsync(tables.OneShotEntry("route", Dst("11.0.0.0/8"), oneShot)))).Errors.Should().ContainSingle().Subject;
            shot.Code.Should().Be(StatusCode.PermissionDenied, "a one-shot set creates members and a group in the profile");
            shot.Message.Should().Contain("one-shot").And.Contain("MyIngress.ecmp");
            (await admin.ReadTableAsync()).Should().BeEmpty();

            await both.InsertAsync(both.OneShotEntry("route", Dst("11.0.0.0/8"), oneShot));
            server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(11, 1, 2, 3), Packets.Ip(192, 168, 7, 1))).Outputs.Should().ContainSingle().Which.Port.Should().BeOneOf(4, 5);
            await tables.DeleteAsync(tables.Entry("route", Dst("11.0.0.0/8")));
            (await admin.ReadTableAsync()).Should().BeEmpty("deleting the one-shot entry needs the table alone");
        }
        finally
        {
            foreach (var c in owned)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public void TheScopeCheck_UsesTheTablesImplementationId_AndLeavesUnrelatedEntriesAlone()
    {
        var schema = Core.PipelineSchema.Create(ActionProfileTests.Pipeline.P4Info, ActionProfileTests.Pipeline.Result.Layout!);
        var info = ActionProfileTests.Pipeline.P4Info;
        var route = info.Tables.Single(t => t.Preamble.Name == "MyIngress.route");
        var tag = info.Tables.Single(t => t.Preamble.Name == "MyIngress.tag");
        var ecmpOnly = new RoleScope("r", new RoleConfig { Tables = new ObjectScope { All = true }, ActionProfiles = new ObjectScope { Names = { "MyIngress.ecmp" } } });
        Update U(UpdateType t, P4.Config.V1.Table table, TableAction action) =>
            new() { Type = t, Entity = new Entity { TableEntry = new TableEntry { TableId = table.Preamble.Id, Action = action } } };

        ecmpOnly.CheckWrite(schema, U(UpdateType.Insert, route, new TableAction { ActionProfileGroupId = 3 }));
        Assert.Throws<Core.P4RuntimeException>(() => ecmpOnly.CheckWrite(schema, U(UpdateType.Insert, tag, new TableAction { ActionProfileMemberId = 3 })))
            .Message.Should().Contain("MyIngress.tagger").And.Contain("MyIngress.tag");
        ecmpOnly.CheckWrite(schema, U(UpdateType.Delete, tag, new TableAction { ActionProfileMemberId = 3 }));
        ecmpOnly.CheckWrite(schema, U(UpdateType.Insert, tag, new TableAction { Action = new P4.V1.Action { ActionId = 1 } }));
        ecmpOnly.CheckWrite(schema, U(UpdateType.Insert, tag, new TableAction()));
    }
}
