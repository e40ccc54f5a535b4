using System.Buffers.Binary;
using System.Numerics;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Targets;

public sealed partial class MapDevice
{
    private ActionProfileLayout Profile(string name) =>
        layout.ActionProfiles.FirstOrDefault(p => p.Name == name) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"no action profile {name} in the layout");

    private static byte[] U32(uint v)
    {
        var key = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(key, v);
        return key;
    }

    /// <summary>Maps alone have no data path to watch: the program runs elsewhere (an engine, the kernel), so hits cannot be observed.</summary>
    public bool ObserveHits(string table) => false;

    public long? LastHit(DeviceEntry entry) => null;

    public void SetProfileMember(string profile, uint memberId, string? action, IReadOnlyList<BigInteger> arguments)
    {
        var p = Profile(profile);
        var map = Map(p.MembersMap, p.Name);
        if (action is null)
        {
            map.Delete(U32(memberId));
            return;
        }
        // Member values use profile-wide action ids: any table of the profile with this action encodes it.
        var table = p.Tables.Select(Table).FirstOrDefault(t => t.Actions.Any(a => a.Name == action))
            ?? throw new DeviceException(DeviceErrorKind.Invalid, $"action {action} is not an action of the tables using {p.Name}");
        MapWrite w;
        try
        {
            w = TableEntryEncoder.EncodeMember(p, table, memberId, action, arguments);
        }
        catch (ArgumentException ex)
        {
            throw new DeviceException(DeviceErrorKind.Invalid, ex.Message);
        }
        Check(map.Update(w.Key, w.Value), $"member {memberId} of {p.Name}");
    }

    public void SetProfileGroup(string profile, uint groupId, IReadOnlyList<uint>? slots)
    {
        var p = Profile(profile);
        var map = Map(p.GroupsMap ?? throw new DeviceException(DeviceErrorKind.Invalid, $"{p.Name} has no selector: it has no groups"), p.Name);
        if (slots is null)
        {
            map.Delete(U32(groupId));
            return;
        }
        if (slots.Count > p.MaxGroupSize)
        {
            throw new DeviceException(DeviceErrorKind.Full, $"group {groupId} of {p.Name} needs {slots.Count} slots, the data plane has {p.MaxGroupSize} per group");
        }
        var w = TableEntryEncoder.EncodeGroup(p, groupId, slots);
        Check(map.Update(w.Key, w.Value), $"group {groupId} of {p.Name}");
    }
}
