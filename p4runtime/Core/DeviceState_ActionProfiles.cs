using System.Numerics;
using Google.Rpc;
using P4.V1;
using UpdateType = P4.V1.Update.Types.Type;

using Undo = System.Action;

namespace P4Bpf.P4Runtime.Core;

/// <summary>ActionProfileMember and ActionProfileGroup writes and reads (§9.2), with the spec's checks and status codes.</summary>
public sealed partial class DeviceState
{
    private static ActionProfileState Profile(PipelineState state, uint id) =>
        state.Profiles.TryGetValue(id, out var p) ? p : throw P4RuntimeException.NotFound($"no action profile with id {id}");

    private static void WriteActionProfileMember(PipelineState state, UpdateType type, ActionProfileMember m, Action<Undo>? undo)
    {
        var profile = Profile(state, m.ActionProfileId);
        var name = profile.Schema.Name;
        var id = m.MemberId;
        if (id == 0)
        {
            throw P4RuntimeException.Invalid("member_id 0 is not a valid member id");
        }
        var device = state.Device;
        profile.Members.TryGetValue(id, out var existing);
        switch (type)
        {
            case UpdateType.Delete:
            {
                if (existing is null)
                {
                    throw P4RuntimeException.NotFound($"{name} has no member {id}");
                }
                if (existing.Groups.Count > 0)
                {
                    throw new P4RuntimeException(Code.FailedPrecondition, $"member {id} of {name} is in group {string.Join(", ", existing.Groups.Order())}: remove it from the group first");
                }
                if (existing.TableRefs.Count > 0)
                {
                    throw new P4RuntimeException(Code.FailedPrecondition, $"member {id} of {name} is referenced by {existing.TableRefs.Values.Sum()} table entries");
                }
                device?.SetProfileMember(name, id, null, []);
                profile.Members.Remove(id);
                undo?.Invoke(() =>
                {
                    device?.SetProfileMember(name, id, existing.Action, existing.Args);
                    profile.Members[id] = existing;
                });
                return;
            }
            case UpdateType.Insert:
            {
                if (existing is not null)
                {
                    throw new P4RuntimeException(Code.AlreadyExists, $"{name} already has member {id}");
                }
                if (profile.OneShotGroups.Count > 0)
                {
                    throw P4RuntimeException.Invalid($"the tables of {name} are programmed with one-shot action sets: members and groups cannot be mixed with them");
                }
                var (action, args, canonical, actionId) = DecodeMemberAction(profile.Schema, m.Action ?? throw P4RuntimeException.Invalid("INSERT of a member needs an action"));
                if (profile.MemberCount >= profile.Schema.Layout.Size)
                {
                    throw new P4RuntimeException(Code.ResourceExhausted, $"{name} is full ({profile.Schema.Layout.Size} members)");
                }
                device?.SetProfileMember(name, id, action, args);
                profile.Members[id] = new StoredMember(new ActionProfileMember { ActionProfileId = profile.Schema.Id, MemberId = id, Action = canonical }, action, args, actionId);
                undo?.Invoke(() =>
                {
                    device?.SetProfileMember(name, id, null, []);
                    profile.Members.Remove(id);
                });
                return;
            }
            case UpdateType.Modify:
            {
                if (existing is null)
                {
                    throw P4RuntimeException.NotFound($"{name} has no member {id}");
                }
                var (action, args, canonical, actionId) = DecodeMemberAction(profile.Schema, m.Action ?? throw P4RuntimeException.Invalid("MODIFY of a member needs an action"));
                var users = existing.TableRefs.Keys.Concat(existing.Groups.SelectMany(g => profile.Groups[g].TableRefs.Keys)).Distinct();
                if (users.FirstOrDefault(t => !state.Schema.Tables[t].ActionRefs.ContainsKey(actionId)) is var bad && bad != 0)
                {
                    throw P4RuntimeException.Invalid($"member {id} of {name} is used by entries of {state.Schema.Tables[bad].Name}, which has no action {state.Schema.Actions[actionId].Name}");
                }
                var before = (existing.Proto, existing.Action, existing.Args, existing.ActionId);
                device?.SetProfileMember(name, id, action, args);
                existing.Proto = new ActionProfileMember { ActionProfileId = profile.Schema.Id, MemberId = id, Action = canonical };
                (existing.Action, existing.Args, existing.ActionId) = (action, args, actionId);
                undo?.Invoke(() =>
                {
                    device?.SetProfileMember(name, id, before.Action, before.Args);
                    (existing.Proto, existing.Action, existing.Args, existing.ActionId) = before;
                });
                return;
            }
            default:
                throw P4RuntimeException.Invalid($"unknown update type {type}");
        }
    }

