using System.Numerics;
using Google.Protobuf;
using P4.V1;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Targets;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>The domain core over the maps-only target: writes land in the program's eBPF maps as the layout manifest says.</summary>
public sealed class MapDeviceTests
{
    private static (DeviceState Device, MapDevice Maps, TestPipeline Pipeline) Start()
    {
        var p = TestPipeline.Get();
        MapDevice? maps = null;
        var device = new DeviceState(1, (program, layout, _) => maps = MapDevice.Create(program, layout));
        device.SetPipeline(SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit,
            new ForwardingPipelineConfig { P4Info = p.P4Info, P4DeviceConfig = ByteString.CopyFrom(p.DeviceConfig) });
        return (device, maps!, p);
    }

    private static Update Acl(TestPipeline p, uint src, uint mask, int priority, string action, Update.Types.Type type = Update.Types.Type.Insert)
    {
        var table = p.P4Info.Tables.Single(t => t.Preamble.Name == "MyIngress.acl");
        return new Update
        {
            Type = type,
            Entity = new Entity
            {
                TableEntry = new TableEntry
                {
                    TableId = table.Preamble.Id,
                    Priority = priority,
                    Match = { new FieldMatch { FieldId = 1, Ternary = new FieldMatch.Types.Ternary { Value = ByteStrings.Canonical(src), Mask = ByteStrings.Canonical(mask) } } },
                    Action = new TableAction { Action = new P4.V1.Action { ActionId = p.P4Info.Actions.Single(a => a.Preamble.Name == action).Preamble.Id } },
                },
            },
        };
    }

    [Fact]
    public void TernaryEntries_SharingAMaskedKey_KeepTheHighestPriorityInTheMap()
    {
        var (device, maps, p) = Start();
        using (device)
        {
            var layout = p.Result.Layout!.Table("MyIngress.acl");
            var request = new WriteRequest { Updates = { Acl(p, 0x0a000000, 0xff000000, 5, "MyIngress.drop"), Acl(p, 0x0a000000, 0xff000000, 9, "MyIngress.to_cpu") } };
            device.Write(request).AllOk.Should().BeTrue();
            var map = maps.Maps[layout.Map!];
            var key = map.Keys().Should().ContainSingle("both entries have the same mask and masked value").Subject;
            ReadAction(layout, map.Lookup(key)!).Should().Be("MyIngress.to_cpu");
            device.Write(new WriteRequest { Updates = { Acl(p, 0x0a000000, 0xff000000, 9, "MyIngress.to_cpu", Update.Types.Type.Delete) } }).AllOk.Should().BeTrue();
            ReadAction(layout, map.Lookup(key)!).Should().Be("MyIngress.drop", "the remaining entry takes the key back");
            device.Write(new WriteRequest { Updates = { Acl(p, 0x0a000000, 0xff000000, 5, "MyIngress.drop", Update.Types.Type.Delete) } }).AllOk.Should().BeTrue();
            map.Keys().Should().BeEmpty();
        }
    }

    [Fact]
    public void RegistersAndDefaults_AreMapWrites()
    {
        var (device, maps, p) = Start();
        using (device)
        {
            var register = p.P4Info.Registers.Single();
            device.Write(new WriteRequest { Updates = { new Update { Type = Update.Types.Type.Modify, Entity = new Entity { RegisterEntry = new RegisterEntry { RegisterId = register.Preamble.Id, Index = new P4.V1.Index { Index_ = 4 }, Data = new P4Data { Bitstring = ByteStrings.Canonical(200) } } } } } }).AllOk.Should().BeTrue();
            var layout = p.Result.Layout!.Register("MyIngress.last_ttl");
            maps.Maps[layout.Map].Lookup(BitConverter.GetBytes(4u))![0].Should().Be(200);
            var read = device.Read([new Entity { RegisterEntry = new RegisterEntry { RegisterId = register.Preamble.Id, Index = new P4.V1.Index { Index_ = 4 } } }]);
            read.Entities.Single().RegisterEntry.Data.Bitstring.Should().Equal(ByteString.CopyFrom(200));

            var lpm = p.P4Info.Tables.Single(t => t.Preamble.Name == "MyIngress.ipv4_lpm");
            var forward = p.P4Info.Actions.Single(a => a.Preamble.Name == "MyIngress.ipv4_forward");
            var entry = new TableEntry { TableId = lpm.Preamble.Id, IsDefaultAction = true, Action = new TableAction { Action = new P4.V1.Action { ActionId = forward.Preamble.Id, Params = { new P4.V1.Action.Types.Param { ParamId = 1, Value = ByteStrings.Canonical(1) }, new P4.V1.Action.Types.Param { ParamId = 2, Value = ByteStrings.Canonical(7) } } } } };
            device.Write(new WriteRequest { Updates = { new Update { Type = Update.Types.Type.Modify, Entity = new Entity { TableEntry = entry } } } }).AllOk.Should().BeTrue();
            var tl = p.Result.Layout!.Table("MyIngress.ipv4_lpm");
            var value = maps.Maps[tl.DefaultMap!].Lookup(new byte[4])!;
            ReadAction(tl, value).Should().Be("MyIngress.ipv4_forward");
            var port = tl.Action("MyIngress.ipv4_forward").Params[1];
            TableEntryEncoder.ReadField(value, port.Offset, port.Size, port.Width, port.Encoding).Should().Be(new BigInteger(7));
        }
    }

    [Fact]
    public void Pre_IsUnsupportedWithoutASwitch()
    {
        var (device, _, _) = Start();
        using (device)
        {
            var result = device.Write(new WriteRequest { Updates = { new Update { Type = Update.Types.Type.Insert, Entity = new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { MulticastGroupEntry = new MulticastGroupEntry { MulticastGroupId = 1 } } } } } });
            result.Errors.Single()!.Code.Should().Be(Google.Rpc.Code.Unimplemented);
        }
    }

    private static string ReadAction(TableLayout layout, byte[] value)
    {
        var id = (int)TableEntryEncoder.ReadField(value, layout.ActionIdOffset, 4, 32, FieldEncoding.LittleEndian);
        return layout.Actions.Single(a => a.Id == id).Name;
    }
}
