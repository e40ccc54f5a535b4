using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Action profiles/selectors: entries reference members or groups through the layout's member and group maps.</summary>
public sealed class ActionSelectorTests
{
    private static ushort Crc16(byte[] data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }
        return (ushort)crc;
    }

    [Fact]
    public void EntriesResolveMembersAndGroups()
    {
        using var run = TestCompiler.Runner("v1_action_selector");
        var table = run.Layout.Table("MyIngress.route");
        var profile = run.Layout.ActionProfiles.Should().ContainSingle().Subject;
        profile.Kind.Should().Be("selector");
        profile.Tables.Should().Equal("MyIngress.route");
        table.ActionProfile.Should().Be(profile.Name);
        table.Key.Should().ContainSingle("selector keys are not part of the lookup key");

        void Write(MapWrite w) => run.Map(w.Map).Update(w.Key, w.Value);
        Write(TableEntryEncoder.EncodeMember(profile, table, 1, "MyIngress.set_port", [3]));
        Write(TableEntryEncoder.EncodeMember(profile, table, 2, "MyIngress.set_port", [4]));
        Write(TableEntryEncoder.EncodeMember(profile, table, 5, "MyIngress.set_port", [9]));
        Write(TableEntryEncoder.EncodeGroup(profile, 10, [1, 2]));
        foreach (var w in TableEntryEncoder.EncodeEntryRef(table, [new ExactMatch(Ip(10, 0, 0, 1))], group: true, 10))
        {
            Write(w);
        }
        foreach (var w in TableEntryEncoder.EncodeEntryRef(table, [new ExactMatch(Ip(10, 0, 0, 2))], group: false, 5))
        {
            Write(w);
        }
        foreach (var w in TableEntryEncoder.EncodeEntryRef(table, [new ExactMatch(Ip(10, 0, 0, 3))], group: false, 77))
        {
            Write(w);
        }

        ulong Port(uint dst, uint src)
        {
            run.Run("ingress", Ipv4(dst, src));
            return (ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec");
        }

        var seen = new HashSet<ulong>();
        for (uint s = 1; s <= 16; s++)
        {
            var src = Ip(192, 168, 0, (byte)s);
            var expected = Crc16([192, 168, 0, (byte)s]) % 2 == 0 ? 3UL : 4UL;
            Port(Ip(10, 0, 0, 1), src).Should().Be(expected, $"source {s} hashes to member {(expected == 3 ? 1 : 2)}");
            seen.Add(expected);
        }
        seen.Should().HaveCount(2, "both members are used");
        Port(Ip(10, 0, 0, 2), 1).Should().Be(9, "a member reference");
        Port(Ip(10, 0, 0, 3), 1).Should().Be(V1Model.DropPort, "an unknown member is a miss: the default drops");
        Port(Ip(10, 0, 0, 4), 1).Should().Be(V1Model.DropPort);
    }

    [Fact]
    public void SharedProfile_NumbersActionsProfileWide()
    {
        using var run = TestCompiler.Runner("v1_action_profile_shared");
        var first = run.Layout.Table("MyIngress.first");
        var second = run.Layout.Table("MyIngress.second");
        var profile = run.Layout.ActionProfiles.Should().ContainSingle().Subject;
        profile.Kind.Should().Be("profile");
        profile.Tables.Should().Equal("MyIngress.first", "MyIngress.second");
        first.Action("MyIngress.set_port").Id.Should().Be(second.Action("MyIngress.set_port").Id);

        void Write(MapWrite w) => run.Map(w.Map).Update(w.Key, w.Value);
        Write(TableEntryEncoder.EncodeMember(profile, first, 1, "MyIngress.set_port", [6]));
        Write(TableEntryEncoder.EncodeMember(profile, second, 2, "MyIngress.set_ttl", [33, 0x2e]));
        foreach (var w in TableEntryEncoder.EncodeEntryRef(first, [new ExactMatch(Ip(10, 0, 0, 1))], group: false, 1))
        {
            Write(w);
        }
        foreach (var w in TableEntryEncoder.EncodeEntryRef(second, [new ExactMatch(Ip(10, 9, 9, 9))], group: false, 2))
        {
            Write(w);
        }
        foreach (var w in TableEntryEncoder.EncodeEntryRef(second, [new ExactMatch(Ip(10, 8, 8, 8))], group: false, 1))
        {
            Write(w);
        }
        var packet = Ipv4(Ip(10, 0, 0, 1), src: Ip(10, 9, 9, 9));
        run.Run("ingress", packet);
        ((ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec")).Should().Be(6);
        var output = run.Run("egress", packet).Packet;
        output[22].Should().Be(33);
        output[15].Should().Be(0x2e);

        run.Run("ingress", Ipv4(Ip(10, 0, 0, 7), src: Ip(10, 8, 8, 8)));
        ((ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec")).Should().Be(6, "the second table runs member 1 (set_port) too");
    }
}
