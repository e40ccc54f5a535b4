using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Engine;

/// <summary>The engine facade: load an ELF file or an <see cref="ObjectSpec"/> (every program is verified first), pick a program by name
/// or section, run it on packets (XDP, TC or socket-filter context) with the selected executor, and reach the object's maps.</summary>
/// <remarks>Nothing runs that the verifier has not accepted, except under <see cref="EngineOptions.RunUnverified"/> in the checked interpreter.</remarks>
/// <example>
/// <code>
/// using var engine = BpfEngine.LoadFile("prog.o");
/// var result = engine.Run("xdp", packet);          // r0, output packet, redirect
/// var counters = engine.Map("counters");           // control plane
/// </code>
/// </example>
public sealed class BpfEngine : IDisposable
{
    private readonly Dictionary<LoadedProgram, PacketRunner> _runners = [];

    private BpfEngine(LoadedObject loaded, EngineOptions options, IProgramExecutor executor)
    {
        Object = loaded;
        Options = options;
        Executor = executor;
    }

    public EngineOptions Options { get; }

    public IProgramExecutor Executor { get; }

    /// <summary>The loaded object: maps and programs.</summary>
    public LoadedObject Object { get; }

    public IReadOnlyList<LoadedProgram> Programs => Object.Programs;

    /// <summary>Loads an ELF object file and verifies its programs.</summary>
    /// <exception cref="EngineException">Invalid options (an unknown executor, unverified code without bounds checks).</exception>
    /// <exception cref="LoadException">A bad object; <see cref="VerificationException"/> when the verifier rejects a program.</exception>
    public static BpfEngine LoadFile(string path, EngineOptions? options = null)
    {
        options ??= EngineOptions.Default;
        var executor = options.CreateExecutor();
        return new BpfEngine(Loader.LoadFile(path, options.ToLoaderOptions()), options, executor);
    }

    /// <summary>Loads an object spec (e.g. from the code generator) and verifies its programs; throws as <see cref="LoadFile"/>.</summary>
    public static BpfEngine Load(ObjectSpec spec, EngineOptions? options = null, string objectName = "obj")
    {
        options ??= EngineOptions.Default;
        var executor = options.CreateExecutor();
        return new BpfEngine(Loader.Load(spec, options.ToLoaderOptions(objectName)), options, executor);
    }

    /// <summary>The program named <paramref name="nameOrSection"/>, else the first in that section; null picks the only packet program (or the first one).</summary>
    public LoadedProgram Program(string? nameOrSection = null)
    {
        if (nameOrSection is null)
        {
            var packetPrograms = Programs.Where(p => p.ContextKind is not null).ToList();
            return packetPrograms.Count > 0 ? packetPrograms[0]
                : Programs.Count > 0 ? Programs[0] : throw new EngineException("the object has no programs");
        }
        return Object.FindProgram(nameOrSection)
            ?? throw new EngineException($"no program or section '{nameOrSection}' (programs: {string.Join(", ", Programs.Select(p => $"{p.Name} in {p.SectionName}"))})");
    }

    /// <summary>The map called <paramref name="name"/> (spec or kernel name); throws <see cref="KeyNotFoundException"/> when missing.</summary>
    public BpfMap Map(string name) => Object.GetMap(name);

    /// <summary>A runner for <paramref name="program"/> with its own state, for one thread; <paramref name="kind"/> overrides the context the type implies.</summary>
    public PacketRunner CreateRunner(LoadedProgram program, ContextKind? kind = null)
    {
        var k = kind ?? program.ContextKind
            ?? throw new EngineException($"program '{program.Name}' has type {program.Type}, which has no packet context (XDP, TC and socket filters do)");
        return new PacketRunner(program, Executor, k, Options.Cpu, Options.TraceSink);
    }

    /// <summary>Runs the program <paramref name="nameOrSection"/> on <paramref name="packet"/> (<paramref name="repeat"/> times) with a cached runner.</summary>
    public RunResult Run(string? nameOrSection, ReadOnlySpan<byte> packet, int repeat = 1) => Run(Program(nameOrSection), packet, repeat);

    /// <summary>Runs <paramref name="program"/> on <paramref name="packet"/> with a cached runner (not thread-safe; use <see cref="CreateRunner"/> per thread).</summary>
    public RunResult Run(LoadedProgram program, ReadOnlySpan<byte> packet, int repeat = 1)
    {
        if (!_runners.TryGetValue(program, out var runner))
        {
            runner = CreateRunner(program);
            _runners[program] = runner;
        }
        return runner.Run(packet, repeat);
    }

    public void Dispose()
    {
        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }
        _runners.Clear();
        Object.Dispose();
    }
}
