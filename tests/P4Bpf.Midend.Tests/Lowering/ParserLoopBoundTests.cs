using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>ParserLoopBound: a parser loop not over a header stack becomes acyclic; past the bound it rejects with ParserTimeout.</summary>
public sealed class ParserLoopBoundTests
{
    private static byte[] Through(int tags)
    {
        var packet = new byte[14 + (2 * tags) + 4];
        Packets.DstMac.CopyTo(packet, 0);
        Packets.SrcMac.CopyTo(packet, 6);
        packet[12] = 0x12;
        packet[13] = 0x3a;
        for (var i = 0; i < tags; i++)
        {
            packet[14 + (2 * i)] = (byte)(i < tags - 1 ? 1 : 0);
            packet[15 + (2 * i)] = (byte)(0x40 + i);
        }
        using var run = TestCompiler.Runner("v1_parser_loop");
        run.Run("ingress", packet);
        return run.Run("egress", packet).Packet;
    }

    [Fact]
    public void TheBoundedParserHasNoCycle()
    {
        var ir = TestCompiler.Compile("v1_parser_loop").Ir!;
        foreach (var parser in ir.Parsers)
        {
            var index = parser.States.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i);
            // Acyclic: some topological order exists (Kahn).
            var indegree = parser.States.ToDictionary(s => s.Name, _ => 0);
            foreach (var s in parser.States)
            {
                foreach (var t in UnreachableParserStates.Targets(s.Transition).Where(index.ContainsKey))
                {
                    indegree[t]++;
                }
            }
            var ready = new Queue<string>(indegree.Where(kv => kv.Value == 0).Select(kv => kv.Key));
            var seen = 0;
            while (ready.Count > 0)
            {
                var s = parser.State(ready.Dequeue())!;
                seen++;
                foreach (var t in UnreachableParserStates.Targets(s.Transition).Where(index.ContainsKey))
                {
                    if (--indegree[t] == 0)
                    {
                        ready.Enqueue(t);
                    }
                }
            }
            seen.Should().Be(parser.States.Count, $"parser {parser.Name} is acyclic");
        }
        ir.Parsers.SelectMany(p => p.States).Should().Contain(s => s.Name == ParserLoopBound.TimeoutState);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(9)]
    public void LoopsWithinTheBoundParseEveryTag(int tags)
    {
        MidendOptions.Default.MaxParserLoopIterations.Should().Be(8, "9 tags take 8 back edges");
        var output = Through(tags);
        output[6..12].Should().Equal([0, 0, 0, 0, 0, (byte)tags]);
        output[..6].Should().Equal([0, 0, 0, 0, 0, (byte)(0x40 + tags - 1)], "the last tag's value");
    }

    [Fact]
    public void ALoopPastTheBoundTimesOut()
    {
        var output = Through(10);
        output[..6].Should().Equal([0, 0, 0, 0, 0xde, 0xad], "parser_error is ParserTimeout");
    }
}
