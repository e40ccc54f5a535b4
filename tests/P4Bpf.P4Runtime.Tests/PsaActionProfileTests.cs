using Google.Protobuf;
using P4.V1;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Targets;
using UpdateType = P4.V1.Update.Types.Type;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>PSA ActionSelector/ActionProfile (data/psa_ecmp.p4): forwarding over a real socket, and the member/group maps on the maps-only target.</summary>
public sealed class PsaActionProfileTests : ServerTestBase
{
    private static readonly Lazy<TestPipeline> Psa = new(() => TestPipeline.Compile("psa_ecmp.p4"));

    private static Dictionary<string, string> Port(int p) => new() { ["port"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Fact]
    public async Task PsaSelector_ForwardsEachFlowToOneMember()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(Psa.Value.P4Info, Psa.Value.DeviceConfig, 1);
        await c.WriteAsync(UpdateType.Insert, c.Member("sel", 1, "fwd", Port(3)));
        await c.WriteAsync(UpdateType.Insert, c.Member("sel", 2, "fwd", Port(4)));
        await c.WriteAsync(UpdateType.Insert, c.Group("sel", 1, [(1, 1), (2, 1)]));
        await c.InsertAsync(c.GroupEntry("route", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = "10.0.0.1" }, 1));
        await c.WriteAsync(UpdateType.Insert, c.Member("prof", 7, "set_dscp", new Dictionary<string, string> { ["dscp"] = "0x2e" }));
        await c.InsertAsync(c.MemberEntry("tag", new Dictionary<string, string> { ["hdr.ipv4.protocol"] = "17" }, 7));

        var seen = new HashSet<int>();
        for (var s = 1; s <= 32; s++)
        {
            var packet = Packets.Ipv4(Packets.Ip(10, 0, 0, 1), Packets.Ip(172, 16, 0, s));
            var first = server.Switch!.Inject(1, packet).Outputs.Should().ContainSingle().Subject;
            first.Data[15].Should().Be(0x2e, "the tag table ran member 7");
            server.Switch.Inject(1, packet).Outputs.Single().Port.Should().Be(first.Port, "a flow keeps its member");
            seen.Add(first.Port);
        }
        seen.Order().Should().Equal(3, 4);
    }

    [Fact]
    public void MapDevice_WritesMembersGroupsAndReferencesIntoTheMaps()
    {
        var p = Psa.Value;
        MapDevice? maps = null;
        using var device = new DeviceState(1, (program, layout, _) => maps = MapDevice.Create(program, layout));
        device.SetPipeline(SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit,
            new ForwardingPipelineConfig { P4Info = p.P4Info, P4DeviceConfig = ByteString.CopyFrom(p.DeviceConfig) });
        var sel = p.P4Info.ActionProfiles.Single(a => a.Preamble.Name == "ingress.sel");
        var route = p.P4Info.Tables.Single(t => t.Preamble.Name == "ingress.route");
        var fwd = p.P4Info.Actions.Single(a => a.Preamble.Name == "ingress.fwd");
        ActionProfileMember Member(uint id, int port) => new()
        {
            ActionProfileId = sel.Preamble.Id,
            MemberId = id,
            Action = new P4.V1.Action { ActionId = fwd.Preamble.Id, Params = { new P4.V1.Action.Types.Param { ParamId = 1, Value = ByteStrings.Canonical(port) } } },
        };
        Update U(UpdateType t, Entity e) => new() { Type = t, Entity = e };
        device.Write(new WriteRequest { Updates = { U(UpdateType.Insert, new Entity { ActionProfileMember = Member(1, 3) }), U(UpdateType.Insert, new Entity { ActionProfileMember = Member(2, 4) }) } }).AllOk.Should().BeTrue();
        var group = new ActionProfileGroup { ActionProfileId = sel.Preamble.Id, GroupId = 5, Members = { new ActionProfileGroup.Types.Member { MemberId = 1, Weight = 2 }, new ActionProfileGroup.Types.Member { MemberId = 2, Weight = 4 } } };
        device.Write(new WriteRequest { Updates = { U(UpdateType.Insert, new Entity { ActionProfileGroup = group }) } }).AllOk.Should().BeTrue();
        var entry = new TableEntry { TableId = route.Preamble.Id, Match = { new FieldMatch { FieldId = 1, Exact = new FieldMatch.Types.Exact { Value = ByteStrings.Canonical(Packets.Ip(10, 0, 0, 1)) } } }, Action = new TableAction { ActionProfileGroupId = 5 } };
        device.Write(new WriteRequest { Updates = { U(UpdateType.Insert, new Entity { TableEntry = entry }) } }).AllOk.Should().BeTrue();

        var layout = p.Result.Layout!;
        var profile = layout.ActionProfiles.Single(a => a.Name == "ingress.sel");
        var table = layout.Table("ingress.route");
        var expectedMember = TableEntryEncoder.EncodeMember(profile, table, 2, "ingress.fwd", [4]);
        maps!.Maps[profile.MembersMap].Lookup(expectedMember.Key).Should().Equal(expectedMember.Value);
        var expectedGroup = TableEntryEncoder.EncodeGroup(profile, 5, [1, 2, 2]);
        maps.Maps[profile.GroupsMap!].Lookup(expectedGroup.Key).Should().Equal(expectedGroup.Value, "weights 2:4 become slots 1:2");
        var expectedEntry = TableEntryEncoder.EncodeEntryRef(table, [new Midend.Ir.ExactMatch(Packets.Ip(10, 0, 0, 1))], group: true, 5, 0).Single();
        maps.Maps[table.Map!].Lookup(expectedEntry.Key).Should().Equal(expectedEntry.Value);

        var delete = device.Write(new WriteRequest { Updates = { U(UpdateType.Delete, new Entity { ActionProfileGroup = new ActionProfileGroup { ActionProfileId = sel.Preamble.Id, GroupId = 5 } }) } });
        delete.Errors.Single()!.Code.Should().Be(Google.Rpc.Code.FailedPrecondition);
        device.Write(new WriteRequest { Updates = { U(UpdateType.Delete, new Entity { TableEntry = entry }), U(UpdateType.Delete, new Entity { ActionProfileGroup = group }) } }).AllOk.Should().BeTrue();
        maps.Maps[profile.GroupsMap!].Keys().Should().BeEmpty();
        maps.Maps[table.Map!].Keys().Should().BeEmpty();
    }
}