    /// <summary>A member's action: one of the actions of the tables the profile implements (member values use profile-wide action ids).</summary>
    private static (string Action, BigInteger[] Args, P4.V1.Action Canonical, uint ActionId) DecodeMemberAction(ActionProfileSchema profile, P4.V1.Action action)
    {
        var table = profile.TableWithAction(action.ActionId)
            ?? throw P4RuntimeException.Invalid($"action id {action.ActionId} is not an action of the tables implemented by {profile.Name}");
        var (a, args, canonical) = EntryCodec.DecodeAction(table, action, forDefault: false);
        return (a.Name, args, canonical, a.Id);
    }

    private static void WriteActionProfileGroup(PipelineState state, UpdateType type, ActionProfileGroup g, Action<Undo>? undo)
    {
        var profile = Profile(state, g.ActionProfileId);
        var schema = profile.Schema;
        var name = schema.Name;
        if (!schema.IsSelector)
        {
            throw P4RuntimeException.Invalid($"{name} is an action profile without a selector: it has no groups");
        }
        var id = g.GroupId;
        if (id == 0)
        {
            throw P4RuntimeException.Invalid("group_id 0 is not a valid group id");
        }
        var device = state.Device;
        profile.Groups.TryGetValue(id, out var existing);
        if (type == UpdateType.Delete)
        {
            if (existing is null)
            {
                throw P4RuntimeException.NotFound($"{name} has no group {id}");
            }
            if (existing.TableRefs.Count > 0)
            {
                throw new P4RuntimeException(Code.FailedPrecondition, $"group {id} of {name} is referenced by {existing.TableRefs.Values.Sum()} table entries");
            }
            device?.SetProfileGroup(name, id, null);
            profile.Groups.Remove(id);
            Join(profile, existing, id, false);
            undo?.Invoke(() =>
            {
                device?.SetProfileGroup(name, id, existing.Slots);
                profile.Groups[id] = existing;
                Join(profile, existing, id, true);
            });
            return;
        }
        if (type == UpdateType.Insert)
        {
            if (existing is not null)
            {
                throw new P4RuntimeException(Code.AlreadyExists, $"{name} already has group {id}");
            }
            if (profile.OneShotGroups.Count > 0)
            {
                throw P4RuntimeException.Invalid($"the tables of {name} are programmed with one-shot action sets: members and groups cannot be mixed with them");
            }
            CheckMaxSize(schema, g.MaxSize);
            if (profile.GroupCount >= schema.Layout.Size)
            {
                throw new P4RuntimeException(Code.ResourceExhausted, $"{name} is full ({schema.Layout.Size} groups)");
            }
        }
        else if (type == UpdateType.Modify)
        {
            if (existing is null)
            {
                throw P4RuntimeException.NotFound($"{name} has no group {id}");
            }
            if (g.MaxSize != existing.Proto.MaxSize)
            {
                throw P4RuntimeException.Invalid($"group {id} of {name}: max_size cannot change (it was {existing.Proto.MaxSize})");
            }
        }
        else
        {
            throw P4RuntimeException.Invalid($"unknown update type {type}");
        }

        var canonical = new ActionProfileGroup { ActionProfileId = schema.Id, GroupId = id, MaxSize = g.MaxSize };
        var seen = new HashSet<uint>();
        foreach (var member in g.Members)
        {
            if (!seen.Add(member.MemberId))
            {
                throw P4RuntimeException.Invalid($"group {id} of {name} lists member {member.MemberId} twice (use its weight instead)");
            }
            CheckWatch(member.WatchKindCase == ActionProfileGroup.Types.Member.WatchKindOneofCase.WatchPort ? !member.WatchPort.IsEmpty : member.Watch != 0);
            if (!profile.Members.ContainsKey(member.MemberId))
            {
                throw P4RuntimeException.NotFound($"{name} has no member {member.MemberId}");
            }
            canonical.Members.Add(new ActionProfileGroup.Types.Member { MemberId = member.MemberId, Weight = member.Weight });
        }
        var (slotCounts, size) = Weigh(schema, g.Members.Select(x => x.Weight).ToList(), $"group {id} of {name}");
        if (g.MaxSize > 0 && size > g.MaxSize)
        {
            throw new P4RuntimeException(Code.ResourceExhausted, $"group {id} of {name} has size {size}, more than its max_size {g.MaxSize}");
        }
        if (existing is not null)
        {
            var actions = g.Members.Select(x => profile.Members[x.MemberId].ActionId).Distinct().ToList();
            foreach (var t in existing.TableRefs.Keys)
            {
                if (actions.FirstOrDefault(a => !state.Schema.Tables[t].ActionRefs.ContainsKey(a)) is var bad && bad != 0)
                {
                    throw P4RuntimeException.Invalid($"group {id} of {name} is used by entries of {state.Schema.Tables[t].Name}, which has no action {state.Schema.Actions[bad].Name}");
                }
            }
        }
        var slots = g.Members.Zip(slotCounts).SelectMany(x => Enumerable.Repeat(x.First.MemberId, x.Second)).ToList();
        device?.SetProfileGroup(name, id, slots);
        if (existing is null)
        {
            var stored = new StoredGroup(canonical, slots);
            profile.Groups[id] = stored;
            Join(profile, stored, id, true);
            undo?.Invoke(() =>
            {
                device?.SetProfileGroup(name, id, null);
                profile.Groups.Remove(id);
                Join(profile, stored, id, false);
            });
            return;
        }
        var before = (existing.Proto, existing.Slots);
        Join(profile, existing, id, false);
        (existing.Proto, existing.Slots) = (canonical, slots);
        Join(profile, existing, id, true);
        undo?.Invoke(() =>
        {
            device?.SetProfileGroup(name, id, before.Slots);
            Join(profile, existing, id, false);
            (existing.Proto, existing.Slots) = before;
            Join(profile, existing, id, true);
        });
    }

