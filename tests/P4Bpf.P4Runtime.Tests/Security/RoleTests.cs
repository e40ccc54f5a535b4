using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>P4Runtime roles over real sockets: per-role primaries, scoped writes and reads, packet-in delivery by role (controller-sent role configs).</summary>
public sealed class RoleTests : ServerTestBase
{
    internal static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    internal static RoleConfig RoutingScope() => new()
    {
        Tables = new ObjectScope { Names = { "MyIngress.ipv4_lpm" } },
        Counters = new ObjectScope { Names = { "port_packets" } },
    };

    internal static RoleConfig AclScope() => new()
    {
        Tables = new ObjectScope { Names = { "acl" } },
        Registers = new ObjectScope { All = true },
        ReceivesPacketIn = true,
        SendsPacketOut = true,
    };

    internal static TableEntry Acl(P4RuntimeClient c, string protocol, string action = "drop", int priority = 10) =>
        c.Entry("acl", new Dictionary<string, string> { ["protocol"] = protocol }, action, priority: priority);

    /// <summary>The default-role primary commits the router; then a "routing" and an "acl" controller arbitrate with their configs.</summary>
    private static async Task<(P4RuntimeClient Admin, P4RuntimeClient Routing, P4RuntimeClient Acl)> ThreeControllersAsync(LoopbackServer server, List<P4RuntimeClient> owned)
    {
        var admin = await server.PrimaryWithPipelineAsync();
        var routing = await ConnectAsync(server, owned, "routing", 5, RoutingScope());
        var acl = await ConnectAsync(server, owned, "acl", 5, AclScope());
        return (admin, routing, acl);
    }

    internal static async Task<P4RuntimeClient> ConnectAsync(LoopbackServer server, List<P4RuntimeClient> owned, string role, ulong electionId, RoleConfig? config)
    {
        var c = new P4RuntimeClient(server.Address, 1, electionId, role, roleConfig: config);
        owned.Add(c);
        await c.ConnectAsync();
        await c.LoadP4InfoAsync();
        return c;
    }

