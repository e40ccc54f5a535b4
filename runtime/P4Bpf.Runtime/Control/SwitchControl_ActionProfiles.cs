using System.Numerics;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Control;

public sealed partial class SwitchControl
{
    private Dictionary<string, ProfileState>? _profiles;

    /// <summary>The members and groups of one action profile or selector, and how many table entries reference each.</summary>
    private sealed class ProfileState(ActionProfileLayout layout)
    {
        public ActionProfileLayout Layout { get; } = layout;

        public Dictionary<uint, ProfileMember> Members { get; } = [];

        /// <summary>Group id → member ids in data-plane slot order (a member repeated by its weight).</summary>
        public Dictionary<uint, IReadOnlyList<uint>> Groups { get; } = [];

        public Dictionary<uint, int> MemberRefs { get; } = [];

        public Dictionary<uint, int> GroupRefs { get; } = [];
    }

    /// <summary>An action profile member: its action (full name) and arguments.</summary>
    public sealed record ProfileMember(string Action, IReadOnlyList<BigInteger> Args);

    private Dictionary<string, ProfileState> Profiles => _profiles ??= Layout.ActionProfiles.ToDictionary(p => p.Name, p => new ProfileState(p), StringComparer.Ordinal);

    /// <summary>The action profiles and selectors of the program.</summary>
    public IReadOnlyList<string> ActionProfileNames => Layout.ActionProfiles.Select(p => p.Name).ToList();

    private ProfileState Profile(string name) => Profiles[NameResolver.Resolve(name, Profiles.Keys, "action profile")];

    /// <summary>Creates or replaces member <paramref name="member"/> of <paramref name="profile"/>; groups holding it run the new action at once.</summary>
    public void SetMember(string profile, uint member, string action, IReadOnlyList<BigInteger> args)
    {
        lock (_lock)
        {
            var p = Profile(profile);
            // The member value uses profile-wide action ids, so any table of the profile that has the action can encode it.
            var table = p.Layout.Tables.Select(n => _tables[n]).FirstOrDefault(t => NameResolver.TryResolve(action, t.Layout.Actions.Select(a => a.Name), out _) is not null)
                ?? throw new ControlException(ControlErrorCode.InvalidArgument, $"action {action} is not an action of the tables using {p.Layout.Name}");
            var name = ResolveAction(table.Layout.Name, action);
            var a = table.Layout.Action(name);
            if (a.Scope == "defaultonly")
            {
                throw new ControlException(ControlErrorCode.InvalidArgument, $"action {name} is @defaultonly: it cannot be a member's action");
            }
            CheckArgs(table, a, args);
            if (!p.Members.ContainsKey(member) && p.Members.Count >= p.Layout.Size)
            {
                throw new ControlException(ControlErrorCode.ResourceExhausted, $"{p.Layout.Name} is full ({p.Layout.Size} members)");
            }
            var w = TableEntryEncoder.EncodeMember(p.Layout, table.Layout, member, name, args);
            Check(Map(w.Map).Update(w.Key, w.Value), $"member {member} of {p.Layout.Name}");
            p.Members[member] = new ProfileMember(name, args.ToList());
        }
    }

    /// <summary>Deletes a member; it must be in no group and referenced by no entry.</summary>
    public void DeleteMember(string profile, uint member)
    {
        lock (_lock)
        {
            var p = Profile(profile);
            if (!p.Members.ContainsKey(member))
            {
                throw new ControlException(ControlErrorCode.NotFound, $"{p.Layout.Name} has no member {member}");
            }
            if (p.Groups.FirstOrDefault(g => g.Value.Contains(member)) is { Value: not null } g)
            {
                throw new ControlException(ControlErrorCode.FailedPrecondition, $"member {member} of {p.Layout.Name} is in group {g.Key}");
            }
            if (p.MemberRefs.GetValueOrDefault(member) > 0)
            {
                throw new ControlException(ControlErrorCode.FailedPrecondition, $"member {member} of {p.Layout.Name} is referenced by table entries");
            }
            Map(p.Layout.MembersMap).Delete(U32(member));
            p.Members.Remove(member);
        }
    }

