using System.Numerics;
using P4Bpf.Runtime.Packets;
using P4Bpf.Runtime.Stf;

using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Tests.Stf;

public sealed class StfParserTests
{
    private static StfCommand Single(string text)
    {
        var script = StfParser.Parse(text);
        script.Errors.Should().BeEmpty();
        script.Commands.Should().ContainSingle();
        return script.Commands[0];
    }

    private static StfParseError SingleError(string text)
    {
        var script = StfParser.Parse(text);
        script.Commands.Should().BeEmpty();
        script.Errors.Should().ContainSingle();
        return script.Errors[0];
    }

    private static StfName N(string text) => StfName.FromText(text);

    private static StfActionCall Call(string action, params (string Name, long Value)[] args) =>
        new(N(action), args.Select(a => new StfActionArg(a.Name, a.Value)).ToArray());

    [Fact]
    public void Add_with_exact_keys_and_action_arguments()
    {
        Single("add ipv4_da_lpm ipv4.dstAddr:0x0a010065 ingress.do_resubmit(new_ipv4_dstAddr:0x0a010001)")
            .Should().Be(new StfAddEntry(1, N("ipv4_da_lpm"), null,
                new[] { new StfKeyMatch(N("ipv4.dstAddr"), new StfMatchValue.Exact(0x0a010065)) },
                Call("ingress.do_resubmit", ("new_ipv4_dstAddr", 0x0a010001))));
    }

    [Fact]
    public void Add_with_priority_star_ternary_and_stack_index()
    {
        var add = (StfAddEntry)Single("add ex1 100 extra$0.h:0x25** act1(val:0x25)");
        add.Should().Be(new StfAddEntry(1, N("ex1"), 100,
            new[] { new StfKeyMatch(N("extra$0.h"), new StfMatchValue.Ternary(0x2500, 0xff00, 16)) },
            Call("act1", ("val", 0x25))));
        add.Keys[0].Field.Text.Should().Be("extra$0.h");
        add.Keys[0].Field.Normalized.Should().Be("extra[0].h");
    }

    [Fact]
    public void Add_with_every_match_form_and_handle()
    {
        Single("add t 7 a.b:0x0a&&&0x0f c[2].d:0x0a000000/8 e:10->20 f:* g:-1 h:true act() = h1")
            .Should().Be(new StfAddEntry(1, N("t"), 7,
                new[]
                {
                    new StfKeyMatch(N("a.b"), new StfMatchValue.Ternary(0x0a, 0x0f)),
                    new StfKeyMatch(N("c[2].d"), new StfMatchValue.Lpm(0x0a000000, 8)),
                    new StfKeyMatch(N("e"), new StfMatchValue.Range(10, 20)),
                    new StfKeyMatch(N("f"), new StfMatchValue.Wildcard()),
                    new StfKeyMatch(N("g"), new StfMatchValue.Exact(-1)),
                    new StfKeyMatch(N("h"), new StfMatchValue.Exact(1)),
                },
                Call("act"), "h1"));
    }

    [Fact]
    public void Ternary_value_is_masked_and_binary_stars_count_bits()
    {
        ((StfAddEntry)Single("add t k:0xff&&&0x0f a()")).Keys[0].Value.Should().Be(new StfMatchValue.Ternary(0x0f, 0x0f));
        ((StfAddEntry)Single("add t k:0b1*0 a()")).Keys[0].Value.Should().Be(new StfMatchValue.Ternary(0b100, 0b101, 3));
    }

    [Fact]
    public void Wide_values_keep_every_bit()
    {
        var add = (StfAddEntry)Single("add t k:0x20010db8000000000000000000000001 a(mac:0x021357efbeff)");
        add.Keys[0].Value.Should().Be(new StfMatchValue.Exact(BigInteger.Parse("20010db8000000000000000000000001", System.Globalization.NumberStyles.HexNumber)));
        add.Action.Args[0].Value.Should().Be(new BigInteger(0x021357efbeff));
    }

    [Fact]
    public void Add_accepts_quoted_names_and_spaces_in_arguments()
    {
        Single("add \"my table\" k:1 a( x : 1 ,y:2 )").Should().Be(new StfAddEntry(1, new StfName("my table", "my table"), null,
            new[] { new StfKeyMatch(N("k"), new StfMatchValue.Exact(1)) }, Call("a", ("x", 1), ("y", 2))));
    }

    [Fact]
    public void Setdefault_with_and_without_parentheses()
    {
        Single("setdefault pipe_t pipe_Reject(rej:0, bar:1)")
            .Should().Be(new StfSetDefault(1, N("pipe_t"), Call("pipe_Reject", ("rej", 0), ("bar", 1))));
        Single("SETDEFAULT t NoAction").Should().Be(new StfSetDefault(1, N("t"), Call("NoAction")));
    }

