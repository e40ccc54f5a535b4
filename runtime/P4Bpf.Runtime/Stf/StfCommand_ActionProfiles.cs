using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary>Action profile and selector commands, named after BMv2's <c>simple_switch_CLI</c>: members and groups get handles
/// 0, 1, 2 … per profile in creation order, and those handles are the control plane's member and group ids.</summary>
public abstract record StfActionProfileCommand(int Line) : StfCommand(Line)
{
    /// <summary>The command as STF text.</summary>
    public abstract string Format();

    protected static string NameText(StfName n) => n.Text.Contains(' ') ? $"\"{n.Text}\"" : n.Text;
}

/// <summary><c>act_prof_create_member PROFILE ACTION(ARG:VALUE, …)</c> — create a member running ACTION.</summary>
public sealed record StfActProfCreateMember(int Line, StfName Profile, StfActionCall Action) : StfActionProfileCommand(Line)
{
    public override string Keyword => "act_prof_create_member";

    public override string Format() => $"{Keyword} {NameText(Profile)} {Action}";
}

/// <summary><c>act_prof_create_group PROFILE</c> — create an empty selector group.</summary>
public sealed record StfActProfCreateGroup(int Line, StfName Profile) : StfActionProfileCommand(Line)
{
    public override string Keyword => "act_prof_create_group";

    public override string Format() => $"{Keyword} {NameText(Profile)}";
}

/// <summary><c>act_prof_add_member_to_group PROFILE MEMBER GROUP</c> — append a member to a group (its next selection slot).</summary>
public sealed record StfActProfAddMemberToGroup(int Line, StfName Profile, long Member, long Group) : StfActionProfileCommand(Line)
{
    public override string Keyword => "act_prof_add_member_to_group";

    public override string Format() => $"{Keyword} {NameText(Profile)} {Member} {Group}";
}

/// <summary><c>table_indirect_add TABLE [PRIORITY] KEY:VALUE… =&gt; MEMBER</c> (or <c>table_indirect_add_with_group … =&gt; GROUP</c>)
/// — insert an entry of a table with an action profile that runs a member (or a selector group).</summary>
public sealed record StfIndirectAdd(int Line, StfName Table, long? Priority, EquatableArray<StfKeyMatch> Keys, bool WithGroup, long Target)
    : StfActionProfileCommand(Line)
{
    public override string Keyword => WithGroup ? "table_indirect_add_with_group" : "table_indirect_add";

    public override string Format() =>
        string.Join(' ', new[] { Keyword, NameText(Table), Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(' ', Keys), "=>", Target.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(s => !string.IsNullOrEmpty(s)));
}
