using System.Numerics;
using Google.Protobuf;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using UpdateType = P4.V1.Update.Types.Type;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>v1model digest() (data/learn.p4) over a real socket: DigestEntry enables and configures digests, DigestLists arrive on the
/// primary's stream and are acked; max_list_size, max_timeout_ns and ack_timeout_ns are honoured.</summary>
public sealed class DigestTests : ServerTestBase
{
    internal static readonly Lazy<TestPipeline> Learn = new(() => TestPipeline.Compile("learn.p4"));

    internal static byte[] Frame(ulong src, ulong dst = 0x0000_0000_00ff)
    {
        var p = new byte[64];
        for (var i = 0; i < 6; i++)
        {
            p[i] = (byte)(dst >> (8 * (5 - i)));
            p[6 + i] = (byte)(src >> (8 * (5 - i)));
        }
        p[12] = 0x88;
        p[13] = 0xb5;
        return p;
    }

    private static (BigInteger Mac, BigInteger Port) Fields(P4Data d)
    {
        d.Struct.Members.Should().HaveCount(2);
        static BigInteger V(P4Data x) => new(x.Bitstring.Span, isUnsigned: true, isBigEndian: true);
        return (V(d.Struct.Members[0]), V(d.Struct.Members[1]));
    }

    private static async Task<DigestList?> NextAsync(P4RuntimeClient c, int ms)
    {
        using var cts = new CancellationTokenSource(ms);
        try
        {
            return await c.Digests.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static DigestEntry Config(P4RuntimeClient c, long maxTimeoutNs, int maxListSize, long ackTimeoutNs) => new()
    {
        DigestId = c.P4Info!.Info.Digests.Single().Preamble.Id,
        Config = new DigestEntry.Types.Config { MaxTimeoutNs = maxTimeoutNs, MaxListSize = maxListSize, AckTimeoutNs = ackTimeoutNs },
    };

    [Fact]
    public async Task DigestLists_AreBufferedAckedAndConfigured()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(Learn.Value.P4Info, Learn.Value.DeviceConfig, 1);
        var sw = server.Switch!;

        sw.Inject(3, Frame(0xa));
        (await NextAsync(c, 150)).Should().BeNull("digests are not generated before a DigestEntry is inserted");

        // Lists of two distinct digests; the first timeout is long, so only max_list_size sends.
        await c.WriteAsync(UpdateType.Insert, new Entity { DigestEntry = Config(c, 60_000_000_000, 2, 60_000_000_000) });
        sw.Inject(3, Frame(0xa));
        sw.Inject(3, Frame(0xa));
        (await NextAsync(c, 150)).Should().BeNull("one distinct digest is buffered until the list holds two");
        sw.Inject(4, Frame(0xb));
        var list = (await NextAsync(c, 5000)).Should().NotBeNull().And.Subject.As<DigestList>();
        list.DigestId.Should().Be(Config(c, 0, 0, 0).DigestId);
        list.Data.Select(Fields).Should().Equal((new BigInteger(0xa), new BigInteger(3)), (new BigInteger(0xb), new BigInteger(4)));
        list.Timestamp.Should().BeGreaterThan(0);

        // Unacked data is suppressed for ack_timeout_ns; the ack clears it.
        sw.Inject(3, Frame(0xa));
        sw.Inject(5, Frame(0xc));
        sw.Inject(4, Frame(0xb));
        (await NextAsync(c, 150)).Should().BeNull("a and b wait for their ack, c alone does not fill a list");
        await c.AckDigestAsync(list);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        sw.Inject(3, Frame(0xa));
        var second = (await NextAsync(c, 5000))!;
        second.Data.Select(f => Fields(f).Mac).Should().Equal(new BigInteger(0xc), new BigInteger(0xa));
        second.ListId.Should().NotBe(list.ListId);

        // MODIFY: max_timeout_ns 50 ms, no list size limit, no ack cache: a lone digest is sent after the timeout.
        await c.WriteAsync(UpdateType.Modify, new Entity { DigestEntry = Config(c, 50_000_000, 0, 0) });
        var sent = DateTime.UtcNow;
        sw.Inject(6, Frame(0xd));
        var timed = (await NextAsync(c, 5000))!;
        (DateTime.UtcNow - sent).Should().BeGreaterThan(TimeSpan.FromMilliseconds(40));
        timed.Data.Select(f => Fields(f).Mac).Should().Equal(new BigInteger(0xd));
        sw.Inject(6, Frame(0xd));
        (await NextAsync(c, 5000))!.Data.Should().ContainSingle("without an ack cache the same digest is sent again");

        // Reads return the config; an ack for an unknown digest is a stream error.
        var read = await c.ReadAsync(new Entity { DigestEntry = new DigestEntry() });
        read.Single().DigestEntry.Config.MaxTimeoutNs.Should().Be(50_000_000);
        await c.AckDigestAsync(new DigestList { DigestId = 0x17000001, ListId = 1 });
        var error = await c.StreamErrors.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        error.CanonicalCode.Should().Be((int)Google.Rpc.Code.InvalidArgument);
        error.DigestListAck.Should().NotBeNull();

        // DELETE disables generation again.
        await c.WriteAsync(UpdateType.Delete, new Entity { DigestEntry = new DigestEntry { DigestId = Config(c, 0, 0, 0).DigestId } });
        sw.Inject(7, Frame(0xe));
        (await NextAsync(c, 200)).Should().BeNull();
    }
}
