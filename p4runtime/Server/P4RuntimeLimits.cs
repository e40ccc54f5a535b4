using Grpc.Core;
using P4.V1;

namespace P4Bpf.P4Runtime.Server;

/// <summary>Per-request limits the service enforces before any work is done.</summary>
/// <param name="MaxUpdatesPerWrite">Most updates in one WriteRequest.</param>
public sealed record P4RuntimeLimits(int MaxUpdatesPerWrite)
{
    /// <summary>Refuses an oversized batch as a whole with RESOURCE_EXHAUSTED (nothing is applied).</summary>
    public void CheckWrite(WriteRequest request)
    {
        if (request.Updates.Count > MaxUpdatesPerWrite)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"write batch of {request.Updates.Count} updates exceeds the server limit of {MaxUpdatesPerWrite} updates per WriteRequest; nothing was applied (split the batch)"));
        }
    }
}
