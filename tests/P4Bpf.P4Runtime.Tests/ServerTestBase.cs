using Google.Protobuf;
using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Shared assertions of the loopback server tests.</summary>
public abstract class ServerTestBase
{
    internal static async Task<RpcException> RpcError(Func<Task> call)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(call);
        return ex switch
        {
            RpcException rpc => rpc,
            P4RuntimeBatchException batch => batch.Rpc,
            _ => throw new Xunit.Sdk.XunitException($"expected an RPC error, got {ex}"),
        };
    }

    internal static async Task<P4RuntimeBatchException> BatchError(Func<Task> call) => await Assert.ThrowsAsync<P4RuntimeBatchException>(call);

    internal static ByteString B(params byte[] bytes) => ByteString.CopyFrom(bytes);

    internal static TableEntry Route(P4RuntimeClient c, string prefix, string mac = "0xaabbccddeeff", string port = "3") =>
        c.Entry("ipv4_lpm", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = prefix }, "ipv4_forward", new Dictionary<string, string> { ["dstAddr"] = mac, ["port"] = port });

    internal static Update Insert(TableEntry e) => new() { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = e } };
}
