using System.Buffers.Binary;
using System.Diagnostics;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Control;

/// <summary>
/// Records when table entries are hit, for idle timeouts: the switch's <c>bpf_map_lookup_elem</c> hook reports each successful lookup in a
/// watched table's map (the key the program looked up), and <see cref="EndPacket"/> stamps, per table, the lookup that decided the packet
/// (for ternary tables the probe with the highest priority). <see cref="SwitchControl.LastHit"/> resolves the stamped keys to entries.
/// </summary>
/// <remarks>Only tables passed to <see cref="SwitchControl.ObserveHits"/> cost anything; the hook checks one volatile flag otherwise.
/// The kernel target has no such hook (kernel hash and LPM maps keep no per-element access time), so it cannot observe hits.</remarks>
public sealed class TableHitTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TableLayout> _watched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _stamps = new(StringComparer.Ordinal);
    private volatile bool _active;

    /// <summary>Distinct looked-up keys kept per table between two resolutions (LPM lookups use packet keys, so they are bounded here);
    /// beyond it new keys are not stamped until the control plane next resolves the table — hits are best effort, as P4Runtime allows.</summary>
    public const int MaxStampsPerTable = 1 << 16;

    [ThreadStatic]
    private static Dictionary<string, (int Priority, byte[] Key)>? t_packet;

    /// <summary>True when at least one table is watched.</summary>
    public bool Active => _active;

    /// <summary>True once a data path feeds this tracker (the in-process <see cref="Switch.P4Switch"/> hooks its map lookups). The kernel and
    /// multi-core targets do not, so they cannot observe hits.</summary>
    public bool Connected { get; private set; }

    internal void Connect() => Connected = true;

    internal void Watch(TableLayout table)
    {
        lock (_gate)
        {
            if (table.Map is not null)
            {
                _watched[table.Map] = table;
                _active = true;
            }
        }
    }

    /// <summary>Called by the lookup hook after a lookup that found a value (<paramref name="result"/> ≠ 0).</summary>
    internal unsafe void Observe(ulong mapHandle, ulong keyAddress, ulong result, VmRunContext context)
    {
        var map = BpfMap.FromHandle((nint)mapHandle);
        TableLayout? table;
        lock (_gate)
        {
            if (map is null || !_watched.TryGetValue(map.Name, out table))
            {
                return;
            }
        }
        byte[] key;
        try
        {
            key = context.GetSpan(keyAddress, map.KeySize, false).ToArray();
        }
        catch (VmException)
        {
            return;
        }
        var priority = table.Kind == TableKind.Ternary ? (int)BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>((void*)(result + (ulong)table.PriorityOffset), 4)) : 0;
        var packet = t_packet ??= new Dictionary<string, (int, byte[])>(StringComparer.Ordinal);
        if (!packet.TryGetValue(table.Name, out var best) || priority > best.Priority)
        {
            packet[table.Name] = (priority, key);
        }
    }

    /// <summary>Stamps the lookups of the packet that just finished (on this thread) with the current time.</summary>
    public void EndPacket()
    {
        if (t_packet is not { Count: > 0 } packet)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var (table, (_, key)) in packet)
            {
                if (!_stamps.TryGetValue(table, out var stamps))
                {
                    _stamps[table] = stamps = new Dictionary<string, long>(StringComparer.Ordinal);
                }
                var hex = Convert.ToHexString(key);
                if (stamps.Count < MaxStampsPerTable || stamps.ContainsKey(hex))
                {
                    stamps[hex] = now;
                }
            }
        }
        packet.Clear();
    }

    /// <summary>Takes the (looked-up key hex → last time) stamps of a table recorded since the previous call.</summary>
    internal Dictionary<string, long>? Take(string table)
    {
        lock (_gate)
        {
            return _stamps.Remove(table, out var stamps) ? stamps : null;
        }
    }
}