    /// <summary>Records (or forgets) that the group's members belong to it.</summary>
    private static void Join(ActionProfileState profile, StoredGroup group, uint id, bool add)
    {
        foreach (var m in group.Proto.Members)
        {
            if (profile.Members.TryGetValue(m.MemberId, out var member))
            {
                if (add)
                {
                    member.Groups.Add(id);
                }
                else
                {
                    member.Groups.Remove(id);
                }
            }
        }
    }

    /// <summary>§9.2.3 Rules on setting max_size.</summary>
    private static void CheckMaxSize(ActionProfileSchema schema, int maxSize)
    {
        var p4Max = schema.Info.MaxGroupSize;
        if (p4Max > 0)
        {
            if (maxSize <= 0 || maxSize > p4Max)
            {
                throw P4RuntimeException.Invalid($"{schema.Name}: max_size must be in 1..{p4Max} (the P4Info max_group_size), got {maxSize}");
            }
            return;
        }
        if (maxSize < 0)
        {
            throw P4RuntimeException.Invalid($"{schema.Name}: max_size {maxSize} is negative");
        }
        if (maxSize > schema.TargetMaxGroupSize)
        {
            throw new P4RuntimeException(Code.ResourceExhausted, $"{schema.Name}: groups of size {maxSize} are not supported (at most {schema.TargetMaxGroupSize})");
        }
    }

