using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Server;

/// <summary>Maps domain failures to gRPC: plain statuses for RPC-wide errors, UNKNOWN plus one <c>p4.v1.Error</c> per item in <c>grpc-status-details-bin</c> for batches (§12.5).</summary>
public static class StatusDetails
{
    public const string TrailerKey = "grpc-status-details-bin";

    public static RpcException ToRpc(P4RuntimeException ex) => new(new Status((StatusCode)(int)ex.Code, ex.Message));

    /// <summary>The batch failure: overall UNKNOWN, details 1:1 with the items (successful ones carry code OK and nothing else).</summary>
    public static RpcException Batch(string message, IReadOnlyList<P4RuntimeException?> errors)
    {
        var status = new Google.Rpc.Status { Code = (int)Google.Rpc.Code.Unknown, Message = message };
        foreach (var e in errors)
        {
            var error = e is null ? new P4.V1.Error() : new P4.V1.Error { CanonicalCode = (int)e.Code, Message = e.Message, Space = "p4bpf" };
            status.Details.Add(Any.Pack(error));
        }
        var trailers = new Metadata { { TrailerKey, status.ToByteArray() } };
        var failed = errors.Count(e => e is not null);
        return new RpcException(new Status(StatusCode.Unknown, $"{message} ({failed} of {errors.Count} failed)"), trailers);
    }

    /// <summary>Reads the per-item errors back from an <see cref="RpcException"/> (null when it carries none).</summary>
    public static Google.Rpc.Status? Parse(RpcException ex)
    {
        var entry = ex.Trailers.Get(TrailerKey);
        return entry is { IsBinary: true } ? Google.Rpc.Status.Parser.ParseFrom(entry.ValueBytes) : null;
    }
}
