using System.Numerics;
using Google.Rpc;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

/// <summary>The action of a table entry (§9.1.2): a plain action in direct tables; a member, a group or a one-shot action set in tables with an action profile (§9.2).</summary>
public sealed partial class DeviceState
{
    /// <summary>A validated table action: the canonical form stored for reads, and what the device runs.</summary>
    /// <param name="OneShot">For one-shot action sets: each action (name, arguments) and its data-plane slot count.</param>
    private sealed record EntryAction(TableAction Canonical, string Action, BigInteger[] Args, ProfileRef? Reference, IReadOnlyList<(string Action, BigInteger[] Args, int Slots)>? OneShot);

    /// <summary>What an entry holds in its profile once written: a member or group reference, or its own one-shot group.</summary>
    private readonly record struct Held(ProfileRef? Reference, OneShotGroup? OneShot);

    /// <summary>Validates a table action without changing anything.</summary>
    private static EntryAction DecodeTableAction(PipelineState state, TableSchema schema, TableAction action)
    {
        if (schema.Info.ImplementationId == 0)
        {
            if (action.TypeCase != TableAction.TypeOneofCase.Action)
            {
                throw P4RuntimeException.Invalid($"table {schema.Name} is a direct table: the action must be a plain action, not {action.TypeCase}");
            }
            var (a, args, canonical) = EntryCodec.DecodeAction(schema, action.Action, forDefault: false);
            return new EntryAction(new TableAction { Action = canonical }, a.Name, args, null, null);
        }
        var profile = state.Profiles[schema.Info.ImplementationId];
        var name = profile.Schema.Name;
        switch (action.TypeCase)
        {
            case TableAction.TypeOneofCase.ActionProfileMemberId:
            {
                var id = action.ActionProfileMemberId;
                if (!profile.Members.TryGetValue(id, out var member))
                {
                    throw P4RuntimeException.NotFound($"{name} has no member {id}");
                }
                if (!schema.ActionRefs.ContainsKey(member.ActionId))
                {
                    throw P4RuntimeException.Invalid($"member {id} of {name} runs {member.Action}, which is not an action of {schema.Name}");
                }
                return new EntryAction(new TableAction { ActionProfileMemberId = id }, "", [], new ProfileRef(false, id), null);
            }
            case TableAction.TypeOneofCase.ActionProfileGroupId:
            {
                var id = action.ActionProfileGroupId;
                if (!profile.Schema.IsSelector)
                {
                    throw P4RuntimeException.Invalid($"{name} has no selector: entries of {schema.Name} reference members, not groups");
                }
                if (!profile.Groups.TryGetValue(id, out var group))
                {
                    throw P4RuntimeException.NotFound($"{name} has no group {id}");
                }
                foreach (var m in group.Proto.Members)
                {
                    var member = profile.Members[m.MemberId];
                    if (!schema.ActionRefs.ContainsKey(member.ActionId))
                    {
                        throw P4RuntimeException.Invalid($"group {id} of {name} holds member {m.MemberId} running {member.Action}, which is not an action of {schema.Name}");
                    }
                }
                return new EntryAction(new TableAction { ActionProfileGroupId = id }, "", [], new ProfileRef(true, id), null);
            }
            case TableAction.TypeOneofCase.ActionProfileActionSet:
                return DecodeOneShot(profile, schema, action.ActionProfileActionSet);
            case TableAction.TypeOneofCase.Action:
                throw P4RuntimeException.Invalid($"table {schema.Name} is implemented by {name}: an entry names a member, a group or a one-shot action set, not an action");
            default:
                throw P4RuntimeException.Invalid($"table {schema.Name}: the entry's action is empty");
        }
    }

    /// <summary>§9.2.4 One shot action selector programming: validated here, realised as hidden members and a group by <see cref="Acquire"/>.</summary>
    private static EntryAction DecodeOneShot(ActionProfileState profile, TableSchema schema, ActionProfileActionSet set)
    {
        var p = profile.Schema;
        if (!p.IsSelector)
        {
            throw P4RuntimeException.Invalid($"{p.Name} has no selector: one-shot action sets need an action selector (reference a member instead)");
        }
        if (profile.Members.Count + profile.Groups.Count > 0)
        {
            throw P4RuntimeException.Invalid($"{p.Name} is programmed with members and groups: one-shot action sets cannot be mixed with them");
        }
        if (set.GroupAction is not null)
        {
            throw P4RuntimeException.Unimplemented("one-shot group_action");
        }
        if (set.ActionSelectionMode == ActionProfileActionSet.Types.ActionSelectionMode.Random)
        {
            throw P4RuntimeException.Unimplemented($"per-group RANDOM selection: {p.Name} selects by hashing its selector keys");
        }
        if (set.SizeSemantics != ActionProfileActionSet.Types.SizeSemantics.DefaultSizeDeterminedByActionSelector
            && (set.SizeSemantics == ActionProfileActionSet.Types.SizeSemantics.SumOfMembers) != p.SumOfMembers)
        {
            throw P4RuntimeException.Unimplemented($"per-group size semantics other than {p.Name}'s own");
        }
        var canonical = new ActionProfileActionSet { ActionSelectionMode = set.ActionSelectionMode, SizeSemantics = set.SizeSemantics };
        var actions = new List<(string, BigInteger[])>();
        foreach (var apa in set.ActionProfileActions)
        {
            var (a, args, ca) = EntryCodec.DecodeAction(schema, apa.Action ?? throw P4RuntimeException.Invalid("a one-shot action has no action"), forDefault: false);
            CheckWatch(apa.WatchKindCase == ActionProfileAction.WatchKindOneofCase.WatchPort ? !apa.WatchPort.IsEmpty : apa.Watch != 0);
            canonical.ActionProfileActions.Add(new ActionProfileAction { Action = ca, Weight = apa.Weight });
            actions.Add((a.Name, args));
        }
        var (slots, size) = Weigh(p, set.ActionProfileActions.Select(a => a.Weight).ToList(), $"one-shot entry of {schema.Name}");
        if (p.Info.MaxGroupSize > 0 && size > p.Info.MaxGroupSize)
        {
            throw P4RuntimeException.Invalid($"one-shot entry of {schema.Name}: size {size} exceeds max_group_size {p.Info.MaxGroupSize} of {p.Name}");
        }
        var oneShot = actions.Zip(slots, (a, s) => (a.Item1, a.Item2, s)).ToList();
        return new EntryAction(new TableAction { ActionProfileActionSet = canonical }, "", [], null, oneShot);
    }

