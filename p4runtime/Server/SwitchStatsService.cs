using Google.Rpc;
using Grpc.Core;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Stats;
using P4Bpf.P4Runtime.Targets;

namespace P4Bpf.P4Runtime.Server;

/// <summary>p4bpf's <c>SwitchStats</c> service (p4bpf/switch_stats.proto): per-port packet and byte counts and drops per reason of a device's switch,
/// which P4Runtime has no entities for.</summary>
/// <remarks>Served on the P4Runtime listener, so it has the same TLS/mTLS; like a P4Runtime Read it needs no arbitration, and it exposes no P4 entities,
/// so it is not confined by roles.</remarks>
public sealed class SwitchStatsService(P4RuntimeCore core) : SwitchStats.SwitchStatsBase
{
    public override Task<GetStatsResponse> GetStats(GetStatsRequest request, ServerCallContext context)
    {
        try
        {
            return Task.FromResult(core.Device(request.DeviceId).ReadDevice(device => Build(request.DeviceId, device)));
        }
        catch (P4RuntimeException ex)
        {
            throw StatusDetails.ToRpc(ex);
        }
    }

    private static GetStatsResponse Build(ulong deviceId, IP4Device device)
    {
        if (device is not SwitchDevice { Switch: var sw })
        {
            throw new P4RuntimeException(Code.Unimplemented, $"device {deviceId} keeps no port statistics (its target has no switch, only maps)");
        }
        var stats = sw.Statistics;
        var response = new GetStatsResponse
        {
            DeviceId = deviceId,
            Received = (ulong)stats.Injected,
            Sent = (ulong)stats.Sent,
            Dropped = (ulong)stats.Dropped,
        };
        if (sw.CpuPort is { } cpu)
        {
            // PSA's PSA_PORT_CPU (0xfffffffd) is negative as an int: ports travel as their 32-bit pattern.
            response.CpuPort = unchecked((uint)cpu);
        }
        foreach (var p in stats.Ports)
        {
            response.Ports.Add(new PortStats
            {
                Port = unchecked((uint)p.Port),
                RxPackets = (ulong)p.RxPackets,
                RxBytes = (ulong)p.RxBytes,
                TxPackets = (ulong)p.TxPackets,
                TxBytes = (ulong)p.TxBytes,
                Drops = (ulong)p.Drops,
            });
        }
        foreach (var (reason, count) in stats.DropReasons)
        {
            response.Drops.Add(new DropReasonCount { Reason = reason.ToString(), Count = (ulong)count });
        }
        if (stats.Tables is { } tables)
        {
            tables.Enable();
            response.TablesCounted = true;
            foreach (var t in tables.Snapshot())
            {
                var row = new TableLookups { Table = t.Table, Misses = (ulong)t.Misses };
                if (t.Hits is { } hits)
                {
                    row.Hits = (ulong)hits;
                }
                response.Tables.Add(row);
            }
        }
        return response;
    }
}