    [Fact]
    public void Remove_forms()
    {
        Single("remove all").Should().Be(new StfRemoveAll(1));
        Single("remove t 3 k:0x1/4").Should().Be(new StfRemoveEntry(1, N("t"), 3,
            new[] { new StfKeyMatch(N("k"), new StfMatchValue.Lpm(1, 4)) }));
        Single("remove t $e1").Should().Be(new StfRemoveEntry(1, N("t"), null, EquatableArray<StfKeyMatch>.Empty, "e1"));
    }

    [Fact]
    public void Packet_ignores_spacing_and_case()
    {
        Single("packet 4 0001 02 0A0b\t0c")
            .Should().Be(new StfPacket(1, 4, new byte[] { 0x00, 0x01, 0x02, 0x0a, 0x0b, 0x0c }));
    }

    [Fact]
    public void Expect_with_wildcards_and_end_marker()
    {
        var expect = (StfExpect)Single("expect 2 000001** ****  7f $");
        expect.Should().Be(new StfExpect(1, 2, PacketPattern.Parse("000001** **** 7f$")));
        expect.Pattern!.ExactLength.Should().BeTrue();
        expect.Pattern.NibbleCount.Should().Be(14);
        expect.Pattern.Value.ToArray().Should().Equal(0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x7f);
        expect.Pattern.Mask.ToArray().Should().Equal(0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0xff);
    }

    [Fact]
    public void Expect_without_data_allows_anything()
    {
        Single("expect 3").Should().Be(new StfExpect(1, 3, null));
    }

    [Fact]
    public void Simple_commands()
    {
        Single("no_packet").Should().Be(new StfNoPacket(1, null));
        Single("no_packet 2").Should().Be(new StfNoPacket(1, 2));
        Single("wait").Should().Be(new StfWait(1, null));
        Single("wait 100").Should().Be(new StfWait(1, 100));
    }

    [Fact]
    public void Traffic_manager_commands()
    {
        var script = StfParser.Parse("""
            mc_mgrp_create 1113
            mc_node_create 257 6 8
            mc_node_create 0
            mc_node_update 1 3 4
            mc_node_associate 1113 0
            mc_node_dissociate 1113 0
            mc_node_destroy 1
            mc_mgrp_destroy 1113
            mirroring_add 5 4
            mirroring_add_mc 10 5
            mirroring_delete 5
            mirroring_get 10
            """);
        script.Errors.Should().BeEmpty();
        script.Commands.Should().Equal(
            new StfMcGroupCreate(1, 1113),
            new StfMcNodeCreate(2, 257, new[] { 6, 8 }),
            new StfMcNodeCreate(3, 0, EquatableArray<int>.Empty),
            new StfMcNodeUpdate(4, 1, new[] { 3, 4 }),
            new StfMcNodeAssociate(5, 1113, 0),
            new StfMcNodeDissociate(6, 1113, 0),
            new StfMcNodeDestroy(7, 1),
            new StfMcGroupDestroy(8, 1113),
            new StfMirroringAdd(9, 5, 4),
            new StfMirroringAddMc(10, 10, 5),
            new StfMirroringDelete(11, 5),
            new StfMirroringGet(12, 10));
    }

    [Fact]
    public void Extern_commands()
    {
        var script = StfParser.Parse("""
            counter_read ingress.c 3
            counter_write ingress.c 3 10 1000
            counter_reset ingress.c
            register_read cIngress.regfile 5
            register_write cIngress.regfile 5 100
            register_reset cIngress.regfile
            meter_get_rates cIngress.meter0 1
            meter_set_rates cIngress.meter0 2 0.000005:4 0.00002:5
            meter_array_set_rates cIngress.meter0 0.000006:7 1:9
            """);
        script.Errors.Should().BeEmpty();
        script.Commands.Should().Equal(
            new StfCounterRead(1, N("ingress.c"), 3),
            new StfCounterWrite(2, N("ingress.c"), 3, 10, 1000),
            new StfCounterReset(3, N("ingress.c")),
            new StfRegisterRead(4, N("cIngress.regfile"), 5),
            new StfRegisterWrite(5, N("cIngress.regfile"), 5, 100),
            new StfRegisterReset(6, N("cIngress.regfile")),
            new StfMeterGetRates(7, N("cIngress.meter0"), 1),
            new StfMeterSetRates(8, N("cIngress.meter0"), 2, new[] { new StfMeterRate(0.000005, 4), new StfMeterRate(0.00002, 5) }),
            new StfMeterArraySetRates(9, N("cIngress.meter0"), new[] { new StfMeterRate(0.000006, 7), new StfMeterRate(1, 9) }));
    }

