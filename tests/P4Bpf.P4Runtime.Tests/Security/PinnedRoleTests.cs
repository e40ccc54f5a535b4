using Google.Protobuf;
using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>Roles pinned by the operator's role file (<c>p4bpf run --role-config</c>): only they exist, with the file's scopes.</summary>
public sealed class PinnedRoleTests : ServerTestBase
{
    private static RoleConfigFile File(bool allowDefault = false)
    {
        var file = new RoleConfigFile { AllowDefaultRole = allowDefault };
        file.Roles["routing"] = RoleTests.RoutingScope();
        var acl = RoleTests.AclScope();
        acl.CanPushPipeline = true;
        file.Roles["acl"] = acl;
        return file;
    }

    /// <summary>A server with the role file and the router committed out of band, as <c>p4bpf run</c> does.</summary>
    private static async Task<LoopbackServer> StartAsync(RoleConfigFile file)
    {
        var server = await LoopbackServer.StartAsync(roles: file);
        var pipeline = TestPipeline.Get();
        server.Server.Core.Device(1).SetPipeline(SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit,
            new ForwardingPipelineConfig { P4Info = pipeline.P4Info, P4DeviceConfig = ByteString.CopyFrom(pipeline.DeviceConfig) });
        return server;
    }

    [Fact]
    public async Task PinnedRoles_GetTheFilesScope_WithoutSendingAConfig()
    {
        await using var server = await StartAsync(File());
        var owned = new List<P4RuntimeClient>();
        try
        {
            var routing = await RoleTests.ConnectAsync(server, owned, "routing", 1, null);
            routing.IsPrimary.Should().BeTrue();
            routing.LastArbitration!.Role.Config.Unpack<RoleConfig>().Should().Be(RoleTests.RoutingScope(), "replies carry the pinned config");
            var acl = await RoleTests.ConnectAsync(server, owned, "acl", 1, File().Roles["acl"]);
            acl.IsPrimary.Should().BeTrue("sending the pinned config itself is accepted");

            await routing.InsertAsync(Route(routing, "10.0.0.0/8"));
            (await BatchError(() => routing.InsertAsync(RoleTests.Acl(routing, "6")))).Errors.Single().Code.Should().Be(StatusCode.PermissionDenied);
            await acl.InsertAsync(RoleTests.Acl(acl, "6"));
            (await acl.ReadTableAsync()).Should().ContainSingle();

            // can_push_pipeline is granted to acl only.
            var pipeline = TestPipeline.Get();
            (await RpcError(() => routing.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig))).StatusCode.Should().Be(StatusCode.PermissionDenied);
            await acl.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig);
            (await routing.ReadTableAsync()).Should().BeEmpty("a committed pipeline clears the forwarding state");

