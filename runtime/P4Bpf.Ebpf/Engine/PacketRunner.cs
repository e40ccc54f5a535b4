using System.Diagnostics;
using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Helpers;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Engine;

/// <summary>Runs one program on packets: owns the per-thread state (VM stack and regions, the packet context, the helpers' run state).</summary>
/// <remarks>Not thread-safe: create one per thread (<see cref="BpfEngine.CreateRunner"/>). <see cref="RunRaw"/> allocates nothing.</remarks>
public sealed class PacketRunner : IDisposable
{
    private readonly IProgramExecutor _executor;
    private readonly VmRunContext _vm = new();

    internal PacketRunner(LoadedProgram program, IProgramExecutor executor, ContextKind kind, int cpu, Action<string>? traceSink)
    {
        Program = program;
        _executor = executor;
        Context = PacketContext.Create(kind);
        State = new HelperRunState(cpu) { Context = Context };
        _vm.State = State;
        _vm.TraceSink = traceSink;
        executor.Prepare(program);
    }

    public LoadedProgram Program { get; }

    /// <summary>The packet context (set its input fields, e.g. <see cref="XdpContext.IngressIfindex"/>, before a run).</summary>
    public PacketContext Context { get; }

    /// <summary>The helpers' state: CPU index, redirect, clones, trace lines.</summary>
    public HelperRunState State { get; }

    /// <summary>The VM state (stack, instruction count).</summary>
    public VmRunContext Vm => _vm;

    /// <summary>Loads <paramref name="packet"/>, runs the program once and returns r0; the result stays in <see cref="Context"/> and <see cref="State"/>.</summary>
    /// <exception cref="VmException">The program faulted (checked mode, unknown helper, budget…).</exception>
    public ulong RunRaw(ReadOnlySpan<byte> packet)
    {
        State.BeginRun();
        Context.Load(packet);
        _vm.ClearRegions();
        Context.Bind(_vm);
        var regions = Program.Object.StaticRegions;
        for (var i = 0; i < regions.Count; i++)
        {
            _vm.AddRegion(regions[i].Address, regions[i].Length, regions[i].Writable);
        }
        return _executor.Run(Program, _vm, (ulong)Context.Address);
    }

    /// <summary>Runs the program on <paramref name="packet"/> and collects the result.</summary>
    public RunResult Run(ReadOnlySpan<byte> packet)
    {
        var r0 = RunRaw(packet);
        return Collect(r0, 0);
    }

    /// <summary>Runs <paramref name="repeat"/> times (each on a fresh copy of <paramref name="packet"/>) after a warm-up, and reports the last run with the mean time per run.</summary>
    public RunResult Run(ReadOnlySpan<byte> packet, int repeat)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        if (repeat == 1)
        {
            return Run(packet);
        }
        var warmup = Math.Min(repeat, 1000);
        for (var i = 0; i < warmup; i++)
        {
            RunRaw(packet);
        }
        ulong r0 = 0;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < repeat; i++)
        {
            r0 = RunRaw(packet);
        }
        var elapsed = Stopwatch.GetElapsedTime(start);
        return Collect(r0, elapsed.TotalNanoseconds / repeat);
    }

    private RunResult Collect(ulong r0, double nsPerRun) =>
        new(r0, Context.GetOutputPacket(), State.Redirect, [.. State.Clones], Context.Struct.ToArray(), _vm.InstructionCount, nsPerRun);

    public void Dispose()
    {
        Context.Dispose();
        _vm.Dispose();
    }
}