    [Fact]
    public void Check_counter_forms()
    {
        Single("check_counter cntDum(10) packets == 1").Should().Be(new StfCheckCounter(1, N("cntDum"), 10, null,
            new StfCounterExpectation(StfCounterKind.Packets, StfComparison.Equal, 1)));
        Single("check_counter ingress.dc($e1) bytes >= 64").Should().Be(new StfCheckCounter(1, N("ingress.dc"), null, "e1",
            new StfCounterExpectation(StfCounterKind.Bytes, StfComparison.GreaterOrEqual, 64)));
        Single("check_counter c(0)").Should().Be(new StfCheckCounter(1, N("c"), 0, null, null));
    }

    [Fact]
    public void Comments_blank_lines_crlf_and_line_numbers()
    {
        var script = StfParser.Parse("# header\r\n\r\n   \r\nwait # trailing comment\r\n\tpacket 0 ab # x\r\n");
        script.Errors.Should().BeEmpty();
        script.Commands.Should().Equal(new StfWait(4, null), new StfPacket(5, 0, new byte[] { 0xab }));
    }

    [Fact]
    public void Name_normalisation()
    {
        N("hdr.s$0.f").Normalized.Should().Be("hdr.s[0].f");
        N("hdr.s[1].f").Normalized.Should().Be("hdr.s[1].f");
        N("h.$valid$").Normalized.Should().Be("h.$valid$");
        N("ingress.t").Parts.Should().Equal("ingress", "t");
    }

    [Theory]
    [InlineData("frobnicate 1", 1, "unknown command 'frobnicate'")]
    [InlineData("packet", 7, "expected a port number after 'packet'")]
    [InlineData("packet 0 abc", 13, "odd number of hex digits")]
    [InlineData("packet 0 ab**", 12, "unexpected '*' in packet data (hex digits only)")]
    [InlineData("expect 1 ab $ cd", 15, "after the end marker")]
    [InlineData("expect 1 ab-cd", 12, "unexpected '-'")]
    [InlineData("add t k:0x1 a(x:1", 18, "expected ')' to close the action arguments")]
    [InlineData("add t k:0xzz a()", 9, "'z' is not a digit")]
    [InlineData("add t k:12** a()", 9, "'*' digits need a hex or binary number")]
    [InlineData("add t k a()", 9, "expected ':' after a key field or '(' after an action name")]
    [InlineData("add t k:5->1 a()", 9, "range 0x5->0x1 is empty")]
    [InlineData("add t k:1", 10, "expected a key 'field:value' or an action call, found end of line")]
    [InlineData("mc_node_create", 15, "expected replication id, found end of line")]
    [InlineData("mirroring_add 1 2 3", 19, "unexpected '3' at the end of the command")]
    [InlineData("check_counter c(1) frames == 1", 20, "expected 'packets' or 'bytes'")]
    [InlineData("check_counter c(1) packets ~ 1", 28, "unexpected character '~'")]
    [InlineData("meter_set_rates m 0 fast:1", 21, "expected a meter rate")]
    [InlineData("add \"t k:1 a()", 5, "unterminated quoted name")]
    [InlineData("wait 99999999999999999999", 6, "out of range")]
    public void Errors_are_located(string line, int column, string message)
    {
        var error = SingleError(line);
        error.Line.Should().Be(1);
        error.Column.Should().Be(column);
        error.Message.Should().Contain(message);
    }

    [Fact]
    public void Errors_do_not_stop_the_following_lines()
    {
        var script = StfParser.Parse("bogus\npacket 0 00\nadd t\nexpect 0 00");
        script.Succeeded.Should().BeFalse();
        script.Errors.Select(e => e.Line).Should().Equal(1, 3);
        script.Commands.Should().Equal(new StfPacket(2, 0, new byte[] { 0 }), new StfExpect(4, 0, PacketPattern.Parse("00")));
        script.Errors[0].Format("x.stf").Should().Be("x.stf:1:1: error: unknown command 'bogus'");
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new Random(1234);
        const string alphabet = "addpacketexpect0123456789abcdefx*$:/()&->.,[]\"= \t#\n_";
        for (int i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (int k = 0; k < chars.Length; k++)
                chars[k] = random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : alphabet[random.Next(alphabet.Length)];
            var act = () => StfParser.Parse(new string(chars));
            act.Should().NotThrow();
        }
    }

    [Fact]
    public void Unreadable_file_is_an_error()
    {
        var script = StfParser.ParseFile("/nonexistent/dir/x.stf");
        script.Errors.Should().ContainSingle().Which.Message.Should().StartWith("cannot read");
    }
}
