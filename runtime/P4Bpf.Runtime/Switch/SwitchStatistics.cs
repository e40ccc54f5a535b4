using System.Collections.Concurrent;

namespace P4Bpf.Runtime.Switch;

/// <summary>Packet counts of a switch since load (thread-safe): totals, per port (received, sent, dropped) and drops per <see cref="DropReason"/>.</summary>
/// <remarks>Each injected packet costs a few interlocked adds; ports below <see cref="DirectPorts"/> live in an array, others in a dictionary.
/// A received packet is counted on its ingress port, each output on its egress port (the CPU port included), each drop (of the packet or
/// one of its copies) against the ingress port and its reason.</remarks>
public sealed class SwitchStatistics
{
    /// <summary>Ports counted without a dictionary lookup (v1model's 9-bit port space).</summary>
    public const int DirectPorts = 512;

    private static readonly int ReasonCount = Enum.GetValues<DropReason>().Length;
    private readonly PortCounters?[] _direct = new PortCounters?[DirectPorts];
    private readonly ConcurrentDictionary<int, PortCounters> _other = new();
    private readonly long[] _byReason = new long[ReasonCount];
    private long _injected, _sent, _dropped;

    public long Injected => Interlocked.Read(ref _injected);

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Drops (packets or copies) the switch attributed to <paramref name="reason"/>.</summary>
    public long DropsOf(DropReason reason) => (uint)reason < (uint)_byReason.Length ? Interlocked.Read(ref _byReason[(int)reason]) : 0;

    /// <summary>Every reason with at least one drop, with its count.</summary>
    public IReadOnlyDictionary<DropReason, long> DropReasons =>
        Enum.GetValues<DropReason>().Select(r => (r, DropsOf(r))).Where(x => x.Item2 != 0).ToDictionary(x => x.r, x => x.Item2);

    /// <summary>A snapshot of every port that has seen traffic, by port number.</summary>
    public IReadOnlyList<PortStatistics> Ports
    {
        get
        {
            var list = new List<PortStatistics>();
            for (var p = 0; p < _direct.Length; p++)
            {
                if (Volatile.Read(ref _direct[p]) is { } c)
                {
                    list.Add(c.Snapshot(p));
                }
            }
            list.AddRange(_other.Select(kv => kv.Value.Snapshot(kv.Key)));
            list.Sort((a, b) => a.Port.CompareTo(b.Port));
            return list;
        }
    }

    /// <summary>Per-table hits and misses, when the switch counts them (the in-process switch does once enabled); null otherwise.</summary>
    public TableLookupCounts? Tables { get; internal set; }

    /// <summary>The counts of <paramref name="port"/> (all zero when it has seen no traffic).</summary>
    public PortStatistics Port(int port) => Find(port)?.Snapshot(port) ?? new PortStatistics(port, 0, 0, 0, 0, 0);

    private void RecordTotals(int outputs, int drops)
    {
        Interlocked.Increment(ref _injected);
        Interlocked.Add(ref _sent, outputs);
        Interlocked.Add(ref _dropped, drops);
    }

    /// <summary>Counts one packet of <paramref name="length"/> bytes received on <paramref name="port"/> and what it produced.</summary>
    internal void Record(int port, int length, IReadOnlyList<SwitchOutput> outputs, IReadOnlyList<SwitchDrop> drops)
    {
        RecordTotals(outputs.Count, drops.Count);
        var rx = Counters(port);
        Interlocked.Increment(ref rx.RxPackets);
        Interlocked.Add(ref rx.RxBytes, length);
        for (var i = 0; i < outputs.Count; i++)
        {
            var tx = Counters(outputs[i].Port);
            Interlocked.Increment(ref tx.TxPackets);
            Interlocked.Add(ref tx.TxBytes, outputs[i].Data.Length);
        }
        if (drops.Count > 0)
        {
            Interlocked.Add(ref rx.Drops, drops.Count);
            for (var i = 0; i < drops.Count; i++)
            {
                if ((uint)drops[i].Reason < (uint)_byReason.Length)
                {
                    Interlocked.Increment(ref _byReason[(int)drops[i].Reason]);
                }
            }
        }
    }

    private PortCounters? Find(int port) =>
        (uint)port < DirectPorts ? Volatile.Read(ref _direct[port]) : _other.GetValueOrDefault(port);

    private PortCounters Counters(int port)
    {
        if ((uint)port < DirectPorts)
        {
            return Volatile.Read(ref _direct[port]) ?? Interlocked.CompareExchange(ref _direct[port], new PortCounters(), null) ?? _direct[port]!;
        }
        return _other.GetOrAdd(port, static _ => new PortCounters());
    }

    private sealed class PortCounters
    {
        public long RxPackets, RxBytes, TxPackets, TxBytes, Drops;

        public PortStatistics Snapshot(int port) => new(port, Interlocked.Read(ref RxPackets), Interlocked.Read(ref RxBytes),
            Interlocked.Read(ref TxPackets), Interlocked.Read(ref TxBytes), Interlocked.Read(ref Drops));
    }
}

/// <summary>One port's counts: packets and bytes received and sent, and drops of packets that arrived on it.</summary>
public readonly record struct PortStatistics(int Port, long RxPackets, long RxBytes, long TxPackets, long TxBytes, long Drops);
