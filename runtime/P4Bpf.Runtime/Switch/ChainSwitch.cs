using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Architectures;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Switch;

/// <summary>A service chain in the software switch: separately compiled programs of one single-program architecture (xdp_model or
/// ebpf_model), each but the last compiled to tail-call on its pass verdict (<see cref="LayoutManifest.ChainMap"/>). Loading puts program
/// i+1 in slot 0 of program i's prog array; packets enter the first program, and the verdict of whichever program ends the chain decides
/// the packet's fate.</summary>
/// <example>
/// <code>
/// using var chain = ChainSwitch.Load([firewall, router]);          // firewall compiled with EbpfGenOptions.TailCallOnPass
/// chain.Control.AddEntry(...);                                      // tables of every stage, by their P4 names
/// var result = chain.Inject(1, packet);                             // firewall, then (on XDP_PASS) router
/// </code>
/// </example>
/// <remarks>The control plane sees the union of the stages' tables and externs; names (and map names) must not clash between stages.
/// Each stage keeps its own maps and state; the trace shows the first program's run, the table lookups of every stage and which program
/// gave the verdict.</remarks>
public sealed class ChainSwitch : ISwitch
{
    private readonly Lock _dataPath = new();
    private readonly List<P4Switch> _stages = [];
    private readonly Dictionary<string, P4Switch> _mapOwners = new(StringComparer.Ordinal);
    private readonly StageRunner _entry;

