using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Kernel;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Architectures;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Targets;

/// <summary>The kernel target: a compiled pipeline loaded into Linux through <c>bpf()</c>; the control API writes the kernel's maps, packets run
/// through <c>BPF_PROG_TEST_RUN</c> (<see cref="Inject"/>) or, once attached to interfaces (<see cref="AttachXdp"/>, <see cref="AttachTc"/>), through the real data path.</summary>
/// <remarks>
/// Single-program architectures (<c>ebpf_model</c> on TC, <c>xdp_model</c> on XDP) use the verdict logic of the software harnesses, with the
/// pipeline state read back from the kernel's per-CPU state map on the CPU the test run was pinned to. v1model and PSA run each stage program in
/// the kernel (<see cref="KernelStageRunner"/>) joined by the software switch's harness and traffic manager, the state area carried between them
/// through the kernel's state map; they can only be test-run, not attached (their stages are not chained in the kernel). The kernel does not report
/// redirect targets of test runs, so XDP_REDIRECT goes to the program's <c>output_port</c>.
/// </remarks>
public sealed class KernelSwitch : ISwitch, IHarnessHost
{
    private readonly Lock _dataPath = new();
    private readonly KernelEngine _engine;
    private readonly KernelProgram _program;
    private readonly KernelMap _stateMap;
    private readonly BpfMap _shadowState;
    private readonly StateArea _state;
    private readonly List<KernelLink> _links = [];
    private readonly List<KernelSwitchHooks> _sharedHooks = [];
    private readonly HashSet<int> _ifindexes;
    private readonly Dictionary<string, KernelStageRunner> _stages = new(StringComparer.Ordinal);
    private readonly ArchitectureHarness? _harness;