    private static void CheckWatch(bool set)
    {
        if (set)
        {
            throw P4RuntimeException.Unimplemented("watch ports: the target does not track port liveness, so members cannot depend on one");
        }
    }

    /// <summary>Checks member weights (§9.2.2) and returns the data-plane slots per member (weights divided by their gcd) and the size per the profile's semantics.</summary>
    private static (int[] Slots, long Size) Weigh(ActionProfileSchema schema, IReadOnlyList<int> weights, string what)
    {
        var disallowed = schema.Info.WeightsDisallowed;
        var maxMemberWeight = schema.SumOfMembers ? schema.Info.SumOfMembers.MaxMemberWeight : 0;
        foreach (var w in weights)
        {
            if (disallowed ? w != 0 : w <= 0)
            {
                throw P4RuntimeException.Invalid(disallowed
                    ? $"{what}: {schema.Name} disallows weights, so every weight must be 0 (got {w})"
                    : $"{what}: weight {w} is not valid (weights are > 0)");
            }
            if (maxMemberWeight > 0 && w > maxMemberWeight)
            {
                throw P4RuntimeException.Invalid($"{what}: weight {w} exceeds max_member_weight {maxMemberWeight}");
            }
        }
        var effective = weights.Select(w => disallowed ? 1 : w).ToArray();
        var gcd = effective.Aggregate(0, (a, b) => (int)BigInteger.GreatestCommonDivisor(a, b));
        var slots = effective.Select(w => w / Math.Max(1, gcd)).ToArray();
        long size = schema.SumOfMembers || disallowed ? weights.Count : effective.Sum(w => (long)w);
        if (slots.Sum(s => (long)s) > schema.TargetMaxGroupSize)
        {
            throw new P4RuntimeException(Code.ResourceExhausted, $"{what}: the weights need {slots.Sum(s => (long)s)} selection slots, the data plane has {schema.TargetMaxGroupSize} per group");
        }
        return (slots, size);
    }

    private static void ReadActionProfileMembers(PipelineState state, ActionProfileMember filter, List<Entity> output)
    {
        if (filter.ActionProfileId == 0 && filter.MemberId != 0)
        {
            throw P4RuntimeException.Invalid("reading one member needs its action_profile_id");
        }
        IEnumerable<ActionProfileState> profiles = filter.ActionProfileId == 0 ? state.Profiles.Values : [Profile(state, filter.ActionProfileId)];
        foreach (var p in profiles)
        {
            foreach (var m in p.Members.Values.Where(m => filter.MemberId == 0 || m.Proto.MemberId == filter.MemberId))
            {
                output.Add(new Entity { ActionProfileMember = m.Proto.Clone() });
            }
        }
    }

    private static void ReadActionProfileGroups(PipelineState state, ActionProfileGroup filter, List<Entity> output)
    {
        if (filter.ActionProfileId == 0 && filter.GroupId != 0)
        {
            throw P4RuntimeException.Invalid("reading one group needs its action_profile_id");
        }
        IEnumerable<ActionProfileState> profiles = filter.ActionProfileId == 0 ? state.Profiles.Values : [Profile(state, filter.ActionProfileId)];
        foreach (var p in profiles)
        {
            foreach (var g in p.Groups.Values.Where(g => filter.GroupId == 0 || g.Proto.GroupId == filter.GroupId))
            {
                output.Add(new Entity { ActionProfileGroup = g.Proto.Clone() });
            }
        }
    }

    /// <summary>Replays members and groups written by the controller into a new device (one-shot groups come with their entries).</summary>
    internal static void ReplayProfiles(PipelineState state, IP4Device device)
    {
        foreach (var p in state.Profiles.Values)
        {
            foreach (var (id, m) in p.Members)
            {
                device.SetProfileMember(p.Schema.Name, id, m.Action, m.Args);
            }
            foreach (var (id, g) in p.Groups)
            {
                device.SetProfileGroup(p.Schema.Name, id, g.Slots);
            }
        }
    }
}