    private static async Task DisposeAll(List<P4RuntimeClient> owned)
    {
        foreach (var c in owned)
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoRoles_EachPrimaryOfItsRole_WriteOwnTables_AreRefusedOnTheOthers_ReadOnlyTheirOwn()
    {
        await using var server = await LoopbackServer.StartAsync();
        var owned = new List<P4RuntimeClient>();
        try
        {
            var (admin, routing, acl) = await ThreeControllersAsync(server, owned);
            routing.IsPrimary.Should().BeTrue("the first controller of role routing is its primary");
            acl.IsPrimary.Should().BeTrue("each role has its own primary, even with the same election id");
            admin.IsPrimary.Should().BeTrue();
            routing.LastArbitration!.Role.Name.Should().Be("routing");
            routing.LastArbitration.Role.Config.Unpack<RoleConfig>().Should().Be(RoutingScope(), "the reply carries the role's config");

            await routing.InsertAsync(Route(routing, "10.0.0.0/8", port: "3"));
            await acl.InsertAsync(Acl(acl, "6"));

            var denied = await BatchError(() => routing.InsertAsync(Acl(routing, "17")));
            denied.Errors.Should().ContainSingle().Which.Code.Should().Be(StatusCode.PermissionDenied);
            denied.Errors[0].Message.Should().Contain("routing").And.Contain("MyIngress.acl");
            (await BatchError(() => acl.InsertAsync(Route(acl, "11.0.0.0/8")))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied);
            (await BatchError(() => acl.ModifyAsync(acl.DefaultEntry("ipv4_lpm", "NoAction")))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied, "the default entry belongs to its table");

            // CONTINUE_ON_ERROR: the out-of-scope update fails alone; ROLLBACK_ON_ERROR: nothing of the batch stays.
            var mixed = await BatchError(() => routing.WriteAsync([Insert(Route(routing, "12.0.0.0/8")), Insert(Acl(routing, "1")), Insert(Route(routing, "13.0.0.0/8"))]));
            mixed.Errors.Should().ContainSingle().Which.Should().Match<UpdateError>(e => e.Index == 1 && e.Code == StatusCode.PermissionDenied);
            var rolled = await BatchError(() => routing.WriteAsync([Insert(Route(routing, "14.0.0.0/8")), Insert(Acl(routing, "2"))], WriteRequest.Types.Atomicity.RollbackOnError));
            rolled.Errors.Select(e => e.Code).Should().Equal(StatusCode.Aborted, StatusCode.PermissionDenied);

            // Reads: wildcards return only the role's entities; naming another role's table is refused.
            (await routing.ReadTableAsync()).Select(e => e.TableId).Distinct().Should().Equal(routing.P4Info!.Table("ipv4_lpm").Preamble.Id);
            (await routing.ReadTableAsync()).Should().HaveCount(3, "10/8, 12/8, 13/8 (14/8 was rolled back)");
            (await acl.ReadTableAsync()).Should().ContainSingle().Which.TableId.Should().Be(acl.P4Info!.Table("acl").Preamble.Id);
            (await BatchError(() => acl.ReadTableAsync("ipv4_lpm"))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied);
            (await admin.ReadTableAsync()).Should().HaveCount(4, "the default role sees everything");
            (await routing.ReadAsync(new Entity { CounterEntry = new CounterEntry() })).Should().NotBeEmpty("port_packets is in routing's scope");
            (await acl.ReadAsync(new Entity { CounterEntry = new CounterEntry() })).Should().BeEmpty("acl has no counters");
            (await acl.ReadAsync(new Entity { RegisterEntry = new RegisterEntry() })).Should().NotBeEmpty();
            (await routing.ReadAsync(new Entity { RegisterEntry = new RegisterEntry() })).Should().BeEmpty();
            (await BatchError(() => routing.ReadRegisterAsync("last_ttl"))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied);

            // A Read with a role filters by that role even without a stream.
            await using var reader = new P4RuntimeClient(server.Address, 1, null, "acl");
            await reader.LoadP4InfoAsync();
            (await reader.ReadTableAsync()).Should().ContainSingle();

            // Scoped roles may not push pipelines unless granted; the data plane runs what both roles wrote.
            var pipeline = TestPipeline.Get();
            (await RpcError(() => routing.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig))).StatusCode.Should().Be(StatusCode.PermissionDenied);
            server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3))).Outputs.Single().Port.Should().Be(3);
            server.Switch.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3), protocol: 6)).Outputs.Should().BeEmpty("acl's drop entry");
        }
        finally
        {
            await DisposeAll(owned);
        }
    }

    [Fact]
    public async Task AHigherElectionId_TakesOverWithinARole_WithoutAffectingTheOtherRole()
    {
        await using var server = await LoopbackServer.StartAsync();
        var owned = new List<P4RuntimeClient>();
        try
        {
            var (_, routing, acl) = await ThreeControllersAsync(server, owned);
            var routing2 = await ConnectAsync(server, owned, "routing", 7, RoutingScope());
            routing2.IsPrimary.Should().BeTrue();
            var notice = await routing.ArbitrationUpdates.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
            notice.Status.Code.Should().Be((int)Google.Rpc.Code.AlreadyExists);
            notice.ElectionId.Low.Should().Be(7);
            notice.Role.Name.Should().Be("routing");

            (await RpcError(() => routing.InsertAsync(Route(routing, "10.0.0.0/8")))).StatusCode.Should().Be(StatusCode.PermissionDenied, "the old primary of routing is demoted");
            await routing2.InsertAsync(Route(routing2, "10.0.0.0/8"));
            (await BatchError(() => routing2.InsertAsync(Acl(routing2, "6")))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied, "the new primary has the same scope");

            acl.IsPrimary.Should().BeTrue("the acl role keeps its primary");
            acl.ArbitrationUpdates.TryRead(out _).Should().BeFalse("nothing changed for the acl role");
            await acl.InsertAsync(Acl(acl, "6"));

            // The acl primary leaves: routing's primary is unaffected; acl has no primary until someone presents >= 5.
            await acl.DisposeAsync();
            await routing2.InsertAsync(Route(routing2, "11.0.0.0/8"));
            var acl2 = await ConnectAsync(server, owned, "acl", 4, AclScope());
            acl2.IsPrimary.Should().BeFalse("no automatic fail-over below the highest election id seen");
            acl2.LastArbitration!.Status.Code.Should().Be((int)Google.Rpc.Code.NotFound);
            (await acl2.ArbitrateAsync(5, cancellationToken: TestContext.Current.CancellationToken)).Status.Code.Should().Be((int)Google.Rpc.Code.Ok);
            await acl2.InsertAsync(Acl(acl2, "17"));
        }
        finally
        {
            await DisposeAll(owned);
        }
    }

    [Fact]
    public async Task PacketIn_ReachesOnlyTheRolesThatReceiveIt_PacketOut_OnlyFromRolesThatSend()
    {
        await using var server = await LoopbackServer.StartAsync();
        var owned = new List<P4RuntimeClient>();
        try
        {
            var admin = await server.PrimaryWithPipelineAsync();
            var routing = await ConnectAsync(server, owned, "routing", 5, RoutingScope());
            var acl = await ConnectAsync(server, owned, "acl", 5, AclScope());
            var port2Only = AclScope();
            port2Only.Tables = null;
            port2Only.PacketInFilter.Add(new PacketMetadataMatch { MetadataName = "ingress_port", Value = B(2) });
            var monitor = await ConnectAsync(server, owned, "monitor", 1, port2Only);
            await routing.InsertAsync(Route(routing, "10.0.0.0/8"));
            await acl.InsertAsync(Acl(acl, "6", "to_cpu"));
            await admin.DisposeAsync(); // the default role would receive everything

            server.Switch!.Inject(7, Packets.Ipv4(Packets.Ip(10, 0, 0, 9), protocol: 6));
            var packetIn = await acl.PacketIns.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
            var ingress = acl.P4Info!.PacketIn!.Metadata.Single(m => m.Name == "ingress_port").Id;
            packetIn.Metadata.Single(m => m.MetadataId == ingress).Value.Should().Equal(B(7));
            server.Switch.Inject(2, Packets.Ipv4(Packets.Ip(10, 0, 0, 9), protocol: 6));
            (await acl.PacketIns.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken))
                .Metadata.Single(m => m.MetadataId == ingress).Value.Should().Equal(B(2));
            var filtered = await monitor.PacketIns.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
            filtered.Metadata.Single(m => m.MetadataId == ingress).Value.Should().Equal(B(2), "monitor's filter passes only packets from port 2");
            monitor.PacketIns.TryRead(out _).Should().BeFalse("the port 7 packet did not match monitor's filter");
            routing.PacketIns.TryRead(out _).Should().BeFalse("routing does not receive packet-ins");

            // PacketOut: routing may not send (a StreamError), acl may.
            var outputs = new List<Runtime.Switch.SwitchOutput>();
            server.Switch.PacketOut += o =>
            {
                lock (outputs)
                {
                    outputs.Add(o);
                }
            };
            var meta = new Dictionary<string, System.Numerics.BigInteger> { ["egress_port"] = 5, ["_pad"] = 0 };
            await routing.SendPacketOutAsync(Packets.Ipv4(Packets.Ip(192, 168, 0, 1)), meta);
            var error = await routing.StreamErrors.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);
            error.CanonicalCode.Should().Be((int)Google.Rpc.Code.PermissionDenied);
            error.PacketOut.Should().NotBeNull();
            await acl.SendPacketOutAsync(Packets.Ipv4(Packets.Ip(192, 168, 0, 1)), meta);
            for (var i = 0; i < 100 && outputs.Count == 0; i++)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            lock (outputs)
            {
                outputs.Should().ContainSingle("only acl's packet-out left the switch").Which.Port.Should().Be(5);
            }
        }
        finally
        {
            await DisposeAll(owned);
        }
    }

    [Fact]
    public async Task RoleConfigs_ThatAreNotOurScheme_EndTheStream_AndUnknownRolesAreNotFound()
    {
        await using var server = await LoopbackServer.StartAsync();
        var admin = await server.PrimaryWithPipelineAsync();
        await using (var wrong = new P4RuntimeClient(server.Address, 1, 1, "x", roleConfig: new P4.V1.Uint128 { Low = 1 }))
        {
            var e = await RpcError(() => wrong.ConnectAsync());
            e.StatusCode.Should().Be(StatusCode.InvalidArgument);
            e.Status.Detail.Should().Contain("p4bpf.RoleConfig");
        }
        // A Write or Read naming a role nobody arbitrated for: NOT_FOUND (§12 checks, in order).
        var request = new WriteRequest { DeviceId = 1, Role = "nobody", ElectionId = new Uint128 { Low = 10 } };
        request.Updates.Add(Insert(Route(admin, "10.0.0.0/8")));
        (await Assert.ThrowsAsync<RpcException>(async () => await admin.Stub.WriteAsync(request, cancellationToken: TestContext.Current.CancellationToken)))
            .StatusCode.Should().Be(StatusCode.NotFound);
        await using var reader = new P4RuntimeClient(server.Address, 1, null, "nobody");
        (await RpcError(() => reader.ReadAsync(new Entity { TableEntry = new TableEntry() }))).StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task ARoleConfigUpdate_ByThePrimary_ChangesTheScope_AndIsAnnounced()
    {
        await using var server = await LoopbackServer.StartAsync();
        var owned = new List<P4RuntimeClient>();
        try
        {
            _ = await server.PrimaryWithPipelineAsync();
            var backup = await ConnectAsync(server, owned, "acl", 3, null);
            var acl = await ConnectAsync(server, owned, "acl", 5, AclScope());
            (await backup.ArbitrationUpdates.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken))
                .Role.Config.Unpack<RoleConfig>().Should().Be(AclScope(), "everybody of the role learns the primary's config");
            (await BatchError(() => acl.InsertAsync(Route(acl, "10.0.0.0/8")))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied);
            // The backup's config is not adopted: only the primary's is.
            await using var backup2 = new P4RuntimeClient(server.Address, 1, 4, "acl", roleConfig: RoutingScope());
            await backup2.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
            backup2.IsPrimary.Should().BeFalse();
            (await BatchError(() => acl.InsertAsync(Route(acl, "10.0.0.0/8")))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied);
        }
        finally
        {
            await DisposeAll(owned);
        }
    }
}