    private KernelSwitch(CompiledPipeline pipeline, KernelTargetOptions options)
    {
        Pipeline = pipeline;
        Options = options.Switch;
        TargetOptions = options;
        if (Architecture is not ("ebpf_model" or "xdp_model" or "v1model" or "psa"))
        {
            throw new SwitchException($"not supported yet: architecture '{Architecture}' on the kernel target");
        }
        var loaderOptions = new KernelLoaderOptions(options.ObjectName ?? Shorten(pipeline.Layout.Program))
        {
            PinDirectory = options.PinDirectory,
            PinAllMaps = options.PinDirectory is not null,
            RemovePinsOnDispose = options.RemovePinsOnDispose,
        };
        try
        {
            _engine = KernelEngine.Load(pipeline.Object, loaderOptions, options.Cpu);
        }
        catch (Exception e) when (e is KernelBpfException or InvalidOperationException or ArgumentException or IOException)
        {
            throw new SwitchException($"cannot load {pipeline.Layout.Program} into the kernel: {e.Message}");
        }
        try
        {
            var stage = pipeline.Layout.Programs[0];
            _program = _engine.Object.Program(stage.Name) ?? _engine.Object.FindProgram(stage.Section)
                ?? throw new SwitchException($"the kernel object has no program for stage {stage.Name}");
            _stateMap = _engine.Object.Map(pipeline.Layout.State.Map)
                ?? throw new SwitchException($"the object has no state map {pipeline.Layout.State.Map}");
            if (options.Cpu < 0 || options.Cpu >= _stateMap.PossibleCpus)
            {
                throw new SwitchException($"CPU {options.Cpu} is outside the kernel's {_stateMap.PossibleCpus} possible CPUs");
            }
            _shadowState = BpfMap.Create(new MapDefinition(MapType.Array, 4, (uint)_stateMap.ValueSize, 1, Name: "shadow_state"), 1).Unwrap();
            _state = new StateArea(_shadowState, pipeline.Layout.State, 0);
            _ifindexes = ReadInterfaceIndexes();
            Replication = new PacketReplicationEngine();
            Control = new SwitchControl(this);
            if (Architecture is "v1model" or "psa")
            {
                // Multi-stage: each stage program runs in the kernel; the C# traffic manager joins them as on the software switch.
                foreach (var p in pipeline.Layout.Programs)
                {
                    var kp = _engine.Object.Program(p.Name) ?? throw new SwitchException($"the kernel object has no program for stage {p.Name}");
                    _stages[p.Name] = new KernelStageRunner(this, kp, p, _stateMap, _state, options.Cpu);
                }
                _harness = Architecture == "v1model" ? new V1ModelHarness(this) : new PsaHarness(this);
            }
            // The program's own (non-const) table entries, as the software switch installs them.
            Control.InstallInitialEntries();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Loads <paramref name="pipeline"/> into the kernel; <see cref="SwitchException"/> when the kernel refuses it or the architecture is not supported here.</summary>
    public static KernelSwitch Load(CompiledPipeline pipeline, KernelTargetOptions? options = null) => new(pipeline, options ?? KernelTargetOptions.Default);

    public CompiledPipeline Pipeline { get; }

    public LayoutManifest Layout => Pipeline.Layout;

    public string Architecture => Pipeline.Layout.Architecture;

    public SwitchOptions Options { get; }

    public KernelTargetOptions TargetOptions { get; }

    public SwitchControl Control { get; } = null!;

    public PacketReplicationEngine Replication { get; } = null!;

    public SwitchStatistics Statistics { get; } = new();

    /// <summary>The loaded kernel object (maps, programs, verifier logs).</summary>
    public KernelObject Object => _engine.Object;

    /// <summary>The kernel map called <paramref name="name"/>, or null.</summary>
    public IMapAccess? FindMap(string name) => _engine.Object.Map(name);

    /// <summary>Attaches the XDP program (xdp_model) to <paramref name="interfaceName"/>; detached on dispose. With <paramref name="hooks"/>, a hook an
    /// earlier switch attached to gets this program swapped in atomically (the link keeps its original mode) — see <see cref="KernelSwitchHooks"/>.</summary>
    public KernelLink AttachXdp(string interfaceName, XdpAttachMode mode = XdpAttachMode.Default, KernelSwitchHooks? hooks = null)
    {
        if (_program.Type != Ebpf.Programs.ProgramType.Xdp)
        {
            throw new SwitchException($"{Pipeline.Layout.Program} is a {_program.Type} program; attach it with AttachTc");
        }
        return Attach(interfaceName, BpfAttachType.Xdp, hooks, () => _program.AttachXdp(interfaceName, mode));
    }

    /// <summary>Attaches the TC program (ebpf_model) to <paramref name="interfaceName"/> in <paramref name="direction"/>; detached on dispose. With
    /// <paramref name="hooks"/>, a tcx hook an earlier switch attached to gets this program swapped in atomically (see <see cref="KernelSwitchHooks"/>).</summary>
    public KernelLink AttachTc(string interfaceName, TcDirection direction = TcDirection.Ingress, KernelSwitchHooks? hooks = null)
    {
        if (_program.Type == Ebpf.Programs.ProgramType.Xdp)
        {
            throw new SwitchException($"{Pipeline.Layout.Program} is an XDP program; attach it with AttachXdp");
        }
        var type = direction == TcDirection.Ingress ? BpfAttachType.TcxIngress : BpfAttachType.TcxEgress;
        return Attach(interfaceName, type, hooks, () => _program.AttachTc(interfaceName, direction));
    }

    private KernelLink Attach(string interfaceName, BpfAttachType type, KernelSwitchHooks? hooks, Func<KernelLink> create)
    {
        if (_harness is not null)
        {
            throw new SwitchException($"not supported yet: attaching {Architecture} to an interface (its stages are joined by the C# traffic manager; the kernel target test-runs them)");
        }
        if (hooks is null)
        {
            var link = Guard(create, interfaceName);
            _links.Add(link);
            return link;
        }
        var shared = Guard(() => hooks.Attach(this, _program, BpfSyscall.InterfaceIndex(interfaceName), type, create), interfaceName);
        if (!_sharedHooks.Contains(hooks))
        {
            _sharedHooks.Add(hooks);
        }
        return shared;
    }

    private static KernelLink Guard(Func<KernelLink> attach, string interfaceName)
    {
        try
        {
            return attach();
        }
        catch (Exception e) when (e is KernelBpfException or ArgumentException or InvalidOperationException)
        {
            // ObjectDisposedException is an InvalidOperationException: a hook whose link was closed under it.
            throw new SwitchException($"cannot attach to {interfaceName}: {e.Message}");
        }
    }

    /// <summary>Runs one packet through the kernel program with PROG_TEST_RUN and applies the architecture's verdict.</summary>
    public InjectResult Inject(int port, ReadOnlySpan<byte> packet, bool trace = false)
    {
        var t = trace || Options.Trace ? new PacketTrace() : null;
        var sink = new PacketSink(t);
        var data = packet.ToArray();
        lock (_dataPath)
        {
            t?.Add(new PacketInEvent(port, data.Length, "port"));
            Process(port, data, sink);
        }
        Statistics.Record(port, data.Length, sink.Outputs, sink.Drops);
        var outputs = new List<SwitchOutput>(sink.Outputs.Count);
        foreach (var o in sink.Outputs)
        {
            if (Options.CpuPort is { } cpu && o.Port == cpu && Control.DeliverPacketIn(o))
            {
                continue;
            }
            outputs.Add(o);
        }
        return new InjectResult(outputs, sink.Drops, t);
    }

    StateArea IHarnessHost.State => _state;

    IStageRunner IHarnessHost.Stage(string name) =>
        _stages.TryGetValue(name, out var s) ? s : throw new SwitchException($"the layout has no stage program {name}");

    /// <summary>One PROG_TEST_RUN of <paramref name="program"/> on the target CPU (the data path lock is held by <see cref="Inject"/>).</summary>
    internal RunResult RunInKernel(KernelProgram program, ReadOnlySpan<byte> packet, int port) =>
        _engine.Run(program, packet, 1, program.Type == Ebpf.Programs.ProgramType.Xdp ? XdpContext(port, packet.Length) : []);

    private void Process(int port, byte[] packet, PacketSink sink)
    {
        if (_harness is not null)
        {
            _harness.Process(port, packet, sink);
            return;
        }
        var stage = Pipeline.Layout.Programs[0].Name;
        RunResult run;
        try
        {
            run = _engine.Run(_program, packet, 1, XdpContext(port, packet.Length));
        }
        catch (KernelBpfException e)
        {
            sink.Drop(stage, DropReason.Malformed, $"the kernel refused the test run: {e.Message}");
            return;
        }
        var state = _stateMap.LookupPerCpu(new byte[4]);
        if (state is not null)
        {
            state[TargetOptions.Cpu].AsSpan(0, Math.Min(state[TargetOptions.Cpu].Length, _state.Bytes.Length)).CopyTo(_state.Bytes);
        }
        sink.Trace?.Add(new StageEvent(stage, "", run.ReturnValue, 0, packet.Length, run.Packet.Length));
        if (Architecture == "ebpf_model")
        {
            FilterVerdict(stage, port, run, sink);
        }
        else
        {
            // The kernel does not report bpf_redirect targets through PROG_TEST_RUN: XDP_REDIRECT uses output_port.
            XdpHarness.ApplyVerdict(stage, port, run.ReturnValue, run.Packet, null, _state, Control, sink);
        }
    }

    private void FilterVerdict(string stage, int port, RunResult run, PacketSink sink)
    {
        if (run.ReturnValue == EbpfModel.TcActOk)
        {
            sink.Output(port, run.Packet);
            return;
        }
        var error = _state.GetInt64(ArchitectureModel.IntrinsicsSlot, "parser_error");
        if (error != 0)
        {
            sink.Drop(stage, DropReason.ParserReject, Control.ErrorName(error));
        }
        else
        {
            sink.Drop(stage, DropReason.FilterRejected, $"returned {run.ReturnValue}");
        }
    }

    /// <summary>An <c>xdp_md</c> whose ingress_ifindex is <paramref name="port"/> and data_end the packet length, when an interface with that index exists (the kernel refuses unknown ones); empty for TC.</summary>
    private byte[] XdpContext(int port, int length)
    {
        if (_program.Type != Ebpf.Programs.ProgramType.Xdp || !_ifindexes.Contains(port))
        {
            return [];
        }
        var ctx = new byte[24];
        // data = 0 (no metadata) and data_end = the packet length, as the kernel requires of a supplied xdp_md.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(ctx.AsSpan(4), (uint)length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(ctx.AsSpan(12), (uint)port);
        return ctx;
    }

    private static HashSet<int> ReadInterfaceIndexes()
    {
        var set = new HashSet<int>();
        try
        {
            foreach (var dir in Directory.GetDirectories("/sys/class/net"))
            {
                if (int.TryParse(File.ReadAllText(Path.Combine(dir, "ifindex")).Trim(), out var i))
                {
                    set.Add(i);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return set;
    }

    private static string Shorten(string name)
    {
        var clean = new string(name.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        return clean.Length == 0 ? "p4" : clean[..Math.Min(8, clean.Length)];
    }

    public void Dispose()
    {
        _harness?.Dispose();
        // Shared hooks first: one this switch runs on goes back to an older live switch's program before this engine closes its programs.
        foreach (var h in _sharedHooks)
        {
            h.Release(this);
        }
        _sharedHooks.Clear();
        foreach (var l in _links)
        {
            l.Dispose();
        }
        _links.Clear();
        _shadowState?.Dispose();
        _engine?.Dispose();
    }
}
