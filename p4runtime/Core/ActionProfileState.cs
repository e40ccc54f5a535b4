using System.Numerics;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

/// <summary>An action profile member as written (canonical), its P4 action, the groups holding it and the table entries referencing it.</summary>
internal sealed class StoredMember(ActionProfileMember proto, string action, BigInteger[] args, uint actionId)
{
    public ActionProfileMember Proto { get; set; } = proto;

    public string Action { get; set; } = action;

    public BigInteger[] Args { get; set; } = args;

    public uint ActionId { get; set; } = actionId;

    public HashSet<uint> Groups { get; } = [];

    /// <summary>Table id → number of entries of that table referencing the member directly.</summary>
    public Dictionary<uint, int> TableRefs { get; } = [];
}

/// <summary>A selector group as written (canonical), its data-plane slots and the table entries referencing it.</summary>
internal sealed class StoredGroup(ActionProfileGroup proto, IReadOnlyList<uint> slots)
{
    public ActionProfileGroup Proto { get; set; } = proto;

    public IReadOnlyList<uint> Slots { get; set; } = slots;

    public Dictionary<uint, int> TableRefs { get; } = [];
}

/// <summary>The hidden members and group a one-shot table entry (<c>action_profile_action_set</c>) is realised with.</summary>
internal sealed record OneShotGroup(uint GroupId, IReadOnlyList<(uint Id, string Action, BigInteger[] Args)> Members, IReadOnlyList<uint> Slots);

/// <summary>One action profile's control-plane state: members and groups written by the controller, and the ids one-shot entries use.</summary>
internal sealed class ActionProfileState(ActionProfileSchema schema)
{
    private uint nextMember = 1;
    private uint nextGroup = 1;

    public ActionProfileSchema Schema { get; } = schema;

    public SortedDictionary<uint, StoredMember> Members { get; } = [];

    public SortedDictionary<uint, StoredGroup> Groups { get; } = [];

    /// <summary>Data-plane member ids in use by one-shot entries.</summary>
    public HashSet<uint> OneShotMembers { get; } = [];

    /// <summary>Data-plane group ids in use by one-shot entries.</summary>
    public HashSet<uint> OneShotGroups { get; } = [];

    public int MemberCount => Members.Count + OneShotMembers.Count;

    public int GroupCount => Groups.Count + OneShotGroups.Count;

    /// <summary>An unused data-plane member id (the controller's members and one-shots never coexist in a profile).</summary>
    public uint NextMemberId() => Next(ref nextMember, id => OneShotMembers.Contains(id) || Members.ContainsKey(id));

    public uint NextGroupId() => Next(ref nextGroup, id => OneShotGroups.Contains(id) || Groups.ContainsKey(id));

    private static uint Next(ref uint cursor, Func<uint, bool> used)
    {
        while (cursor == 0 || used(cursor))
        {
            cursor++;
        }
        return cursor++;
    }
}
