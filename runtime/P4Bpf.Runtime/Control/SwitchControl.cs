using System.Collections.Concurrent;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Control;

/// <summary>The runtime API a controller (the P4Runtime server, the STF runner) uses: tables, default actions, counters, registers, meters,
/// value sets, multicast groups and clone sessions, digests, packet-in/packet-out. Names are P4 names (full or a unique suffix).</summary>
/// <remarks>Thread-safe: control operations serialise on a lock; map updates are atomic per entry, so packets may flow meanwhile.
/// Every method either applies completely or throws <see cref="ControlException"/> with nothing changed.</remarks>
public sealed partial class SwitchControl
{
    private readonly ISwitch _switch;
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<PacketIn> _packetIns = new();

    internal SwitchControl(ISwitch owner)
    {
        _switch = owner;
        foreach (var t in Layout.Tables)
        {
            _tables[t.Name] = new TableState(t);
        }
    }

    public LayoutManifest Layout => _switch.Layout;

    /// <summary>Multicast groups and clone sessions (the packet replication engine).</summary>
    public PacketReplicationEngine Replication => _switch.Replication;

    /// <summary>Raised for each packet the pipeline sends to the CPU port; when nobody listens, packets queue for <see cref="DrainPacketIns"/>.</summary>
    public event Action<PacketIn>? PacketIn;

    /// <summary>Sends a packet from the controller into the pipeline as if it arrived on the CPU port (P4Runtime packet-out); returns what it produced.</summary>
    public InjectResult PacketOut(ReadOnlySpan<byte> packet)
    {
        var port = _switch.CpuPort ?? throw new ControlException(ControlErrorCode.Unimplemented, $"packet-out needs a CPU port ({_switch.Architecture} has none by default; set SwitchOptions.CpuPort)");
        return _switch.Inject(port, packet);
    }

    /// <summary>Packet-ins that arrived while no <see cref="PacketIn"/> handler was attached.</summary>
    public IReadOnlyList<PacketIn> DrainPacketIns()
    {
        var list = new List<PacketIn>();
        while (_packetIns.TryDequeue(out var p))
        {
            list.Add(p);
        }
        return list;
    }

    internal bool DeliverPacketIn(SwitchOutput output)
    {
        var p = new PacketIn(output.Port, output.Data);
        if (PacketIn is { } handler)
        {
            handler(p);
        }
        else
        {
            _packetIns.Enqueue(p);
        }
        return true;
    }

    /// <summary>The P4 error name for a parser error code.</summary>
    public string ErrorName(long code) =>
        code >= 0 && code < Layout.Errors.Count ? Layout.Errors[(int)code] : $"error {code}";

    private IMapAccess Map(string name) =>
        _switch.FindMap(name) ?? throw new ControlException(ControlErrorCode.Internal, $"the object has no map {name}");

    private static void Check(int rc, string what)
    {
        if (rc != 0)
        {
            throw new ControlException(rc == -Errno.E2BIG || rc == -Errno.ENOMEM ? ControlErrorCode.ResourceExhausted : ControlErrorCode.Internal,
                $"{what} failed: {Errno.Name(rc)}");
        }
    }

    /// <summary>Deletes every table entry, resets default actions, clears counters/registers/meters, replication and digests (STF <c>remove all</c> covers the tables only).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            foreach (var t in _tables.Values)
            {
                ClearTable(t);
                if (t.Layout.DefaultMap is not null && !t.Layout.DefaultAction.Const)
                {
                    Map(t.Layout.DefaultMap).Update(new byte[4], new byte[t.Layout.ValueSize]);
                }
            }
            ClearActionProfiles();
        }
        foreach (var c in Layout.Counters)
        {
            ResetCounter(c.Name);
        }
        foreach (var r in Layout.Registers)
        {
            ResetRegister(r.Name);
        }
        Replication.Clear();
        foreach (var d in Layout.Digests)
        {
            DrainDigests(d.Name);
        }
    }
}
