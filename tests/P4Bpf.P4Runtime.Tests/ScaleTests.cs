using P4.V1;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Many entries over loopback: nothing lost or altered.</summary>
public sealed class ScaleTests : ServerTestBase
{
    [Fact]
    public async Task HundredThousandEntries_InBatches_ReadBackIntact()
    {
        const int count = 100_000;
        const int batch = 10_000;
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.PrimaryWithPipelineAsync();
        var tableId = c.P4Info!.Table("ipv4_lpm").Preamble.Id;
        var actionId = c.P4Info.Action("ipv4_forward").Preamble.Id;
        Update Make(int i) => Insert(new TableEntry
        {
            TableId = tableId,
            Match = { new FieldMatch { FieldId = 1, Lpm = new FieldMatch.Types.LPM { Value = Core.ByteStrings.Canonical(0x0a000000u + (uint)i), PrefixLen = 32 } } },
            Action = new TableAction
            {
                Action = new P4.V1.Action
                {
                    ActionId = actionId,
                    Params =
                    {
                        new P4.V1.Action.Types.Param { ParamId = 1, Value = Core.ByteStrings.Canonical(0x020000000000L + i) },
                        new P4.V1.Action.Types.Param { ParamId = 2, Value = Core.ByteStrings.Canonical(i % 500) },
                    },
                },
            },
        });
        for (var start = 0; start < count; start += batch)
        {
            await c.WriteAsync(Enumerable.Range(start, batch).Select(Make));
        }
        var read = await c.ReadTableAsync("ipv4_lpm");
        read.Should().HaveCount(count);
        var expected = Enumerable.Range(0, count).Select(i => Make(i).Entity.TableEntry).ToDictionary(e => e.Match[0].Lpm.Value);
        foreach (var e in read)
        {
            e.Should().Be(expected[e.Match[0].Lpm.Value]);
        }
        server.Switch!.Control.ReadEntries("MyIngress.ipv4_lpm").Should().HaveCount(count);
        server.Switch.Inject(1, Packets.Ipv4(0x0a000000u + 77_777)).Outputs.Single().Port.Should().Be(77_777 % 500);
    }
}