/// <summary>Members, groups and one-shot entries written to a saved (not yet realised) pipeline are replayed into the switch on COMMIT and RECONCILE_AND_COMMIT.</summary>
public sealed class ActionProfileReplayTests
{
    [Fact]
    public void SavedProfiles_AreRealisedOnCommit_AndKeptByReconcile()
    {
        var p = ActionProfileTests.Pipeline;
        P4Bpf.Runtime.Switch.P4Switch? sw = null;
        using var device = new DeviceState(1, SwitchDevice.Factory(new P4Bpf.Runtime.Switch.SwitchOptions(), s => sw = s));
        var config = new ForwardingPipelineConfig { P4Info = p.P4Info, P4DeviceConfig = ByteString.CopyFrom(p.DeviceConfig) };
        device.SetPipeline(SetForwardingPipelineConfigRequest.Types.Action.VerifyAndSave, config);
        uint Id(string name) => p.P4Info.Actions.Single(a => a.Preamble.Name == name).Preamble.Id;
        var route = p.P4Info.Tables.Single(t => t.Preamble.Name == "MyIngress.route");
        var tag = p.P4Info.Tables.Single(t => t.Preamble.Name == "MyIngress.tag");
        var tagger = p.P4Info.ActionProfiles.Single(a => a.Preamble.Name == "MyIngress.tagger");
        P4.V1.Action Hop(int port) => new() { ActionId = Id("MyIngress.set_nexthop"), Params = { new P4.V1.Action.Types.Param { ParamId = 1, Value = ByteStrings.Canonical(port) }, new P4.V1.Action.Types.Param { ParamId = 2, Value = ByteStrings.Canonical(port) } } };
        var oneShot = new TableEntry
        {
            TableId = route.Preamble.Id,
            Match = { new FieldMatch { FieldId = 1, Lpm = new FieldMatch.Types.LPM { Value = ByteStrings.Canonical(Packets.Ip(10, 0, 0, 0)), PrefixLen = 8 } } },
            Action = new TableAction { ActionProfileActionSet = new ActionProfileActionSet { ActionProfileActions = { new ActionProfileAction { Action = Hop(2), Weight = 1 }, new ActionProfileAction { Action = Hop(3), Weight = 1 } } } },
        };
        var member = new ActionProfileMember { ActionProfileId = tagger.Preamble.Id, MemberId = 4, Action = new P4.V1.Action { ActionId = Id("MyIngress.set_dscp"), Params = { new P4.V1.Action.Types.Param { ParamId = 1, Value = ByteStrings.Canonical(0x2e) } } } };
        var tagEntry = new TableEntry { TableId = tag.Preamble.Id, Match = { new FieldMatch { FieldId = 1, Exact = new FieldMatch.Types.Exact { Value = ByteStrings.Canonical(17) } } }, Action = new TableAction { ActionProfileMemberId = 4 } };
        Update U(Entity e) => new() { Type = UpdateType.Insert, Entity = e };
        device.Write(new WriteRequest { Updates = { U(new Entity { ActionProfileMember = member }), U(new Entity { TableEntry = oneShot }) } }).AllOk.Should().BeTrue();
        device.Write(new WriteRequest { Updates = { U(new Entity { TableEntry = tagEntry }) } }).AllOk.Should().BeTrue();
        sw.Should().BeNull("nothing is realised before COMMIT");

        void Check()
        {
            var ports = new HashSet<int>();
            for (var s = 1; s <= 16; s++)
            {
                var o = sw!.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 1, 1), Packets.Ip(192, 168, 1, s))).Outputs.Should().ContainSingle().Subject;
                o.Data[15].Should().Be(0x2e);
                ports.Add(o.Port);
            }
            ports.Order().Should().Equal(2, 3);
        }
        device.SetPipeline(SetForwardingPipelineConfigRequest.Types.Action.Commit, null);
        Check();
        var first = sw;
        device.SetPipeline(SetForwardingPipelineConfigRequest.Types.Action.ReconcileAndCommit, config);
        sw.Should().NotBeSameAs(first);
        Check();
        device.Read([new Entity { TableEntry = new TableEntry { TableId = route.Preamble.Id } }]).Entities.Single().TableEntry.Action.Should().Be(oneShot.Action);
    }
}
