using P4.V1;

namespace P4Bpf.P4Runtime.Client;

public sealed partial class P4RuntimeClient
{
    /// <summary>An action profile member by names.</summary>
    public ActionProfileMember Member(string profile, uint memberId, string action, IReadOnlyDictionary<string, string>? args = null) =>
        new() { ActionProfileId = Info.ActionProfile(profile).Preamble.Id, MemberId = memberId, Action = Action(action, args) };

    /// <summary>A selector group of (member id, weight) pairs.</summary>
    public ActionProfileGroup Group(string profile, uint groupId, IEnumerable<(uint Member, int Weight)> members, int maxSize = 0)
    {
        var group = new ActionProfileGroup { ActionProfileId = Info.ActionProfile(profile).Preamble.Id, GroupId = groupId, MaxSize = maxSize };
        group.Members.AddRange(members.Select(m => new ActionProfileGroup.Types.Member { MemberId = m.Member, Weight = m.Weight }));
        return group;
    }

    /// <summary>An entry of a table with an action profile that runs member <paramref name="memberId"/>.</summary>
    public TableEntry MemberEntry(string table, IReadOnlyDictionary<string, string> match, uint memberId, int priority = 0)
    {
        var entry = Entry(table, match, priority: priority);
        entry.Action = new TableAction { ActionProfileMemberId = memberId };
        return entry;
    }

    /// <summary>An entry of a table with an action selector that runs group <paramref name="groupId"/>.</summary>
    public TableEntry GroupEntry(string table, IReadOnlyDictionary<string, string> match, uint groupId, int priority = 0)
    {
        var entry = Entry(table, match, priority: priority);
        entry.Action = new TableAction { ActionProfileGroupId = groupId };
        return entry;
    }

    /// <summary>A one-shot entry: the selector picks one of <paramref name="actions"/> (by weight) per flow.</summary>
    public TableEntry OneShotEntry(string table, IReadOnlyDictionary<string, string> match, IEnumerable<(string Action, IReadOnlyDictionary<string, string>? Args, int Weight)> actions, int priority = 0)
    {
        var entry = Entry(table, match, priority: priority);
        var set = new ActionProfileActionSet();
        set.ActionProfileActions.AddRange(actions.Select(a => new ActionProfileAction { Action = Action(a.Action, a.Args), Weight = a.Weight }));
        entry.Action = new TableAction { ActionProfileActionSet = set };
        return entry;
    }

    public Task WriteAsync(Update.Types.Type type, ActionProfileMember member) => WriteAsync(type, new Entity { ActionProfileMember = member });

    public Task WriteAsync(Update.Types.Type type, ActionProfileGroup group) => WriteAsync(type, new Entity { ActionProfileGroup = group });

    /// <summary>The members of a profile (of every profile when null).</summary>
    public async Task<List<ActionProfileMember>> ReadMembersAsync(string? profile = null) =>
        (await ReadAsync(new Entity { ActionProfileMember = new ActionProfileMember { ActionProfileId = profile is null ? 0 : Info.ActionProfile(profile).Preamble.Id } }).ConfigureAwait(false))
            .Select(e => e.ActionProfileMember).ToList();

    /// <summary>The groups of a selector (of every selector when null).</summary>
    public async Task<List<ActionProfileGroup>> ReadGroupsAsync(string? profile = null) =>
        (await ReadAsync(new Entity { ActionProfileGroup = new ActionProfileGroup { ActionProfileId = profile is null ? 0 : Info.ActionProfile(profile).Preamble.Id } }).ConfigureAwait(false))
            .Select(e => e.ActionProfileGroup).ToList();
}
