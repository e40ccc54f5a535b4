using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using P4.V1;
using P4Bpf.P4Runtime.Server;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>Oversized and malformed requests are rejected with the right status while traffic flows through the switch, which keeps forwarding.</summary>
public sealed class AbuseUnderTrafficTests : ServerTestBase
{
    [Fact]
    public async Task OversizedAndMalformedRequests_AreRejected_WhileTrafficFlows()
    {
        await using var server = await LoopbackServer.StartAsync(options: new P4RuntimeServerOptions
        {
            Address = "127.0.0.1:0", DetailedErrors = true, MaxUpdatesPerWrite = 50, MaxReceiveMessageSize = 64 * 1024,
        });
        var c = await server.PrimaryWithPipelineAsync();
        await c.InsertAsync(Route(c, "10.0.0.0/8", port: "3"));
        var sw = server.Switch!;
        var ct = TestContext.Current.CancellationToken;

        // Traffic: packets to 10.x must leave on port 3 the whole time.
        using var stop = new CancellationTokenSource();
        var (forwarded, wrong) = (0, 0);
        var traffic = Task.Run(() =>
        {
            var packet = Packets.Ipv4(Packets.Ip(10, 1, 2, 3));
            while (!stop.IsCancellationRequested)
            {
                var outputs = sw.Inject(1, packet).Outputs;
                if (outputs.Count == 1 && outputs[0].Port == 3)
                {
                    forwarded++;
                }
                else
                {
                    wrong++;
                }
            }
        }, ct);

        // Oversized batch: refused whole.
        var batch = Enumerable.Range(1, 51).Select(i => Insert(Route(c, $"192.168.{i}.0/24", port: "5"))).ToList();
        (await RpcError(() => c.WriteAsync(batch))).StatusCode.Should().Be(StatusCode.ResourceExhausted);

        // Oversized message: refused by the transport limit.
        var big = new WriteRequest { DeviceId = 1, ElectionId = new Uint128 { Low = 10 } };
        big.Updates.Add(Insert(Route(c, "20.0.0.0/8")));
        big.Updates[0].Entity.TableEntry.Metadata = ByteString.CopyFrom(new byte[100 * 1024]);
        (await Assert.ThrowsAsync<RpcException>(async () => await c.Stub.WriteAsync(big, cancellationToken: ct))).StatusCode.Should().Be(StatusCode.ResourceExhausted);

        // Bytes that are not a WriteRequest at all.
        using (var raw = GrpcChannel.ForAddress(server.Address))
        {
            var bytes = Marshallers.Create<byte[]>(b => b, b => b);
            var write = new Method<byte[], byte[]>(MethodType.Unary, "p4.v1.P4Runtime", "Write", bytes, bytes);
            var garbage = await Assert.ThrowsAsync<RpcException>(async () =>
                await raw.CreateCallInvoker().AsyncUnaryCall(write, null, new CallOptions(cancellationToken: ct), [0x0a, 0xff, 0xff, 0xff, 0xff, 0xff]));
            garbage.StatusCode.Should().Be(StatusCode.Unknown, "grpc-dotnet fails a request it cannot deserialize before our code runs");
            garbage.Status.Detail.Should().Contain("InvalidProtocolBufferException");
        }

        // Malformed updates: each fails alone with its own code, the valid one in the batch is applied.
        var badWidth = Route(c, "30.0.0.0/8");
        var portId = c.P4Info!.Param(c.P4Info.Action("ipv4_forward"), "port").Id;
        badWidth.Action.Action.Params.Single(p => p.ParamId == portId).Value = ByteString.CopyFrom(0xff, 0xff, 0xff); // 24 bits for a bit<9>
        var malformed = await BatchError(() => c.WriteAsync([
            new Update { Type = Update.Types.Type.Insert },
            Insert(new TableEntry { TableId = 0x02ffffff }),
            Insert(badWidth),
            new Update { Type = Update.Types.Type.Unspecified, Entity = new Entity { TableEntry = Route(c, "31.0.0.0/8") } },
            Insert(Route(c, "40.0.0.0/8", port: "4")),
        ]));
        malformed.Errors.Select(e => (e.Index, e.Code)).Should().Equal(
            (0, StatusCode.InvalidArgument), (1, StatusCode.NotFound), (2, StatusCode.InvalidArgument), (3, StatusCode.InvalidArgument));

        // A stream that does not start with arbitration ends with FAILED_PRECONDITION; a bad PacketOut is a StreamError.
        await using (var rogue = new Client.P4RuntimeClient(server.Address))
        {
            using var call = rogue.Stub.StreamChannel(cancellationToken: ct);
            await call.RequestStream.WriteAsync(new StreamMessageRequest { Packet = new PacketOut() }, ct);
            var ended = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(ct));
            ended.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        }
        await c.SendPacketOutAsync([1, 2, 3]);
        (await c.StreamErrors.ReadAsync(ct).AsTask().WaitAsync(RoleTests.Wait, ct)).CanonicalCode.Should().Be((int)Google.Rpc.Code.InvalidArgument);

        // Let traffic run a little after the last abuse, then check nothing was disturbed.
        var before = Volatile.Read(ref forwarded);
        for (var i = 0; i < 200 && Volatile.Read(ref forwarded) < before + 100; i++)
        {
            await Task.Delay(10, ct);
        }
        await stop.CancelAsync();
        await traffic;
        wrong.Should().Be(0, "every packet was forwarded to port 3 during the abuse");
        forwarded.Should().BeGreaterThan(100);
        (await c.ReadTableAsync("ipv4_lpm")).Should().HaveCount(2, "10/8 and the valid 40/8; nothing of the refused requests");
        sw.Inject(1, Packets.Ipv4(Packets.Ip(40, 0, 0, 1))).Outputs.Single().Port.Should().Be(4);
    }
}
