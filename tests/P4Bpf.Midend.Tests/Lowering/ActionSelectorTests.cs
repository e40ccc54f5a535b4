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
}
