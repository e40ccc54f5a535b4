using P4.V1;
using P4Bpf.Cli.Demo;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Examples;

/// <summary>The xdp-ddos's controller: watches two source networks, starts with one network blocked, and every 100 ms (of capture
/// time) reads the watched networks' packet counters; a network sending faster than its limit is added to the blocklist.</summary>
internal sealed class XdpDdosController : ExampleController
{
    private const long LimitPerSecond = 50;

    /// <summary>Watched networks: slot → prefix (the slot indexes the seen/dropped counters).</summary>
    private static readonly Dictionary<int, string> Watched = new() { [1] = "203.0.113.0/24", [2] = "198.18.0.0/24" };
    private const int PreBlockedSlot = 3;
    private const string PreBlocked = "192.0.2.0/24";

    private readonly Dictionary<int, long> last = [];
    private readonly HashSet<int> blocked = [];
    private TimeSpan lastTick;

    public override string Example => "xdp-ddos";

    public override string Description => $"XDP early drop (xdp_model): a blocklist of source prefixes, and watched prefixes the controller blocks once they exceed {LimitPerSecond} packets/s.";

    public override TimeSpan? TickInterval => TimeSpan.FromMilliseconds(100);

    public override async Task InstallAsync(P4RuntimeClient client)
    {
        var updates = Watched.Select(w => Insert(client.Entry("watch", Args(("hdr.ipv4.srcAddr", w.Value)), "observe", Args(("slot", w.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)))))).ToList();
        updates.Add(Insert(client.Entry("blocklist", Args(("hdr.ipv4.srcAddr", PreBlocked)), "block", Args(("slot", PreBlockedSlot.ToString(System.Globalization.CultureInfo.InvariantCulture))))));
        await client.WriteAsync(updates).ConfigureAwait(false);
        Log.Add($"watching {string.Join(", ", Watched.Values)}; {PreBlocked} blocked from the start");
    }

    private static Update Insert(TableEntry e) => new() { Type = Update.Types.Type.Insert, Entity = new Entity { TableEntry = e } };

    public override async Task OnTickAsync(P4RuntimeClient client, TimeSpan captureTime)
    {
        var seen = await CountersAsync(client, "seen").ConfigureAwait(false);
        var elapsed = (captureTime - lastTick).TotalSeconds;
        lastTick = captureTime;
        foreach (var (slot, prefix) in Watched)
        {
            var now = seen.GetValueOrDefault(slot).Packets;
            var delta = now - last.GetValueOrDefault(slot);
            last[slot] = now;
            var rate = delta / elapsed;
            if (rate > LimitPerSecond && blocked.Add(slot))
            {
                await client.InsertAsync(client.Entry("blocklist", Args(("hdr.ipv4.srcAddr", prefix)), "block", Args(("slot", slot.ToString(System.Globalization.CultureInfo.InvariantCulture))))).ConfigureAwait(false);
                Log.Add($"t={captureTime.TotalMilliseconds:0} ms: {prefix} sent {delta} packets in {elapsed * 1000:0} ms ({rate:0} packets/s > {LimitPerSecond}): blocked");
            }
        }
    }

    public override async Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client)
    {
        var lines = new List<string>(Log);
        var seen = await CountersAsync(client, "seen").ConfigureAwait(false);
        var dropped = await CountersAsync(client, "dropped").ConfigureAwait(false);
        foreach (var (slot, prefix) in Watched.Append(new(PreBlockedSlot, PreBlocked)))
        {
            lines.Add($"{prefix,-16} passed (seen) {seen.GetValueOrDefault(slot).Packets,4}, dropped at XDP {dropped.GetValueOrDefault(slot).Packets,4}");
        }
        return lines;
    }
}