    /// <summary>Takes what the entry references: counts member/group references; a one-shot gets fresh ids and is programmed into the device.</summary>
    private static Held Acquire(PipelineState state, TableSchema schema, EntryAction action)
    {
        if (action.Reference is { } r)
        {
            CountReference(state, schema, r, +1);
            return new Held(r, null);
        }
        if (action.OneShot is not { } request)
        {
            return default;
        }
        var profile = state.Profiles[schema.Info.ImplementationId];
        var size = profile.Schema.Layout.Size;
        if (profile.MemberCount + request.Count > size || profile.GroupCount + 1 > size)
        {
            throw new P4RuntimeException(Code.ResourceExhausted, $"{profile.Schema.Name} is full ({size} members and {size} groups; one-shot entries use one member per action and one group)");
        }
        var members = new List<(uint, string, BigInteger[])>();
        foreach (var (a, args, _) in request)
        {
            var id = profile.NextMemberId();
            profile.OneShotMembers.Add(id);
            members.Add((id, a, args));
        }
        var groupId = profile.NextGroupId();
        profile.OneShotGroups.Add(groupId);
        var slots = members.Zip(request, (m, q) => Enumerable.Repeat(m.Item1, q.Slots)).SelectMany(x => x).ToList();
        var group = new OneShotGroup(groupId, members, slots);
        try
        {
            if (state.Device is { } device)
            {
                ProgramOneShot(device, profile.Schema, group);
            }
        }
        catch (DeviceException)
        {
            FreeOneShot(profile, group);
            throw;
        }
        return new Held(new ProfileRef(true, groupId), group);
    }

    /// <summary>Gives back what <see cref="Acquire"/> took (or what an existing entry holds).</summary>
    private static void Release(PipelineState state, TableSchema schema, Held held)
    {
        if (held.OneShot is { } group)
        {
            var profile = state.Profiles[schema.Info.ImplementationId];
            if (state.Device is { } device)
            {
                UnprogramOneShot(device, profile.Schema, group);
            }
            FreeOneShot(profile, group);
        }
        else if (held.Reference is { } r)
        {
            CountReference(state, schema, r, -1);
        }
    }

    /// <summary>Takes back exactly what <see cref="Release"/> gave up (rollback of a delete or modify).</summary>
    private static void Reacquire(PipelineState state, TableSchema schema, Held held)
    {
        if (held.OneShot is { } group)
        {
            var profile = state.Profiles[schema.Info.ImplementationId];
            profile.OneShotGroups.Add(group.GroupId);
            foreach (var m in group.Members)
            {
                profile.OneShotMembers.Add(m.Id);
            }
            if (state.Device is { } device)
            {
                ProgramOneShot(device, profile.Schema, group);
            }
        }
        else if (held.Reference is { } r)
        {
            CountReference(state, schema, r, +1);
        }
    }

    private static Held HeldBy(StoredEntry e) => new(e.Device.Reference, e.OneShot);

    private static void CountReference(PipelineState state, TableSchema schema, ProfileRef r, int delta)
    {
        var profile = state.Profiles[schema.Info.ImplementationId];
        var refs = r.IsGroup ? profile.Groups[r.Id].TableRefs : profile.Members[r.Id].TableRefs;
        var n = refs.GetValueOrDefault(schema.Id) + delta;
        if (n <= 0)
        {
            refs.Remove(schema.Id);
        }
        else
        {
            refs[schema.Id] = n;
        }
    }

    private static void FreeOneShot(ActionProfileState profile, OneShotGroup group)
    {
        profile.OneShotGroups.Remove(group.GroupId);
        foreach (var m in group.Members)
        {
            profile.OneShotMembers.Remove(m.Id);
        }
    }

    /// <summary>Writes a one-shot entry's members, then its group; on failure removes what it wrote.</summary>
    internal static void ProgramOneShot(IP4Device device, ActionProfileSchema profile, OneShotGroup group)
    {
        var written = new List<uint>();
        try
        {
            foreach (var (id, action, args) in group.Members)
            {
                device.SetProfileMember(profile.Name, id, action, args);
                written.Add(id);
            }
            device.SetProfileGroup(profile.Name, group.GroupId, group.Slots);
        }
        catch (DeviceException)
        {
            foreach (var id in written)
            {
                device.SetProfileMember(profile.Name, id, null, []);
            }
            throw;
        }
    }

    private static void UnprogramOneShot(IP4Device device, ActionProfileSchema profile, OneShotGroup group)
    {
        device.SetProfileGroup(profile.Name, group.GroupId, null);
        foreach (var m in group.Members)
        {
            device.SetProfileMember(profile.Name, m.Id, null, []);
        }
    }
}
