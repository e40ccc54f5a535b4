using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>The kernel as an execution engine: load an object into Linux and run its programs on packets with BPF_PROG_TEST_RUN,
/// reporting results in the in-process engine's <see cref="RunResult"/> shape, so the kernel is the oracle the verifier, the JIT and
/// the benchmarks compare against (no bpftool involved).</summary>
/// <example>
/// <code>
/// using var kernel = KernelEngine.LoadFile("prog.o", cpu: 0);
/// var result = kernel.Run("xdp", packet, repeat: 1000);   // r0, output packet, kernel ns per run
/// var counters = kernel.Map("counters").Entries();
/// </code>
/// </example>
public sealed class KernelEngine : IDisposable
{
    private KernelEngine(KernelObject loaded, int? cpu)
    {
        Object = loaded;
        Cpu = cpu;
    }

    /// <summary>The loaded object: maps and programs, attachable to interfaces.</summary>
    public KernelObject Object { get; }

    /// <summary>The CPU runs are pinned to (so per-CPU map slots are predictable), or null to run wherever the thread is.</summary>
    public int? Cpu { get; }

    public IReadOnlyList<KernelProgram> Programs => Object.Programs;

    /// <summary>Loads an ELF object file into the kernel.</summary>
    public static KernelEngine LoadFile(string path, KernelLoaderOptions? options = null, int? cpu = null) =>
        new(KernelLoader.LoadFile(path, options), cpu);

    /// <summary>Loads an object spec (e.g. from the code generator) into the kernel.</summary>
    public static KernelEngine Load(ObjectSpec spec, KernelLoaderOptions? options = null, int? cpu = null) =>
        new(KernelLoader.Load(spec, options), cpu);

    /// <summary>The program named <paramref name="nameOrSection"/>, else the first in that section; null picks the first packet program.</summary>
    public KernelProgram Program(string? nameOrSection = null)
    {
        if (nameOrSection is null)
        {
            return Programs.FirstOrDefault(p => Contexts.PacketContext.KindFor(p.Type) is not null)
                ?? Programs.FirstOrDefault()
                ?? throw new EngineException("the object has no programs");
        }
        return Object.FindProgram(nameOrSection)
            ?? throw new EngineException($"no program or section '{nameOrSection}' (programs: {string.Join(", ", Programs.Select(p => $"{p.Name} in {p.SectionName}"))})");
    }

    /// <summary>The map called <paramref name="name"/> (spec or kernel name); throws <see cref="KeyNotFoundException"/> when missing.</summary>
    public KernelMap Map(string name) => Object.GetMap(name);

    /// <summary>Runs the program <paramref name="nameOrSection"/> on <paramref name="packet"/> in the kernel.</summary>
    public RunResult Run(string? nameOrSection, ReadOnlySpan<byte> packet, int repeat = 1) => Run(Program(nameOrSection), packet, repeat);

    /// <summary>Runs <paramref name="program"/> on <paramref name="packet"/> <paramref name="repeat"/> times in the kernel and reports the last run.</summary>
    /// <remarks>
    /// <see cref="RunResult.ReturnValue"/> is the kernel's 32-bit retval; <see cref="RunResult.Packet"/> is <c>data_out</c>;
    /// <see cref="RunResult.Context"/> is <c>ctx_out</c> when <paramref name="context"/> was given; <see cref="RunResult.NanosecondsPerRun"/>
    /// is the kernel's mean duration. The kernel does not report redirects, clones or instruction counts (null, empty, 0).
    /// </remarks>
    /// <exception cref="KernelBpfException">The kernel refused the run (e.g. <c>EINVAL</c> for a packet too short for the program type).</exception>
    public RunResult Run(KernelProgram program, ReadOnlySpan<byte> packet, int repeat = 1, ReadOnlySpan<byte> context = default)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        var options = new TestRunOptions(packet.ToArray())
        {
            Repeat = (uint)repeat,
            Context = context.ToArray(),
            DataSizeOut = Math.Max(65536, packet.Length + 4096),
        };
        var result = Cpu is { } cpu ? CpuAffinity.RunOn(cpu, () => program.TestRun(options)) : program.TestRun(options);
        return new RunResult(result.ReturnValue, result.Data, null, Array.Empty<ClonedPacket>(), result.Context, 0, result.DurationNanoseconds);
    }

    public void Dispose() => Object.Dispose();
}
