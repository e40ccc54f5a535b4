using System.Numerics;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using P4Bpf.P4Runtime.Core;

namespace P4Bpf.P4Runtime.Targets;

/// <summary>A data plane that is only the program's eBPF maps, programmed through the layout manifest (what a control plane does to a loaded object).</summary>
/// <remarks>
/// Owns one <see cref="BpfMap"/> per map of the object (or uses maps handed in, e.g. those of a running engine). Tables, defaults,
/// counters, registers, meters and value sets are real map writes; the packet replication engine and packet I/O belong to a switch
/// and are reported as unsupported. Ternary entries that share a masked key are kept per key, the highest priority in the map.
/// </remarks>
public sealed partial class MapDevice : IP4Device
{
    private readonly Dictionary<string, IMapAccess> maps;
    private readonly bool ownsMaps;
    private readonly IDisposable? owner;
    private readonly LayoutManifest layout;
    private readonly Dictionary<string, TernaryMaskSet> masks = [];
    private readonly Dictionary<string, List<(DeviceEntry Entry, byte[] Value)>> owners = new(StringComparer.Ordinal);

    public MapDevice(LayoutManifest layout, IReadOnlyDictionary<string, BpfMap> maps)
        : this(layout, maps.ToDictionary(p => p.Key, p => (IMapAccess)p.Value, StringComparer.Ordinal), owns: false, owner: null, installInitialEntries: true)
    {
    }

    private MapDevice(LayoutManifest layout, Dictionary<string, IMapAccess> maps, bool owns, IDisposable? owner, bool installInitialEntries)
    {
        this.layout = layout;
        this.maps = maps;
        ownsMaps = owns;
        this.owner = owner;
        if (installInitialEntries)
        {
            InstallInitialEntries();
        }
    }

    /// <summary>A device over maps that live elsewhere, e.g. a program loaded into the kernel (<c>KernelObject.Map</c>): every write goes to
    /// <paramref name="maps"/>. <paramref name="owner"/> (the loaded object) is disposed with the device; pass
    /// <paramref name="installInitialEntries"/> false when the loader already installed the program's own entries.</summary>
    public static MapDevice Over(LayoutManifest layout, IReadOnlyDictionary<string, IMapAccess> maps, IDisposable? owner = null, bool installInitialEntries = true) =>
        new(layout, new Dictionary<string, IMapAccess>(maps, StringComparer.Ordinal), owns: false, owner, installInitialEntries);

    /// <summary>Creates every map of <paramref name="program"/> (one CPU slot for per-CPU maps) and installs the program's entries.</summary>
    public static MapDevice Create(ObjectSpec program, LayoutManifest layout)
    {
        var maps = new Dictionary<string, IMapAccess>(StringComparer.Ordinal);
        foreach (var spec in program.Maps.Where(m => !m.IsDataSection))
        {
            var result = BpfMap.Create(new MapDefinition(spec.Type, spec.KeySize, spec.ValueSize, spec.MaxEntries, (MapFlags)spec.Flags, spec.Name), possibleCpus: 1);
            maps[spec.Name] = result.Map ?? throw new DeviceException(DeviceErrorKind.Invalid, $"map {spec.Name}: {result.Error}");
        }
        return new MapDevice(layout, maps, owns: true, owner: null, installInitialEntries: true);
    }

    /// <summary>The device factory for a P4Runtime core that programs maps only.</summary>
    public static P4DeviceFactory Factory => (program, layout, _) => Create(program, layout);

    public IReadOnlyDictionary<string, IMapAccess> Maps => maps;

    public event Action<byte[]>? PacketIn
    {
        add { }
        remove { }
    }

    public event Action<string, byte[]>? Digest;

    private IMapAccess Map(string? name, string what) =>
        name is not null && maps.TryGetValue(name, out var m) ? m : throw new DeviceException(DeviceErrorKind.Invalid, $"{what}: no map {name}");

    private TableLayout Table(string name) =>
        layout.Tables.FirstOrDefault(t => t.Name == name) ?? throw new DeviceException(DeviceErrorKind.Invalid, $"no table {name} in the layout");

    private static void Check(int rc, string what)
    {
        if (rc == 0)
        {
            return;
        }
        var kind = rc is -Errno.E2BIG or -Errno.ENOSPC or -Errno.ENOMEM ? DeviceErrorKind.Full : DeviceErrorKind.Internal;
        throw new DeviceException(kind, kind == DeviceErrorKind.Full ? $"{what}: table full" : $"{what}: map update failed ({Errno.Name(rc)})");
    }

    private void InstallInitialEntries()
    {
        foreach (var t in layout.Tables.Where(t => t.Kind != TableKind.Const && t.Map is not null))
        {
            foreach (var e in t.Entries)
            {
                var keys = e.Keys.Select((k, i) => InitialEntryText.ParseKey(k, t.Key[i].Width)).ToList();
                InsertEntry(new DeviceEntry(t.Name, keys, t.Kind == TableKind.Ternary ? Math.Max(1, e.Priority) : 0, e.Action, e.Arguments.Select(InitialEntryText.ParseNumber).ToList()));
            }
        }
    }

    /// <summary>Polls the digest queues and raises <see cref="Digest"/> for each element (the switch does this per packet).</summary>
    public int PollDigests()
    {
        var count = 0;
        foreach (var d in layout.Digests)
        {
            var map = Map(d.Map, $"digest {d.Name}");
            var value = new byte[map.ControlValueSize];
            while (map.LookupAndDelete([], value) == 0)
            {
                Digest?.Invoke(d.Name, value[..d.ValueSize]);
                count++;
            }
        }
        return count;
    }

    public void SetMulticastGroup(uint groupId, IReadOnlyList<ReplicaTarget>? replicas) =>
        throw new DeviceException(DeviceErrorKind.Unsupported, "not supported yet: multicast groups need the switch runtime (maps-only target)");

    public void SetCloneSession(uint sessionId, CloneSession? session) =>
        throw new DeviceException(DeviceErrorKind.Unsupported, "not supported yet: clone sessions need the switch runtime (maps-only target)");

    public void SendPacketOut(byte[] packet) =>
        throw new DeviceException(DeviceErrorKind.Unsupported, "not supported yet: packet-out needs the switch runtime (maps-only target)");

    public void Dispose()
    {
        if (ownsMaps)
        {
            foreach (var m in maps.Values.OfType<IDisposable>())
            {
                m.Dispose();
            }
        }
        owner?.Dispose();
    }
}
