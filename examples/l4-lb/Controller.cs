using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The l4-lb's controller: makes one action selector member per backend (<c>set_backend(dmac, port)</c>), puts them in
/// a group, and points the virtual service's <c>lb</c> entry at the group. The data plane's flow log (digest <c>flow_log</c>: the
/// 5-tuple and backend port of every forwarded packet) tells it which backend each flow went to; at the end it reads how many
/// packets the service got (the entry's direct counter) and each backend got (<c>backend_packets</c>, indexed by port), and
/// checks the flow log: flows per backend, and whether every packet of a flow went to the same backend.</summary>
internal sealed class L4LbController : ExampleController
{
    /// <summary>How long the report waits for flow-log digests still on their way (the stream is asynchronous).</summary>
    private static readonly TimeSpan FlowLogWait = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();

    /// <summary>Flow (client:port → vip:vport/protocol) → packets seen per backend port.</summary>
    private readonly Dictionary<string, Dictionary<int, long>> _flows = new(StringComparer.Ordinal);
    private long _logged;

    private const string Profile = "backends";
    private const uint Group = 1;
    private static readonly (string Mac, int Port)[] Backends = [("00:00:00:00:0b:01", 2), ("00:00:00:00:0b:02", 3), ("00:00:00:00:0b:03", 4)];

    public override string Example => "l4-lb";

    public override string Description => "Layer-4 load balancer (PSA): TCP to 10.0.0.100:80 is spread over 3 backends by an ActionSelector (CRC32 of the 5-tuple picks the group member, so a flow stays on its backend).";

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        static string S(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Members first, then the group that holds them (weight 1 each: one selection slot per backend, in this order),
        // then the entry that runs the group: one write each, as the references must exist before they are used.
        var members = new List<Update>();
        for (var i = 0; i < Backends.Length; i++)
        {
            var (mac, port) = Backends[i];
            members.Add(new Update
            {
                Type = Update.Types.Type.Insert,
                Entity = new Entity { ActionProfileMember = client.Member(Profile, MemberId(i), "set_backend", Args(("dmac", mac), ("port", S(port)))) },
            });
        }
        await client.WriteAsync(members).ConfigureAwait(false);
        await client.WriteAsync(Update.Types.Type.Insert, client.Group(Profile, Group, Backends.Select((_, i) => (MemberId(i), 1)))).ConfigureAwait(false);
        await client.InsertAsync(client.GroupEntry("lb", Args(("vip", "10.0.0.100"), ("protocol", "6"), ("vport", "80")), Group)).ConfigureAwait(false);
        // One digest list per record, no duplicate suppression: every packet of a flow is logged.
        await client.EnableDigestAsync("flow_log", maxTimeoutNs: 0, maxListSize: 1, ackTimeoutNs: 0).ConfigureAwait(false);
        Log.Add($"VIP 10.0.0.100 tcp/80 -> selector group {Group}: members {string.Join(", ", Backends.Select((b, i) => $"{MemberId(i)} = {b.Mac} on port {b.Port}"))}");
    }

    private static uint MemberId(int backend) => (uint)(backend + 1);

    public override async Task OnDigestAsync(P4RuntimeClient client, DigestList digests)
    {
        foreach (var d in digests.Data)
        {
            // flow_log_t: client, vip, client_port, vport, protocol, backend_port.
            var f = d.Struct.Members.Select(m => (long)new System.Numerics.BigInteger(m.Bitstring.Span, isUnsigned: true, isBigEndian: true)).ToList();
            if (f.Count != 6)
            {
                throw new FormatException($"flow_log digest with {f.Count} fields, expected 6");
            }
            var flow = $"{Ip(f[0])}:{f[2]} -> {Ip(f[1])}:{f[3]}/{f[4]}";
            lock (_gate)
            {
                if (!_flows.TryGetValue(flow, out var ports))
                {
                    _flows[flow] = ports = [];
                }
                ports[(int)f[5]] = ports.GetValueOrDefault((int)f[5]) + 1;
                _logged++;
            }
        }
        await client.AckDigestAsync(digests).ConfigureAwait(false);
    }

    private static string Ip(long v) => new System.Net.IPAddress(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)v)).ToString();

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        long forwarded = 0;
        foreach (var e in await client.ReadTableAsync("lb", withCounters: true).ConfigureAwait(false))
        {
            forwarded += e.CounterData?.PacketCount ?? 0;
            lines.Add($"VIP entry {MatchSummary.Render(client, e)} (group {e.Action.ActionProfileGroupId}): {e.CounterData?.PacketCount ?? 0} packets");
        }
        // The flow log arrives over the stream: wait (bounded) until it accounts for every packet the VIP entry forwarded.
        var deadline = DateTime.UtcNow + FlowLogWait;
        while (Interlocked.Read(ref _logged) < forwarded && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
        Dictionary<string, Dictionary<int, long>> flows;
        lock (_gate)
        {
            flows = _flows.ToDictionary(f => f.Key, f => new Dictionary<int, long>(f.Value), StringComparer.Ordinal);
        }
        foreach (var (mac, port) in Backends)
        {
            var cell = (await client.ReadCounterAsync("backend_packets", port).ConfigureAwait(false)).SingleOrDefault();
            var onBackend = flows.Count(f => f.Value.ContainsKey(port));
            lines.Add($"backend {mac} (port {port}): {cell?.Data?.PacketCount ?? 0} packets, {onBackend} flows");
        }
        var repeated = flows.Where(f => f.Value.Values.Sum() > 1).ToList();
        var split = flows.Where(f => f.Value.Count > 1).Select(f => f.Key).ToList();
        lines.Add($"flow log: {Interlocked.Read(ref _logged)} packets in {flows.Count} flows; {repeated.Count} flows sent more than one packet, "
            + (split.Count == 0 ? "each stayed on its backend" : $"{split.Count} moved between backends: {string.Join("; ", split)}"));
        return lines;
    }
}
