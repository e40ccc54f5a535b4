using System.CommandLine;
using System.Globalization;
using P4.V1;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Cli.Commands;

/// <summary><c>ctl member …</c> and <c>ctl group …</c>: action profile members and action selector groups.</summary>
internal static partial class CtlCommand
{
    private static readonly (string Name, Update.Types.Type Type)[] WriteOps =
        [("add", Update.Types.Type.Insert), ("modify", Update.Types.Type.Modify), ("delete", Update.Types.Type.Delete)];

    private static Command Members()
    {
        var cmd = new Command("member", "Add, modify, delete or read action profile members.");
        foreach (var (name, type) in WriteOps)
        {
            var profile = new Argument<string>("profile") { Description = "Action profile or selector (full name or alias)." };
            var id = new Argument<uint>("id") { Description = "Member id." };
            var action = new Argument<string>("action") { Description = "The member's action.", Arity = type == Update.Types.Type.Delete ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne };
            var args = new Argument<string[]>("params") { Description = "NAME=VALUE action parameters.", Arity = ArgumentArity.ZeroOrMore };
            var sub = new Command(name, $"{type} a member: PROFILE ID ACTION [NAME=VALUE...].") { profile, id, action, args };
            sub.SetAction(parse => Run(parse, true, async c =>
            {
                await c.LoadP4InfoAsync();
                var member = type == Update.Types.Type.Delete
                    ? new ActionProfileMember { ActionProfileId = c.P4Info!.ActionProfile(parse.GetValue(profile)!).Preamble.Id, MemberId = parse.GetValue(id) }
                    : c.Member(parse.GetValue(profile)!, parse.GetValue(id), parse.GetValue(action)!, Pairs(parse.GetValue(args) ?? [], "param"));
                await c.WriteAsync(type, member);
                parse.InvocationConfiguration.Output.WriteLine("ok");
            }));
            cmd.Subcommands.Add(sub);
        }
        {
            var profile = new Argument<string?>("profile") { Description = "Action profile (every profile when omitted).", Arity = ArgumentArity.ZeroOrOne };
            var id = new Argument<uint?>("id") { Description = "One member (all when omitted).", Arity = ArgumentArity.ZeroOrOne };
            var read = new Command("read", "Read members: [PROFILE [ID]].") { profile, id };
            read.SetAction(parse => Run(parse, false, async c =>
            {
                await c.LoadP4InfoAsync();
                var members = (await c.ReadMembersAsync(parse.GetValue(profile))).Where(m => parse.GetValue(id) is not { } one || m.MemberId == one).ToList();
                if (members.Count == 0 && parse.GetValue(id) is { } missing)
                {
                    throw new KeyNotFoundException($"no member {missing} in {parse.GetValue(profile)}");
                }
                var output = parse.InvocationConfiguration.Output;
                foreach (var m in members.OrderBy(m => m.ActionProfileId).ThenBy(m => m.MemberId))
                {
                    output.WriteLine(DescribeMember(c.P4Info!, m));
                }
                output.WriteLine($"{members.Count} members");
            }));
            cmd.Subcommands.Add(read);
        }
        return cmd;
    }

    private static Command Groups()
    {
        var cmd = new Command("group", "Add, modify, delete or read action selector groups.");
        foreach (var (name, type) in WriteOps)
        {
            var profile = new Argument<string>("profile") { Description = "Action selector (full name or alias)." };
            var id = new Argument<uint>("id") { Description = "Group id." };
            var members = new Argument<string[]>("members") { Description = "MEMBER or MEMBER:WEIGHT (weight 1 when omitted).", Arity = ArgumentArity.ZeroOrMore };
            var maxSize = new Option<int>("--max-size") { Description = "The group's max_size (0: the selector's max_group_size)." };
            var sub = new Command(name, $"{type} a group: PROFILE ID [MEMBER[:WEIGHT]...].") { profile, id, members, maxSize };
            sub.SetAction(parse => Run(parse, true, async c =>
            {
                await c.LoadP4InfoAsync();
                List<(uint Member, int Weight)> list = type == Update.Types.Type.Delete ? [] : [.. (parse.GetValue(members) ?? []).Select(GroupMember)];
                await c.WriteAsync(type, c.Group(parse.GetValue(profile)!, parse.GetValue(id), list, parse.GetValue(maxSize)));
                parse.InvocationConfiguration.Output.WriteLine("ok");
            }));
            cmd.Subcommands.Add(sub);
        }
        {
            var profile = new Argument<string?>("profile") { Description = "Action selector (every selector when omitted).", Arity = ArgumentArity.ZeroOrOne };
            var id = new Argument<uint?>("id") { Description = "One group (all when omitted).", Arity = ArgumentArity.ZeroOrOne };
            var read = new Command("read", "Read groups: [PROFILE [ID]].") { profile, id };
            read.SetAction(parse => Run(parse, false, async c =>
            {
                await c.LoadP4InfoAsync();
                var groups = (await c.ReadGroupsAsync(parse.GetValue(profile))).Where(g => parse.GetValue(id) is not { } one || g.GroupId == one).ToList();
                if (groups.Count == 0 && parse.GetValue(id) is { } missing)
                {
                    throw new KeyNotFoundException($"no group {missing} in {parse.GetValue(profile)}");
                }
                var output = parse.InvocationConfiguration.Output;
                foreach (var g in groups.OrderBy(g => g.ActionProfileId).ThenBy(g => g.GroupId))
                {
                    output.WriteLine(DescribeGroup(c.P4Info!, g));
                }
                output.WriteLine($"{groups.Count} groups");
            }));
            cmd.Subcommands.Add(read);
        }
        return cmd;
    }