            // A Read with a pinned role filters even before anyone arbitrated for it (device 1 knows the role from the file).
            await using var reader = new P4RuntimeClient(server.Address, 1, null, "routing");
            await reader.LoadP4InfoAsync();
            (await reader.ReadAsync(new Entity { RegisterEntry = new RegisterEntry() })).Should().BeEmpty();
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
    public async Task TheRoleFile_RefusesUnknownRoles_OtherConfigs_AndTheDefaultRole()
    {
        await using var server = await StartAsync(File());
        async Task<RpcException> Arbitrate(string role, RoleConfig? config)
        {
            await using var c = new P4RuntimeClient(server.Address, 1, 1, role, roleConfig: config);
            return await RpcError(() => c.ConnectAsync());
        }
        (await Arbitrate("", null)).StatusCode.Should().Be(StatusCode.NotFound, "the file does not allow the default role");
        (await Arbitrate("stranger", null)).StatusCode.Should().Be(StatusCode.NotFound);
        var grab = RoleTests.RoutingScope();
        grab.Tables.All = true;
        var e = await Arbitrate("routing", grab);
        e.StatusCode.Should().Be(StatusCode.InvalidArgument, "a controller cannot widen a pinned scope");
        e.Status.Detail.Should().Contain("pinned");

        await using var reader = new P4RuntimeClient(server.Address);
        (await RpcError(() => reader.ReadAsync(new Entity { TableEntry = new TableEntry() }))).StatusCode.Should().Be(StatusCode.NotFound);
        var write = new WriteRequest { DeviceId = 1, ElectionId = new Uint128 { Low = 1 } };
        (await Assert.ThrowsAsync<RpcException>(async () => await reader.Stub.WriteAsync(write, cancellationToken: TestContext.Current.CancellationToken)))
            .StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task AllowDefaultRole_KeepsFullAccessForTheDefaultRole()
    {
        await using var server = await StartAsync(File(allowDefault: true));
        var admin = await server.ConnectAsync(1);
        admin.IsPrimary.Should().BeTrue();
        await admin.LoadP4InfoAsync();
        await admin.InsertAsync(Route(admin, "10.0.0.0/8"));
        await admin.InsertAsync(RoleTests.Acl(admin, "6"));
        (await admin.ReadTableAsync()).Should().HaveCount(2);
    }

    [Fact]
    public void RoleFiles_LoadFromJsonAndTextProto_AndReportNamesThePipelineLacks()
    {
        var dir = Directory.CreateTempSubdirectory("p4bpf-roles-");
        try
        {
            var json = Path.Combine(dir.FullName, "roles.json");
            System.IO.File.WriteAllText(json, """
                { "roles": {
                    "routing": { "tables": { "names": ["MyIngress.ipv4_lpm"] }, "counters": { "all": true } },
                    "acl": { "tables": { "names": ["acl", "no_such_table"] }, "receivesPacketIn": true, "multicastGroups": { "ids": [1, 2] } } },
                  "allowDefaultRole": true }
                """);
            var fromJson = RoleConfigFiles.LoadServerFile(json);
            fromJson.AllowDefaultRole.Should().BeTrue();
            fromJson.Roles["acl"].MulticastGroups.Ids.Should().Equal(1u, 2u);

            var text = Path.Combine(dir.FullName, "roles.txtpb");
            System.IO.File.WriteAllText(text, """
                # two roles
                roles { key: "routing" value { tables { names: "MyIngress.ipv4_lpm" } counters { all: true } } }
                roles { key: "acl" value { tables { names: "acl" names: "no_such_table" } receives_packet_in: true multicast_groups { ids: 1 ids: 2 } } }
                allow_default_role: true
                """);
            RoleConfigFiles.LoadServerFile(text).Should().Be(fromJson, "both formats describe the same roles");

            var pipeline = TestPipeline.Get();
            var schema = PipelineSchema.Create(pipeline.P4Info, pipeline.Result.Layout!);
            RoleConfigFiles.Problems(fromJson, schema).Should().ContainSingle().Which.Should().Contain("no_such_table");

            var single = Path.Combine(dir.FullName, "acl.json");
            System.IO.File.WriteAllText(single, """{ "tables": { "ids": [1] }, "packetInFilter": [ { "metadataId": 1, "metadataName": "x" } ] }""");
            Assert.Throws<InvalidDataException>(() => RoleConfigFiles.LoadRoleConfig(single)).Message.Should().Contain("exactly one of metadata_id and metadata_name");
            var empty = Path.Combine(dir.FullName, "bad.json");
            System.IO.File.WriteAllText(empty, """{ "roles": { "": {} } }""");
            Assert.Throws<InvalidDataException>(() => RoleConfigFiles.LoadServerFile(empty)).Message.Should().Contain("needs a name");
            var broken = Path.Combine(dir.FullName, "broken.txtpb");
            System.IO.File.WriteAllText(broken, "roles { key: \"x\" value { tables { nmes: \"t\" } } }");
            Assert.Throws<InvalidDataException>(() => RoleConfigFiles.LoadServerFile(broken)).Message.Should().StartWith(broken + ":1:");
            Assert.Throws<InvalidDataException>(() => RoleConfigFiles.LoadServerFile(Path.Combine(dir.FullName, "roles.yaml"))).Message.Should().Contain("roles.yaml");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
