using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Switch;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.Stf;

/// <summary>The action profile STF commands (BMv2 simple_switch_CLI names): parsing, formatting, and running them against the
/// l4-lb example (a PSA ActionSelector over the 5-tuple).</summary>
public sealed class StfActionProfileTests
{
    private const string Commands = """
        act_prof_create_member backends set_backend(dmac:0xb01, port:2)
        act_prof_create_group "LbIngress.backends"
        act_prof_add_member_to_group backends 0 1
        table_indirect_add lb vip:0x0a000064 protocol:6 vport:80 => 3
        table_indirect_add_with_group t 7 k:0x1&&&0xf => 0
        """;

    // TCP 198.18.0.10:30000 -> 10.0.0.100:80 and the same from port 30007 (as make-pcaps.py writes them).
    private const string Flow1 = "00000000 00640000 000001fe 08004500 00280000 00004006 aa50c612 000a0a00 00647530 00500000 00010000 00005002 200049e1 0000";
    private const string Flow2 = "00000000 00640000 000001fe 08004500 00280001 00004006 aa4ec612 000b0a00 00647537 00500000 00010000 00005002 200049d9 0000";

    private static string L4Lb => Path.Combine(Tooling.RepoRoot, "examples", "l4-lb", "l4_lb.p4");

    [Fact]
    public void Commands_parse_and_format_back_to_themselves()
    {
        var script = StfParser.Parse(Commands);
        script.Errors.Should().BeEmpty();
        script.Commands.Should().HaveCount(5);
        script.Commands[2].Should().Be(new StfActProfAddMemberToGroup(3, StfName.FromText("backends"), 0, 1));
        var add = script.Commands[4].Should().BeOfType<StfIndirectAdd>().Subject;
        (add.WithGroup, add.Priority, add.Target, add.Keys.Count).Should().Be((true, 7L, 0L, 1));
        script.Commands[3].ToString().Should().Be("table_indirect_add lb vip:0xa000064 protocol:0x6 vport:0x50 => 3");
        foreach (var command in script.Commands)
        {
            var again = StfParser.Parse(command.ToString());
            again.Errors.Should().BeEmpty(command.ToString());
            again.Commands.Should().ContainSingle().Which.Should().Be(command with { Line = 1 }, command.ToString());
        }
    }

    [Theory]
    [InlineData("table_indirect_add_with_group lb vip:1 protocol:6 vport:80 0", "'=> GROUP'")]
    [InlineData("table_indirect_add lb vip:1 =>", "member handle")]
    [InlineData("act_prof_add_member_to_group backends 0", "group handle")]
    [InlineData("act_prof_create_group", "action profile name")]
    public void Malformed_commands_are_located_parse_errors(string line, string message)
    {
        var script = StfParser.Parse(line);
        script.Commands.Should().BeEmpty();
        script.Errors.Should().ContainSingle().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void A_group_spreads_flows_and_a_member_entry_sends_everything_to_one_backend()
    {
        using var sw = P4Switch.Load(StfRun.StfFromP4Tests.Compile(L4Lb));
        var result = new StfRunner(sw).Run(StfParser.Parse($"""
            act_prof_create_member backends set_backend(dmac:0x0b01, port:2)
            act_prof_create_member backends set_backend(dmac:0x0b02, port:3)
            act_prof_create_group backends
            act_prof_add_member_to_group backends 0 0
            act_prof_add_member_to_group backends 1 0
            table_indirect_add_with_group lb vip:0x0a000064 protocol:6 vport:80 => 0
            packet 1 {Flow1}
            packet 1 {Flow2}
            packet 1 {Flow1}
            expect 2
            expect 3
            check_counter backend_packets(2) packets == 2
            check_counter backend_packets(3) packets == 1
            """));
        // CRC32 of flow 1's selector keys is 0xd1fd66e4 (even: member 0), of flow 2's 0xa3e83563 (odd: member 1).
        result.Failures.Should().BeEmpty(string.Join("\n", result.Failures.Select(f => f.Format("inline"))));
        result.PacketsReceived.Should().Be(3);
    }

    [Fact]
    public void An_empty_group_drops_and_bad_handles_fail_their_line()
    {
        using var sw = P4Switch.Load(StfRun.StfFromP4Tests.Compile(L4Lb));
        var result = new StfRunner(sw).Run(StfParser.Parse($"""
            act_prof_create_member backends set_backend(dmac:0x0b01, port:2)
            act_prof_create_group backends
            table_indirect_add_with_group lb vip:0x0a000064 protocol:6 vport:80 => 0
            packet 1 {Flow1}
            act_prof_add_member_to_group backends 0 5
            act_prof_add_member_to_group backends 0 0
            act_prof_add_member_to_group backends 0 0
            act_prof_create_member nosuch set_backend(dmac:1, port:2)
            act_prof_create_member backends nosuch()
            table_indirect_add_with_group lb vip:0x0a000065 protocol:6 vport:80 => 9
            """));
        result.PacketsReceived.Should().Be(0, "a group without members runs no member: the packet takes the default, drop");
        result.Failures.Select(f => f.Line).Should().Equal(5, 7, 8, 9, 10);
        result.Failures[0].Message.Should().Contain("no group handle 5");
        result.Failures[1].Message.Should().Contain("already in group 0");
        result.Failures[4].Message.Should().Contain("group 9");
    }
}
