using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using P4.V1;
using P4Bpf.EbpfGen;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using P4Bpf.P4Runtime.Security;
using P4Bpf.Tests.Shared;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>The scope decisions of <see cref="RoleScope"/> on every entity kind and stream message, without a server.</summary>
public sealed class RoleScopeTests
{
    private static PipelineSchema Router()
    {
        var p = TestPipeline.Get();
        return PipelineSchema.Create(p.P4Info, p.Result.Layout!);
    }

    private static uint TableId(PipelineSchema s, string alias) => s.Info.Tables.Single(t => t.Preamble.Alias == alias).Preamble.Id;

    [Fact]
    public void FromAny_AcceptsOnlyOurScheme()
    {
        RoleScope.FromAny("r", null).Should().BeNull("no config is full access");
        RoleScope.FromAny("r", Any.Pack(new RoleConfig { SendsPacketOut = true }))!.SendsPacketOut.Should().BeTrue();
        Assert.Throws<P4RuntimeException>(() => RoleScope.FromAny("r", Any.Pack(new Empty()))).Code.Should().Be(Code.InvalidArgument);
        var corrupt = new Any { TypeUrl = RoleScope.TypeUrl, Value = ByteString.CopyFrom(0x0a, 0xff) };
        Assert.Throws<P4RuntimeException>(() => RoleScope.FromAny("r", corrupt)).Code.Should().Be(Code.InvalidArgument);
    }

