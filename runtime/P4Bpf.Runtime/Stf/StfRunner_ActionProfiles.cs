using P4Bpf.Runtime.Control;

namespace P4Bpf.Runtime.Stf;

public sealed partial class StfRunner
{
    /// <summary>Per action profile (full name): the next member and group handles, and each group's members in slot order.</summary>
    private readonly Dictionary<string, (uint NextMember, uint NextGroup, Dictionary<uint, List<uint>> Groups)> _profiles = new(StringComparer.Ordinal);

    private void ExecuteActionProfile(StfActionProfileCommand command)
    {
        switch (command)
        {
            case StfActProfCreateMember m:
            {
                var profile = ResolveProfile(m.Profile.Text);
                var layout = Control.Layout.ActionProfiles.First(p => p.Name == profile);
                // The action's parameters come from any table of the profile that has it.
                var table = layout.Tables.FirstOrDefault(t => NameResolver.TryResolve(m.Action.Action.Text, Control.TableLayout(t).Actions.Select(a => a.Name), out _) is not null)
                    ?? throw new ControlException(ControlErrorCode.NotFound, $"action {m.Action.Action.Text} is not an action of the tables using {profile}");
                var action = Control.ResolveAction(table, m.Action.Action.Text);
                var state = ProfileHandles(profile);
                Control.SetMember(profile, state.NextMember, action, Args(table, action, m.Action, m.Line));
                _log.Add($"line {m.Line}: {profile}: member {state.NextMember} = {action}");
                _profiles[profile] = state with { NextMember = state.NextMember + 1 };
                break;
            }
            case StfActProfCreateGroup g:
            {
                var profile = ResolveProfile(g.Profile.Text);
                var state = ProfileHandles(profile);
                Control.SetGroup(profile, state.NextGroup, []);
                state.Groups[state.NextGroup] = [];
                _log.Add($"line {g.Line}: {profile}: group {state.NextGroup} created");
                _profiles[profile] = state with { NextGroup = state.NextGroup + 1 };
                break;
            }
            case StfActProfAddMemberToGroup a:
            {
                var profile = ResolveProfile(a.Profile.Text);
                var groups = ProfileHandles(profile).Groups;
                if (a.Group is < 0 or > uint.MaxValue || !groups.TryGetValue((uint)a.Group, out var slots))
                {
                    throw new ControlException(ControlErrorCode.NotFound, $"{profile} has no group handle {a.Group}");
                }
                if (a.Member is < 0 or > uint.MaxValue)
                {
                    throw new ControlException(ControlErrorCode.NotFound, $"{profile} has no member handle {a.Member}");
                }
                if (slots.Contains((uint)a.Member))
                {
                    throw new ControlException(ControlErrorCode.AlreadyExists, $"member {a.Member} is already in group {a.Group} of {profile}");
                }
                Control.SetGroup(profile, (uint)a.Group, [.. slots, (uint)a.Member]);
                slots.Add((uint)a.Member);
                break;
            }
            case StfIndirectAdd i:
                IndirectAdd(i);
                break;
            default:
                throw new ControlException(ControlErrorCode.Unimplemented, $"not supported yet: STF command {command.Keyword}");
        }
    }

    private void IndirectAdd(StfIndirectAdd i)
    {
        var table = Control.ResolveTable(i.Table.Text);
        var layout = Control.TableLayout(table);
        if (i.Target is < 0 or > uint.MaxValue)
        {
            throw new ControlException(ControlErrorCode.NotFound, $"{(i.WithGroup ? "group" : "member")} handle {i.Target} is out of range");
        }
        var priority = 0;
        if (layout.Kind == EbpfGen.Layout.TableKind.Ternary)
        {
            priority = i.Priority is { } p ? ControlPriority(p) : _autoPriority--;
        }
        var target = (uint)i.Target;
        Control.AddEntry(new TableEntry(table, Keys(layout, i.Keys, i.Line), "", [], priority)
        {
            Reference = i.WithGroup ? ActionProfileRef.Group(target) : ActionProfileRef.Member(target),
        });
    }

    private string ResolveProfile(string name) => NameResolver.Resolve(name, Control.ActionProfileNames, "action profile");

    private (uint NextMember, uint NextGroup, Dictionary<uint, List<uint>> Groups) ProfileHandles(string profile) =>
        _profiles.TryGetValue(profile, out var s) ? s : (0, 0, []);
}
