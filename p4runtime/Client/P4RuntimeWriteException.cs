using Grpc.Core;
using P4Bpf.P4Runtime.Server;

namespace P4Bpf.P4Runtime.Client;

/// <summary>One failed update (or read filter) of a batch: its index, canonical code and message.</summary>
public sealed record UpdateError(int Index, StatusCode Code, string Message);

/// <summary>A Write or Read that failed for some items; <see cref="Errors"/> lists each failed one (from <c>grpc-status-details-bin</c>).</summary>
public sealed class P4RuntimeBatchException(RpcException inner, IReadOnlyList<UpdateError> errors)
    : Exception($"{inner.Status.Detail}: " + string.Join("; ", errors.Take(5).Select(e => $"#{e.Index} {e.Code}: {e.Message}")), inner)
{
    public IReadOnlyList<UpdateError> Errors { get; } = errors;

    public RpcException Rpc { get; } = inner;

    /// <summary>Turns an UNKNOWN status with p4.v1.Error details into a batch exception; other failures are returned unchanged.</summary>
    public static Exception From(RpcException ex)
    {
        var status = ex.StatusCode == StatusCode.Unknown ? StatusDetails.Parse(ex) : null;
        if (status is null)
        {
            return ex;
        }
        var errors = new List<UpdateError>();
        for (var i = 0; i < status.Details.Count; i++)
        {
            if (status.Details[i].TryUnpack<P4.V1.Error>(out var e) && e.CanonicalCode != 0)
            {
                errors.Add(new UpdateError(i, (StatusCode)e.CanonicalCode, e.Message));
            }
        }
        return new P4RuntimeBatchException(ex, errors);
    }
}