    /// <summary>Creates or replaces a selector group; <paramref name="slots"/> are member ids in slot order (repeat a member to weight it).</summary>
    public void SetGroup(string profile, uint group, IReadOnlyList<uint> slots)
    {
        lock (_lock)
        {
            var p = Profile(profile);
            if (p.Layout.GroupsMap is null)
            {
                throw new ControlException(ControlErrorCode.InvalidArgument, $"{p.Layout.Name} is an action profile without a selector: it has no groups");
            }
            if (slots.Count > p.Layout.MaxGroupSize)
            {
                throw new ControlException(ControlErrorCode.ResourceExhausted, $"group {group} of {p.Layout.Name} needs {slots.Count} slots, the data plane has {p.Layout.MaxGroupSize} per group");
            }
            foreach (var m in slots)
            {
                if (!p.Members.ContainsKey(m))
                {
                    throw new ControlException(ControlErrorCode.NotFound, $"{p.Layout.Name} has no member {m}");
                }
            }
            if (!p.Groups.ContainsKey(group) && p.Groups.Count >= p.Layout.Size)
            {
                throw new ControlException(ControlErrorCode.ResourceExhausted, $"{p.Layout.Name} is full ({p.Layout.Size} groups)");
            }
            var w = TableEntryEncoder.EncodeGroup(p.Layout, group, slots);
            Check(Map(w.Map).Update(w.Key, w.Value), $"group {group} of {p.Layout.Name}");
            p.Groups[group] = slots.ToList();
        }
    }

    /// <summary>Deletes a group that no entry references.</summary>
    public void DeleteGroup(string profile, uint group)
    {
        lock (_lock)
        {
            var p = Profile(profile);
            if (!p.Groups.ContainsKey(group))
            {
                throw new ControlException(ControlErrorCode.NotFound, $"{p.Layout.Name} has no group {group}");
            }
            if (p.GroupRefs.GetValueOrDefault(group) > 0)
            {
                throw new ControlException(ControlErrorCode.FailedPrecondition, $"group {group} of {p.Layout.Name} is referenced by table entries");
            }
            Map(p.Layout.GroupsMap!).Delete(U32(group));
            p.Groups.Remove(group);
        }
    }

    /// <summary>The members of a profile by id.</summary>
    public IReadOnlyDictionary<uint, ProfileMember> ReadMembers(string profile)
    {
        lock (_lock)
        {
            return new Dictionary<uint, ProfileMember>(Profile(profile).Members);
        }
    }

    /// <summary>The groups of a selector by id, each as member ids in slot order.</summary>
    public IReadOnlyDictionary<uint, IReadOnlyList<uint>> ReadGroups(string profile)
    {
        lock (_lock)
        {
            return new Dictionary<uint, IReadOnlyList<uint>>(Profile(profile).Groups);
        }
    }

    /// <summary>Checks that an entry of <paramref name="t"/> may reference <paramref name="r"/> (the member or group exists, groups only in selectors).</summary>
    private void CheckReference(TableState t, ActionProfileRef r)
    {
        var name = t.Layout.ActionProfile ?? throw new ControlException(ControlErrorCode.InvalidArgument, $"table {t.Layout.Name} has no action profile: its entries name an action");
        var p = Profiles[name];
        if (r.IsGroup && p.Layout.GroupsMap is null)
        {
            throw new ControlException(ControlErrorCode.InvalidArgument, $"{p.Layout.Name} has no selector: entries of {t.Layout.Name} reference members only");
        }
        if (r.IsGroup ? !p.Groups.ContainsKey(r.Id) : !p.Members.ContainsKey(r.Id))
        {
            throw new ControlException(ControlErrorCode.NotFound, $"{p.Layout.Name} has no {r}");
        }
    }

    private void CountReference(TableState t, ActionProfileRef? r, int delta)
    {
        if (r is null || t.Layout.ActionProfile is not { } name)
        {
            return;
        }
        var refs = r.IsGroup ? Profiles[name].GroupRefs : Profiles[name].MemberRefs;
        var n = refs.GetValueOrDefault(r.Id) + delta;
        if (n <= 0)
        {
            refs.Remove(r.Id);
        }
        else
        {
            refs[r.Id] = n;
        }
    }

    private static byte[] U32(uint v)
    {
        var key = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(key, v);
        return key;
    }

    private void ClearActionProfiles()
    {
        foreach (var p in Profiles.Values)
        {
            foreach (var g in p.Groups.Keys)
            {
                Map(p.Layout.GroupsMap!).Delete(U32(g));
            }
            foreach (var m in p.Members.Keys)
            {
                Map(p.Layout.MembersMap).Delete(U32(m));
            }
            p.Groups.Clear();
            p.Members.Clear();
            p.GroupRefs.Clear();
            p.MemberRefs.Clear();
        }
    }
}
