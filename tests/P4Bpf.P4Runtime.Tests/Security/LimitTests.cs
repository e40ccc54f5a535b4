using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Server;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>Request limits: oversized batches and messages are refused whole, and the switch keeps working.</summary>
public sealed class LimitTests : ServerTestBase
{
    [Fact]
    public async Task OversizedWriteBatch_IsResourceExhausted_NothingApplied_SwitchKeepsForwarding()
    {
        await using var server = await LoopbackServer.StartAsync(options: new P4RuntimeServerOptions { Address = "127.0.0.1:0", DetailedErrors = true, MaxUpdatesPerWrite = 4 });
        var c = await server.PrimaryWithPipelineAsync();
        await c.InsertAsync(Route(c, "10.0.0.0/8", port: "3"));

        var batch = Enumerable.Range(1, 5).Select(i => Insert(Route(c, $"192.168.{i}.0/24", port: "5"))).ToList();
        var error = await RpcError(() => c.WriteAsync(batch));
        error.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        error.Status.Detail.Should().Contain("5 updates").And.Contain("limit of 4").And.Contain("nothing was applied");

        (await c.ReadTableAsync("ipv4_lpm")).Should().ContainSingle("no update of the refused batch was applied");
        server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3))).Outputs.Single().Port.Should().Be(3, "the switch keeps forwarding");
        server.Switch.Inject(1, Packets.Ipv4(Packets.Ip(192, 168, 1, 1))).Outputs.Should().BeEmpty();

        await c.WriteAsync(batch.Take(4));
        (await c.ReadTableAsync("ipv4_lpm")).Should().HaveCount(5, "a batch at the limit is accepted");
        server.Switch.Inject(1, Packets.Ipv4(Packets.Ip(192, 168, 1, 1))).Outputs.Single().Port.Should().Be(5);
    }

    [Fact]
    public async Task OversizedMessage_IsResourceExhausted_AndTheServerKeepsServing()
    {
        await using var server = await LoopbackServer.StartAsync(options: new P4RuntimeServerOptions { Address = "127.0.0.1:0", DetailedErrors = true, MaxReceiveMessageSize = 4096 });
        await using var client = new P4RuntimeClient(server.Address);
        var big = new WriteRequest { DeviceId = 1, ElectionId = new Uint128 { Low = 1 } };
        for (var i = 0; i < 1000; i++)
        {
            big.Updates.Add(new Update { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = new TableEntry { TableId = 1, Priority = i + 1 } } });
        }
        big.CalculateSize().Should().BeGreaterThan(4096);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.Stub.WriteAsync(big, cancellationToken: TestContext.Current.CancellationToken));
        error.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        (await client.CapabilitiesAsync()).Should().NotBeEmpty("the server keeps serving after refusing a message");
    }

    [Fact]
    public async Task ConcurrentStreamsPerConnection_FollowTheOption()
    {
        // Kestrel advertises the limit in SETTINGS_MAX_CONCURRENT_STREAMS; RPCs beyond it wait or go to another connection, never fail.
        await using var server = await LoopbackServer.StartAsync(options: new P4RuntimeServerOptions { Address = "127.0.0.1:0", DetailedErrors = true, MaxConcurrentStreams = 2 });
        await using var client = new P4RuntimeClient(server.Address);
        var calls = Enumerable.Range(0, 8).Select(_ => client.CapabilitiesAsync()).ToList();
        (await Task.WhenAll(calls)).Should().AllSatisfy(v => v.Should().NotBeEmpty());
    }
}
