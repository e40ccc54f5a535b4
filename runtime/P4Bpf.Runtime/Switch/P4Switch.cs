using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Loading;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Switch;

/// <summary>A software P4 switch: a compiled pipeline loaded into the in-process engine, driven by its architecture's harness.</summary>
/// <example>
/// <code>
/// using var sw = P4Switch.Load(CompiledPipeline.LoadFiles("out/prog.o"));
/// sw.Control.AddEntry(new TableEntry("ingress.fwd", [new FieldMatch.Exact(0x0a000001)], "ingress.set_port", [2]));
/// var result = sw.Inject(port: 0, packet);          // result.Outputs: (port, bytes); result.Drops: (stage, reason)
/// </code>
/// </example>
/// <remarks>Packets are processed one at a time (<see cref="Inject"/> serialises callers); the control API may be used from other threads meanwhile.</remarks>
public sealed class P4Switch : ISwitch, IHarnessHost
{
    private readonly Lock _dataPath = new();
    private readonly Dictionary<string, StageRunner> _stages = new(StringComparer.Ordinal);
    private readonly ArchitectureHarness _harness;
    private readonly TableLookupRecorder _recorder;
    private readonly bool _ownsEngine = true;

    private P4Switch(CompiledPipeline pipeline, SwitchOptions options)
    {
        Pipeline = pipeline;
        Options = options;
        _recorder = new TableLookupRecorder(pipeline.Layout);
        var engineOptions = options.Engine with { Helpers = _recorder.CreateHelpers };
        try
        {
            Engine = BpfEngine.Load(pipeline.Object, engineOptions, pipeline.Layout.Program);
        }
        catch (Exception e) when (e is LoadException or EngineException)
        {
            throw new SwitchException($"cannot load {pipeline.Layout.Program}: {e.Message}");
        }
        try
        {
            var stateMap = Engine.Object.Map(pipeline.Layout.State.Map)
                ?? throw new SwitchException($"the object has no state map {pipeline.Layout.State.Map}");
            _recorder.StateMap = stateMap;
            State = new StateArea(stateMap, pipeline.Layout.State, engineOptions.Cpu);
            foreach (var p in pipeline.Layout.Programs)
            {
                _stages[p.Name] = new StageRunner(Engine, p);
            }
            Replication = new PacketReplicationEngine();
            _harness = Architecture switch
            {
                "ebpf_model" => new EbpfFilterHarness(this),
                "xdp_model" => new XdpHarness(this),
                "v1model" => new V1ModelHarness(this),
                "psa" => new PsaHarness(this),
                var other => throw new SwitchException($"not supported yet: architecture '{other}'"),
            };
            Control = new SwitchControl(this);
            _recorder.Hits = Control.Hits;
            Control.Hits.Connect();
            Control.InstallInitialEntries();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A worker lane of a multi-core switch: runs on <paramref name="engine"/> (shared, not owned) with per-CPU slot <paramref name="cpu"/>,
    /// and shares the owner's control API and replication engine.</summary>
    internal P4Switch(CompiledPipeline pipeline, SwitchOptions options, BpfEngine engine, int cpu, ISwitch owner)
    {
        Pipeline = pipeline;
        Options = options;
        Engine = engine;
        _ownsEngine = false;
        _recorder = new TableLookupRecorder(pipeline.Layout);
        try
        {
            var stateMap = Engine.Object.Map(pipeline.Layout.State.Map)
                ?? throw new SwitchException($"the object has no state map {pipeline.Layout.State.Map}");
            _recorder.StateMap = stateMap;
            State = new StateArea(stateMap, pipeline.Layout.State, cpu);
            foreach (var p in pipeline.Layout.Programs)
            {
                _stages[p.Name] = new StageRunner(Engine, p, cpu);
            }
            Replication = owner.Replication;
            Control = owner.Control;
            _harness = CreateHarness();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private ArchitectureHarness CreateHarness() => Architecture switch
    {
        "ebpf_model" => new EbpfFilterHarness(this),
        "xdp_model" => new XdpHarness(this),
        "v1model" => new V1ModelHarness(this),
        "psa" => new PsaHarness(this),
        var other => throw new SwitchException($"not supported yet: architecture '{other}'"),
    };

    /// <summary>Loads a compiled pipeline; throws <see cref="SwitchException"/> when the object and layout do not fit or the architecture is unknown.</summary>
    public static P4Switch Load(CompiledPipeline pipeline, SwitchOptions? options = null) => new(pipeline, options ?? SwitchOptions.Default);

    public CompiledPipeline Pipeline { get; }

    public LayoutManifest Layout => Pipeline.Layout;

    /// <summary>The architecture name as in the layout (<c>ebpf_model</c>, <c>xdp_model</c>, <c>v1model</c>, <c>psa</c>).</summary>
    public string Architecture => Pipeline.Layout.Architecture;

    public SwitchOptions Options { get; }

    /// <summary>The CPU port in effect: <see cref="SwitchOptions.CpuPort"/>, else the architecture's default (<see cref="SwitchOptions.DefaultCpuPort"/>).</summary>
    public int? CpuPort => Options.CpuPort ?? SwitchOptions.DefaultCpuPort(Architecture);

    /// <summary>The engine holding the loaded object (maps, programs).</summary>
    public BpfEngine Engine { get; }

    /// <summary>The control API (tables, externs, replication, digests, packet I/O with the controller).</summary>
    public SwitchControl Control { get; } = null!;

    /// <summary>Multicast groups and clone sessions.</summary>
    public PacketReplicationEngine Replication { get; } = null!;

    /// <summary>The pipeline slots of the state map (for harnesses and tests).</summary>
    public StateArea State { get; } = null!;

    /// <summary>Packets sent out of a port (not to the CPU port), as they happen; handlers run on the injecting thread.</summary>
    public event Action<SwitchOutput>? PacketOut;

    /// <summary>Counts of injected packets, outputs and drops since load.</summary>
    public SwitchStatistics Statistics { get; } = new();

    /// <summary>The in-process map called <paramref name="name"/>, or null.</summary>
    public Ebpf.Maps.IMapAccess? FindMap(string name) => Engine.Object.Map(name);

    IStageRunner IHarnessHost.Stage(string name) => Stage(name);

    internal StageRunner Stage(string name) =>
        _stages.TryGetValue(name, out var s) ? s : throw new SwitchException($"the layout has no stage program {name}");

    internal bool HasStage(string name) => _stages.ContainsKey(name);

    /// <summary>Sends this switch's table lookups to <paramref name="trace"/> (null: off); a service chain traces every stage this way.</summary>
    internal void RecordLookups(PacketTrace? trace) => _recorder.Current = trace;

    /// <summary>Traces the table lookups of programs that run on this switch's helpers by tail call (a service chain's later stages).</summary>
    internal void TraceTablesOf(LayoutManifest layout) => _recorder.Add(layout);

    /// <summary>Processes one packet arriving on <paramref name="port"/> and returns everything it produced; never throws for bad packet data.</summary>
    public InjectResult Inject(int port, ReadOnlySpan<byte> packet, bool trace = false)
    {
        var t = trace || Options.Trace ? new PacketTrace() : null;
        var sink = new PacketSink(t);
        var data = packet.ToArray();
        lock (_dataPath)
        {
            _recorder.Current = t;
            try
            {
                t?.Add(new PacketInEvent(port, data.Length, "port"));
                _harness.Process(port, data, sink);
            }
            finally
            {
                _recorder.Current = null;
                Control.Hits.EndPacket();
            }
        }
        Statistics.Record(sink.Outputs.Count, sink.Drops.Count);
        var outputs = new List<SwitchOutput>(sink.Outputs.Count);
        foreach (var o in sink.Outputs)
        {
            if (CpuPort is { } cpu && o.Port == cpu && Control.DeliverPacketIn(o))
            {
                continue;
            }
            outputs.Add(o);
            PacketOut?.Invoke(o);
        }
        return new InjectResult(outputs, sink.Drops, t);
    }

    public void Dispose()
    {
        _harness?.Dispose();
        foreach (var s in _stages.Values)
        {
            s.Dispose();
        }
        _stages.Clear();
        if (_ownsEngine)
        {
            Engine?.Dispose();
        }
    }
}