    [Fact]
    public void Entities_AreJudgedByTheirObject_WildcardsPassToFiltering()
    {
        var schema = Router();
        var lpm = TableId(schema, "ipv4_lpm");
        var acl = TableId(schema, "acl");
        var scope = new RoleScope("r", new RoleConfig
        {
            Tables = new ObjectScope { Ids = { lpm } },
            MulticastGroups = new IdScope { Ids = { 5 } },
            CloneSessions = new IdScope { All = true },
        });
        scope.Allows(schema, new Entity { TableEntry = new TableEntry { TableId = lpm } }).Should().BeTrue();
        scope.Allows(schema, new Entity { TableEntry = new TableEntry { TableId = acl } }).Should().BeFalse();
        scope.Allows(schema, new Entity { DirectCounterEntry = new DirectCounterEntry { TableEntry = new TableEntry { TableId = lpm } } }).Should().BeTrue("direct resources follow their table");
        scope.Allows(schema, new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = new MulticastGroupEntry { MulticastGroupId = 5 } } }).Should().BeTrue();
        scope.Allows(schema, new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = new MulticastGroupEntry { MulticastGroupId = 6 } } }).Should().BeFalse();
        scope.Allows(schema, new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = new CloneSessionEntry { SessionId = 99 } } }).Should().BeTrue();
        scope.Allows(schema, new Entity { CounterEntry = new CounterEntry { CounterId = schema.Counters.Keys.Single() } }).Should().BeFalse();

        var denied = Assert.Throws<P4RuntimeException>(() => scope.CheckWrite(schema, new Entity { TableEntry = new TableEntry { TableId = acl } }));
        denied.Code.Should().Be(Code.PermissionDenied);
        denied.Message.Should().Be("role 'r' may not write table MyIngress.acl");
        Assert.Throws<P4RuntimeException>(() => scope.CheckWrite(schema, new Entity { ExternEntry = new ExternEntry { ExternTypeId = 1, ExternId = 1 } }))
            .Code.Should().Be(Code.PermissionDenied, "no scope covers extern entries");
        scope.CheckWrite(schema, new Entity { TableEntry = new TableEntry() }); // table id 0: the write's own validation rejects it
        scope.CheckRead(schema, new Entity { TableEntry = new TableEntry() }); // a wildcard read: filtered afterwards
        scope.CheckRead(schema, new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = new MulticastGroupEntry() } });
        Assert.Throws<P4RuntimeException>(() => scope.CheckRead(schema, new Entity { RegisterEntry = new RegisterEntry { RegisterId = schema.Registers.Keys.Single() } }))
            .Message.Should().Be("role 'r' may not read register MyIngress.last_ttl");
    }

    [Fact]
    public void DirectCounters_CanBeGrantedWithoutTheirTable()
    {
        var result = P4Compiler.CompileFile(Path.Combine(Tooling.RepoRoot, "examples", "acl-firewall", "acl_firewall.p4"));
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!)).Info!;
        var schema = PipelineSchema.Create(info, result.Layout!);
        var table = schema.Tables.Values.Single(t => t.DirectCounterId != 0);
        var counterName = info.DirectCounters.Single().Preamble.Name;
        var stats = new RoleScope("stats", new RoleConfig { DirectCounters = new ObjectScope { Names = { counterName } } });
        stats.Allows(schema, new Entity { DirectCounterEntry = new DirectCounterEntry { TableEntry = new TableEntry { TableId = table.Id } } }).Should().BeTrue();
        stats.Allows(schema, new Entity { TableEntry = new TableEntry { TableId = table.Id } }).Should().BeFalse("the counter, not the table");
        stats.Problems(schema).Should().BeEmpty();
    }

    [Fact]
    public void StreamMessages_ReachOnlyTheRolesTheyConcern()
    {
        var schema = Router();
        var lpm = TableId(schema, "ipv4_lpm");
        var acl = TableId(schema, "acl");
        var routing = new RoleScope("routing", new RoleConfig { Tables = new ObjectScope { Ids = { lpm } }, Digests = new ObjectScope { Ids = { 0x0f000001 } } });

        var packet = new StreamMessageResponse { Packet = new PacketIn { Payload = ByteString.CopyFrom(1) } };
        RoleScope.ForRole(null, schema, packet).Should().BeSameAs(packet, "full access gets everything");
        RoleScope.ForRole(routing, schema, packet).Should().BeNull("routing does not receive packet-ins");

        RoleScope.ForRole(routing, schema, new StreamMessageResponse { Digest = new DigestList { DigestId = 0x0f000001 } }).Should().NotBeNull();
        RoleScope.ForRole(routing, schema, new StreamMessageResponse { Digest = new DigestList { DigestId = 0x0f000002 } }).Should().BeNull();

        var idle = new IdleTimeoutNotification { Timestamp = 42 };
        idle.TableEntry.Add(new TableEntry { TableId = lpm, Priority = 0 });
        idle.TableEntry.Add(new TableEntry { TableId = acl, Priority = 3 });
        var mine = RoleScope.ForRole(routing, schema, new StreamMessageResponse { IdleTimeoutNotification = idle })!.IdleTimeoutNotification;
        mine.Timestamp.Should().Be(42);
        mine.TableEntry.Should().ContainSingle().Which.TableId.Should().Be(lpm);
        var aclOnly = new IdleTimeoutNotification();
        aclOnly.TableEntry.Add(new TableEntry { TableId = acl });
        RoleScope.ForRole(routing, schema, new StreamMessageResponse { IdleTimeoutNotification = aclOnly }).Should().BeNull();
    }

    [Fact]
    public void PacketInFilters_MatchMetadataByIdOrName_ByValueNotEncoding()
    {
        var schema = Router();
        var ingress = schema.PacketIn!.Metadata.Single(m => m.Name == "ingress_port").Id;
        var byName = new RoleScope("m", new RoleConfig { ReceivesPacketIn = true, PacketInFilter = { new PacketMetadataMatch { MetadataName = "ingress_port", Value = ByteString.CopyFrom(0, 2) } } });
        var byId = new RoleScope("m", new RoleConfig { ReceivesPacketIn = true, PacketInFilter = { new PacketMetadataMatch { MetadataId = ingress, Value = ByteString.CopyFrom(2) } } });
        PacketIn Port(byte p) => new() { Metadata = { new PacketMetadata { MetadataId = ingress, Value = ByteString.CopyFrom(p) } } };
        byName.ReceivesPacketIn(schema, Port(2)).Should().BeTrue("0x0002 and 0x02 are the same value");
        byName.ReceivesPacketIn(schema, Port(3)).Should().BeFalse();
        byId.ReceivesPacketIn(schema, Port(2)).Should().BeTrue();
        byId.ReceivesPacketIn(schema, new PacketIn()).Should().BeFalse("a packet without the metadata does not match");
        new RoleScope("m", new RoleConfig { ReceivesPacketIn = true, PacketInFilter = { new PacketMetadataMatch { MetadataName = "nope", Value = ByteString.CopyFrom(2) } } })
            .Problems(schema).Should().ContainSingle().Which.Should().Contain("nope");
    }
}
