using Grpc.Core;
using P4Bpf.P4Runtime.Stats;

namespace P4Bpf.P4Runtime.Client;

public sealed partial class P4RuntimeClient
{
    /// <summary>p4bpf's <c>SwitchStats.GetStats</c> for this client's device over the same connection: port counts and drops per reason.</summary>
    /// <returns>The counts, or null when the server does not offer the service (another P4Runtime switch answers UNIMPLEMENTED).</returns>
    /// <exception cref="RpcException">Any other failure (no pipeline, unknown device, the server went away).</exception>
    public async Task<GetStatsResponse?> GetSwitchStatsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await new SwitchStats.SwitchStatsClient(channel).GetStatsAsync(new GetStatsRequest { DeviceId = DeviceId }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            return null;
        }
    }
}