    /// <summary><c>MEMBER</c> or <c>MEMBER:WEIGHT</c>.</summary>
    private static (uint Member, int Weight) GroupMember(string text)
    {
        var parts = text.Split(':');
        if (parts.Length > 2 || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var member)
            || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w <= 0)))
        {
            throw new FormatException($"group member '{text}' is not MEMBER or MEMBER:WEIGHT (a positive weight)");
        }
        return (member, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1);
    }

    /// <summary><c>ACTION(NAME=VALUE,...)[*WEIGHT]</c> (weight 1 when omitted), the form <c>table-read</c> prints one-shot actions in.</summary>
    internal static (string Action, IReadOnlyDictionary<string, string>? Args, int Weight) OneShotAction(string text)
    {
        var weight = 1;
        var body = text.Trim();
        var star = body.LastIndexOf('*');
        if (star > body.LastIndexOf(')'))
        {
            if (!int.TryParse(body[(star + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight <= 0)
            {
                throw new FormatException($"one-shot action '{text}': the weight after '*' is a positive integer");
            }
            body = body[..star];
        }
        var open = body.IndexOf('(');
        if (open < 0)
        {
            return (body.Length > 0 ? body : throw new FormatException("an empty one-shot action"), null, weight);
        }
        if (open == 0 || !body.EndsWith(')'))
        {
            throw new FormatException($"one-shot action '{text}' is not ACTION(NAME=VALUE,...)[*WEIGHT]");
        }
        var args = body[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (body[..open].Trim(), Pairs(args, "param"), weight);
    }

    internal static string DescribeMember(P4InfoIndex info, ActionProfileMember m) =>
        $"{info.ActionProfileName(m.ActionProfileId)} member {m.MemberId} -> {DescribeAction(info, m.Action)}";

    internal static string DescribeGroup(P4InfoIndex info, ActionProfileGroup g) =>
        $"{info.ActionProfileName(g.ActionProfileId)} group {g.GroupId}{(g.MaxSize != 0 ? $" max_size {g.MaxSize}" : "")}: "
        + (g.Members.Count == 0 ? "(empty)" : string.Join(" ", g.Members.Select(m => $"{m.MemberId}:{m.Weight}")));

    /// <summary>The action an entry runs: <c>a(p=0x…)</c>, <c>member 3</c>, <c>group 7</c> or a one-shot set <c>{a(…)*w, …}</c>.</summary>
    internal static string DescribeTableAction(P4InfoIndex info, TableAction? action) => action?.TypeCase switch
    {
        TableAction.TypeOneofCase.Action => DescribeAction(info, action.Action),
        TableAction.TypeOneofCase.ActionProfileMemberId => $"member {action.ActionProfileMemberId}",
        TableAction.TypeOneofCase.ActionProfileGroupId => $"group {action.ActionProfileGroupId}",
        TableAction.TypeOneofCase.ActionProfileActionSet => "one-shot {" + string.Join(", ", action.ActionProfileActionSet.ActionProfileActions.Select(a => $"{DescribeAction(info, a.Action)}*{a.Weight}")) + "}",
        _ => "",
    };

    private static string DescribeAction(P4InfoIndex info, P4.V1.Action? action)
    {
        if (action is null)
        {
            return "?";
        }
        var a = info.Info.Actions.FirstOrDefault(x => x.Preamble.Id == action.ActionId);
        return info.ActionName(action.ActionId) + "(" + string.Join(", ", action.Params.Select(p =>
            (a?.Params.FirstOrDefault(x => x.Id == p.ParamId)?.Name ?? "?") + "=" + Hex(p.Value))) + ")";
    }
}
