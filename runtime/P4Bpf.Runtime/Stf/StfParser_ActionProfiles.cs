using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

public static partial class StfParser
{
    /// <summary>The action profile commands (<see cref="StfActionProfileCommand"/>), or null for another keyword.</summary>
    private static StfActionProfileCommand? ParseActionProfileCommand(string keyword, Cursor c) => keyword switch
    {
        "act_prof_create_member" => new StfActProfCreateMember(c.Line, c.Name("an action profile name"), ParseActionArgs(c, c.Name("an action name"))),
        "act_prof_create_group" => new StfActProfCreateGroup(c.Line, c.Name("an action profile name")),
        "act_prof_add_member_to_group" => new StfActProfAddMemberToGroup(c.Line, c.Name("an action profile name"), c.Int64("member handle"), c.Int64("group handle")),
        "table_indirect_add" => ParseIndirectAdd(c, withGroup: false),
        "table_indirect_add_with_group" => ParseIndirectAdd(c, withGroup: true),
        _ => null,
    };

    // table_indirect_add[_with_group] TABLE [PRIORITY] KEY:VALUE... => HANDLE
    private static StfIndirectAdd ParseIndirectAdd(Cursor c, bool withGroup)
    {
        var table = c.Name("a table name");
        long? priority = c.Peek().Kind == StfTokenKind.Number ? c.Int64("priority") : null;
        var keys = new List<StfKeyMatch>();
        while (!(c.Peek().Is("=") && c.Peek(1).Is(">")))
        {
            if (!c.AtName)
                throw c.ErrorAt(c.Peek(), $"expected a key 'field:value' or '=> {(withGroup ? "GROUP" : "MEMBER")}', found {c.Peek()}");
            var name = c.Name("a key field");
            c.Expect(":", "after the key field");
            keys.Add(new StfKeyMatch(name, ParseMatchValue(c)));
        }
        c.Next();
        c.Next();
        var target = c.Int64(withGroup ? "group handle" : "member handle");
        return new StfIndirectAdd(c.Line, table, priority, new EquatableArray<StfKeyMatch>(keys), withGroup, target);
    }
}