    private ChainSwitch(IReadOnlyList<CompiledPipeline> pipelines, SwitchOptions options)
    {
        if (pipelines.Count < 2)
        {
            throw new SwitchException($"a service chain needs at least two programs (got {pipelines.Count})");
        }
        Options = options;
        var architecture = pipelines[0].Layout.Architecture;
        if (architecture is not ("xdp_model" or "ebpf_model"))
        {
            throw new SwitchException($"not supported yet: a service chain of {architecture} programs (xdp_model and ebpf_model programs chain by tail calls)");
        }
        for (var i = 0; i < pipelines.Count; i++)
        {
            var layout = pipelines[i].Layout;
            if (layout.Architecture != architecture)
            {
                throw new SwitchException($"chain stage {i + 1} ({layout.Program}) is {layout.Architecture}, stage 1 is {architecture}: a tail call stays within one program type");
            }
            var last = i == pipelines.Count - 1;
            if (!last && layout.ChainMap is null)
            {
                throw new SwitchException($"chain stage {i + 1} ({layout.Program}) was not compiled to tail-call on its pass verdict (compile it with TailCallOnPass / --tail-call-on-pass)");
            }
            if (last && layout.ChainMap is not null)
            {
                throw new SwitchException($"the last chain stage ({layout.Program}) tail-calls on its pass verdict, but nothing follows it");
            }
        }
        try
        {
            foreach (var p in pipelines)
            {
                _stages.Add(P4Switch.Load(p, options));
            }
            Layout = MergeLayouts(_stages.Select(s => s.Layout).ToList());
            IndexMaps();
            for (var i = 0; i + 1 < _stages.Count; i++)
            {
                var chain = _stages[i].Engine.Object.Map(_stages[i].Layout.ChainMap!) as ProgArrayMap
                    ?? throw new SwitchException($"{_stages[i].Layout.Program}: the object has no prog array {_stages[i].Layout.ChainMap}");
                var next = _stages[i + 1].Stage(_stages[i + 1].Layout.Programs[0].Name).Program;
                var rc = chain.SetProgram(0, next);
                if (rc != 0)
                {
                    throw new SwitchException($"{_stages[i].Layout.Program}: putting {_stages[i + 1].Layout.Program} in {chain.Name}[0] failed ({Errno.Name(rc)})");
                }
            }
            _entry = _stages[0].Stage(_stages[0].Layout.Programs[0].Name);
            // Tail-called programs run on the first program's helpers, so its recorder traces their tables too.
            foreach (var s in _stages.Skip(1))
            {
                _stages[0].TraceTablesOf(s.Layout);
            }
            Replication = new PacketReplicationEngine();
            // The stages installed their P4 entries through their own control; the chain's control owns them from now on.
            foreach (var s in _stages)
            {
                s.Control.ClearAllEntries();
            }
            Control = new SwitchControl(this);
            Control.InstallInitialEntries();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Loads the programs of a chain in order; <see cref="SwitchException"/> when they do not form a chain or do not load.</summary>
    public static ChainSwitch Load(IReadOnlyList<CompiledPipeline> pipelines, SwitchOptions? options = null) => new(pipelines, options ?? SwitchOptions.Default);

    /// <summary>The stages in chain order (each a software switch over its own program and maps).</summary>
    public IReadOnlyList<P4Switch> Stages => _stages;

    /// <summary>The union of the stages' layouts (tables, externs, initial writes); state and programs are the first stage's.</summary>
    public LayoutManifest Layout { get; } = null!;

    public string Architecture => Layout.Architecture;

    public SwitchOptions Options { get; }

    public SwitchControl Control { get; } = null!;

    public PacketReplicationEngine Replication { get; } = null!;

    public SwitchStatistics Statistics { get; } = new();

    /// <summary>The map called <paramref name="name"/> in whichever stage owns it, or null.</summary>
    public IMapAccess? FindMap(string name) => _mapOwners.TryGetValue(name, out var owner) ? owner.FindMap(name) : null;

    /// <summary>Runs the first program on the packet; its pass verdict continues in the next program, and so on.</summary>
    public InjectResult Inject(int port, ReadOnlySpan<byte> packet, bool trace = false)
    {
        var t = trace || Options.Trace ? new PacketTrace() : null;
        var sink = new PacketSink(t);
        var data = packet.ToArray();
        lock (_dataPath)
        {
            _stages[0].RecordLookups(t);
            try
            {
                t?.Add(new PacketInEvent(port, data.Length, "port"));
                Process(port, data, sink);
            }
            finally
            {
                _stages[0].RecordLookups(null);
            }
        }
        Statistics.Record(sink.Outputs.Count, sink.Drops.Count);
        foreach (var o in sink.Outputs)
        {
            PacketOut?.Invoke(o);
        }
        return new InjectResult(sink.Outputs, sink.Drops, t);
    }

    /// <summary>Packets sent out of a port, as they happen.</summary>
    public event Action<SwitchOutput>? PacketOut;

    private void Process(int port, byte[] packet, PacketSink sink)
    {
        var run = _entry.Run(packet, (uint)port, sink.Trace, _stages[0].Layout.Program);
        if (run.Failure is { } f)
        {
            sink.Drop(f);
            return;
        }
        // A linear chain: each tail call moved one stage on.
        var last = _stages[Math.Min(_entry.TailCalls, _stages.Count - 1)];
        var name = last.Layout.Program;
        sink.Note(_entry.TailCalls == 0 ? $"verdict of {name}" : $"{_entry.TailCalls} tail call(s): verdict of {name}");
        if (Architecture == "xdp_model")
        {
            XdpHarness.ApplyVerdict(name, port, run.ReturnValue, run.Packet, run.Redirect is { } r ? (int)r.Ifindex : null, last.State, Control, sink);
            return;
        }
        if (run.ReturnValue == EbpfModel.TcActOk)
        {
            sink.Output(port, run.Packet);
            return;
        }
        var error = last.State.GetInt64(ArchitectureModel.IntrinsicsSlot, "parser_error");
        sink.Drop(name, error != 0 ? DropReason.ParserReject : DropReason.FilterRejected, error != 0 ? Control.ErrorName(error) : $"returned {run.ReturnValue}");
    }

    private void IndexMaps()
    {
        foreach (var s in _stages)
        {
            foreach (var map in s.Engine.Object.Maps)
            {
                if (map.Name == s.Layout.State.Map || map.Name == s.Layout.ChainMap)
                {
                    continue;
                }
                if (_mapOwners.TryGetValue(map.Name, out var other))
                {
                    throw new SwitchException($"not supported yet: chain stages {other.Layout.Program} and {s.Layout.Program} both have a map named {map.Name} (rename a table or extern)");
                }
                _mapOwners[map.Name] = s;
            }
        }
    }

    private static LayoutManifest MergeLayouts(IReadOnlyList<LayoutManifest> layouts)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Claim(string name, string program)
        {
            if (!names.TryAdd(name, program))
            {
                throw new SwitchException($"not supported yet: chain stages {names[name]} and {program} both define {name}");
            }
        }
        foreach (var l in layouts)
        {
            foreach (var n in l.Tables.Select(t => t.Name).Concat(l.Counters.Select(c => c.Name)).Concat(l.Registers.Select(r => r.Name))
                .Concat(l.Meters.Select(m => m.Name)).Concat(l.Digests.Select(d => d.Name)).Concat(l.ValueSets.Select(v => v.Name)).Concat(l.ActionProfiles.Select(a => a.Name)))
            {
                Claim(n, l.Program);
            }
        }
        return layouts[0] with
        {
            Program = string.Join("+", layouts.Select(l => l.Program)),
            Tables = layouts.SelectMany(l => l.Tables).ToList(),
            Counters = layouts.SelectMany(l => l.Counters).ToList(),
            Registers = layouts.SelectMany(l => l.Registers).ToList(),
            Meters = layouts.SelectMany(l => l.Meters).ToList(),
            Digests = layouts.SelectMany(l => l.Digests).ToList(),
            ValueSets = layouts.SelectMany(l => l.ValueSets).ToList(),
            ActionProfiles = layouts.SelectMany(l => l.ActionProfiles).ToList(),
            InitialWrites = layouts.SelectMany(l => l.InitialWrites).ToList(),
            ChainMap = null,
        };
    }

    public void Dispose()
    {
        foreach (var s in _stages)
        {
            s.Dispose();
        }
        _stages.Clear();
    }
}
