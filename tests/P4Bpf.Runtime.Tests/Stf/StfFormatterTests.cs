using P4Bpf.Runtime.Stf;

namespace P4Bpf.Runtime.Tests.Stf;

public sealed class StfFormatterTests
{
    private const string Sample = """
        add ex1 100 extra$0.h:0x25** act1(val:0x25)
        add t 7 a.b:0x0a&&&0x0f c[2].d:0x0a000000/8 e:10->20 f:* g:-1 h:0b1*0 hdr.h.$valid$:1 act() = h1
        add "my table" k:1 a(x:1, y:2)
        setdefault pipe_t pipe_Reject(rej:0, bar:1)
        remove all
        remove t 3 k:0x1/4
        remove t $e1
        packet 4 0001020a0b0c
        expect 2 000001** ****  7f $
        expect 3
        no_packet
        no_packet 2
        wait
        check_counter cntDum(10) packets == 1
        check_counter ingress.dc($e1) bytes >= 64
        check_counter c(0)
        mc_mgrp_create 1113
        mc_node_create 257 6 8
        mc_node_update 1 3 4
        mc_node_associate 1113 0
        mc_node_dissociate 1113 0
        mc_node_destroy 1
        mc_mgrp_destroy 1113
        mirroring_add 5 4
        mirroring_add_mc 10 5
        mirroring_delete 5
        mirroring_get 10
        counter_read ingress.c 3
        counter_write ingress.c 3 10 1000
        counter_reset ingress.c
        register_read cIngress.regfile 5
        register_write cIngress.regfile 5 100
        register_reset cIngress.regfile
        meter_get_rates cIngress.meter0 1
        meter_set_rates cIngress.meter0 2 0.000005:4 0.00002:5
        meter_array_set_rates cIngress.meter0 0.000006:7 1:9
        """;

    [Fact]
    public void Every_command_formats_to_text_that_parses_back_to_it()
    {
        var script = StfParser.Parse(Sample);
        script.Errors.Should().BeEmpty();
        script.Commands.Count.Should().Be(36);
        foreach (var command in script.Commands)
        {
            var text = command.ToString();
            var again = StfParser.Parse(text);
            again.Errors.Should().BeEmpty(text);
            again.Commands.Should().ContainSingle().Which.Should().Be(command with { Line = 1 }, text);
        }
    }

    [Fact]
    public void Formatting_examples()
    {
        var c = StfParser.Parse(Sample).Commands;
        c[0].ToString().Should().Be("add ex1 100 extra$0.h:0x25** act1(val:0x25)");
        c[1].ToString().Should().Be("add t 7 a.b:0xa&&&0xf c[2].d:0xa000000/8 e:0xa->0x14 f:* g:-0x1 h:0b1*0 hdr.h.$valid$:0x1 act() = h1");
        c[8].ToString().Should().Be("expect 2 000001******7f $");
        c[34].ToString().Should().Be("meter_set_rates cIngress.meter0 2 0.000005:4 0.00002:5");
    }
}
