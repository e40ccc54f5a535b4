using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Targets;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Idle timeouts on data/learn.p4's smac table (<c>support_timeout = true</c>) over a real socket: entries that packets keep hitting
/// stay quiet, idle ones are notified once per TTL; reads report time_since_last_hit.</summary>
public sealed class IdleTimeoutTests : ServerTestBase
{
    private const long Ttl = 600_000_000;

    private static TableEntry Smac(P4RuntimeClient c, string mac, long ttl, ulong metadata = 0)
    {
        var e = c.Entry("smac", new Dictionary<string, string> { ["hdr.ethernet.srcAddr"] = mac }, "known");
        e.IdleTimeoutNs = ttl;
        e.ControllerMetadata = metadata;
        return e;
    }

    private static string Mac(TableEntry e) => Convert.ToHexString(e.Match.Single().Exact.Value.Span);

    [Fact]
    public async Task IdleEntries_AreNotifiedOncePerTtl_HitEntriesAreNot()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(DigestTests.Learn.Value.P4Info, DigestTests.Learn.Value.DeviceConfig, 1);
        var sw = server.Switch!;
        await c.InsertAsync(Smac(c, "0x0a", Ttl, metadata: 42));
        await c.InsertAsync(Smac(c, "0x0b", Ttl));
        await c.InsertAsync(Smac(c, "0x0c", 0));

        // 0x0a keeps sending for 2 TTLs; 0x0b is silent.
        var notified = new List<(string Mac, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        var lastSent = TimeSpan.Zero;
        var maxGap = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromTicks(2 * Ttl / 100))
        {
            sw.Inject(1, DigestTests.Frame(0x0a));
            var sentAt = clock.Elapsed;
            maxGap = sentAt - lastSent > maxGap ? sentAt - lastSent : maxGap;
            lastSent = sentAt;
            await Task.Delay(40, TestContext.Current.CancellationToken);
            while (c.IdleTimeouts.TryRead(out var n))
            {
                n.Timestamp.Should().BeGreaterThan(0);
                notified.AddRange(n.TableEntry.Select(e => (Mac(e), clock.Elapsed)));
                n.TableEntry.Should().AllSatisfy(e => e.IdleTimeoutNs.Should().Be(Ttl));
            }
        }
        notified.Select(n => n.Mac).Should().NotContain("0C", "no TTL").And.Contain("0B");
        if (maxGap < TimeSpan.FromTicks(Ttl / 100) - TimeSpan.FromMilliseconds(100))
        {
            // On a badly overloaded machine the sender itself may stall for a TTL; then 0x0a really was idle and is rightly notified.
            notified.Select(n => n.Mac).Should().NotContain("0A", $"packets kept hitting it (largest gap {maxGap.TotalMilliseconds:F0} ms)");
        }
        notified.Count(n => n.Mac == "0B").Should().BeInRange(1, (int)(clock.Elapsed.Ticks / (Ttl / 100)) + 1, "one notification per TTL, re-armed after each");
        notified.First(n => n.Mac == "0B").At.Should().BeGreaterThan(TimeSpan.FromTicks(Ttl / 100) - TimeSpan.FromMilliseconds(150));

        var read = await c.ReadAsync(new Entity { TableEntry = new TableEntry { TableId = c.P4Info!.Table("smac").Preamble.Id, TimeSinceLastHit = new TableEntry.Types.IdleTimeout() } });
        var byMac = read.ToDictionary(e => Mac(e.TableEntry), e => e.TableEntry);
        byMac["0A"].TimeSinceLastHit.ElapsedNs.Should().BeLessThan(byMac["0B"].TimeSinceLastHit.ElapsedNs - Ttl, "it was hit until moments ago, 0x0b never");
        byMac["0B"].TimeSinceLastHit.ElapsedNs.Should().BeGreaterThan(Ttl, "never hit since it was written");
        byMac["0C"].TimeSinceLastHit.Should().NotBeNull("returned when asked, even without a TTL");
        (await c.ReadTableAsync("smac")).Should().AllSatisfy(e => e.TimeSinceLastHit.Should().BeNull("only returned when asked"));

        // Once 0x0a goes quiet it is notified too, with its metadata.
        var deadline = Stopwatch.StartNew();
        TableEntry? quiet = null;
        while (quiet is null && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            var n = await c.IdleTimeouts.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            quiet = n.TableEntry.FirstOrDefault(e => Mac(e) == "0A");
        }
        quiet!.ControllerMetadata.Should().Be(42);
        quiet.Action.Should().BeNull("notifications carry the key, metadata and TTL only");
    }

    [Fact]
    public async Task IdleTimeoutWrites_AreChecked()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(DigestTests.Learn.Value.P4Info, DigestTests.Learn.Value.DeviceConfig, 1);
        var dmac = c.Entry("dmac", new Dictionary<string, string> { ["hdr.ethernet.dstAddr"] = "1" }, "flood");
        dmac.IdleTimeoutNs = Ttl;
        (await BatchError(() => c.InsertAsync(dmac))).Errors.Single().Code.Should().Be(StatusCode.InvalidArgument, "dmac has no support_timeout");
        var hit = Smac(c, "0x0d", Ttl);
        hit.TimeSinceLastHit = new TableEntry.Types.IdleTimeout { ElapsedNs = 1 };
        (await BatchError(() => c.InsertAsync(hit))).Errors.Single().Code.Should().Be(StatusCode.InvalidArgument, "time_since_last_hit is read-only");
        var def = c.DefaultEntry("smac", "known");
        def.IdleTimeoutNs = Ttl;
        (await BatchError(() => c.ModifyAsync(def))).Errors.Single().Code.Should().Be(StatusCode.InvalidArgument, "no idle timeout on the default entry");
        await c.InsertAsync(Smac(c, "0x0d", Ttl));
        (await c.ReadTableAsync("smac")).Single().IdleTimeoutNs.Should().Be(Ttl, "stored and returned exactly");
    }

    [Fact]
    public void MapsOnlyTarget_CannotObserveHits_SoIdleTimeoutsAreUnimplemented()
    {
        var p = DigestTests.Learn.Value;
        using var device = new DeviceState(1, MapDevice.Factory);
        device.SetPipeline(SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit,
            new ForwardingPipelineConfig { P4Info = p.P4Info, P4DeviceConfig = ByteString.CopyFrom(p.DeviceConfig) });
        var smac = p.P4Info.Tables.Single(t => t.Preamble.Name == "MyIngress.smac");
        var entry = new TableEntry
        {
            TableId = smac.Preamble.Id,
            Match = { new FieldMatch { FieldId = 1, Exact = new FieldMatch.Types.Exact { Value = ByteStrings.Canonical(10) } } },
            Action = new TableAction { Action = new P4.V1.Action { ActionId = p.P4Info.Actions.Single(a => a.Preamble.Name == "MyIngress.known").Preamble.Id } },
            IdleTimeoutNs = Ttl,
        };
        var result = device.Write(new WriteRequest { Updates = { new Update { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = entry } } } });
        result.Errors.Single()!.Code.Should().Be(Google.Rpc.Code.Unimplemented);
    }
}
