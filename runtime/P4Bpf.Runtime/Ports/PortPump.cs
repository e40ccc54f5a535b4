using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Ports;

/// <summary>Moves packets between ports and a switch: every inbound packet is injected, every output goes to the port with its number.</summary>
public static class PortPump
{
    /// <summary>Drains every port's inbound packets (round robin) through the switch; returns the number injected. Outputs to unknown ports are counted as drops.</summary>
    public static int RunUntilIdle(P4Switch sw, IReadOnlyList<IPacketPort> ports, Action<InjectResult>? observe = null)
    {
        var byNumber = ports.ToDictionary(p => p.Number);
        var injected = 0;
        bool any;
        do
        {
            any = false;
            foreach (var port in ports)
            {
                if (!port.TryReceive(out var packet))
                {
                    continue;
                }
                any = true;
                injected++;
                var result = sw.Inject(port.Number, packet);
                foreach (var o in result.Outputs)
                {
                    if (byNumber.TryGetValue(o.Port, out var target))
                    {
                        target.Send(o.Data);
                    }
                }
                observe?.Invoke(result);
            }
        }
        while (any);
        return injected;
    }
}
