using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Vm;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Switch;

/// <summary>The outcome of one stage program run: r0 and the packet afterwards, or a drop when the program could not run.</summary>
internal readonly record struct StageRun(ulong ReturnValue, byte[] Packet, SwitchDrop? Failure, Ebpf.Helpers.RedirectTarget? Redirect);

/// <summary>Runs one stage program of the pipeline on packets (one packet context, reused).</summary>
internal sealed class StageRunner : IStageRunner, IDisposable
{
    private readonly PacketRunner _runner;

    public StageRunner(BpfEngine engine, ProgramLayout layout, int? cpu = null)
    {
        Layout = layout;
        LoadedProgram program;
        try
        {
            program = engine.Object.Program(layout.Name) ?? engine.Program(layout.Section);
        }
        catch (EngineException e)
        {
            throw new SwitchException($"the object has no program for stage {layout.Name}: {e.Message}");
        }
        _runner = engine.CreateRunner(program);
        if (_runner.Context is XdpContext xdp)
        {
            // BMv2 runs any packet length; P4 programs need not start with Ethernet.
            xdp.MinPacketLength = 0;
        }
        if (cpu is { } c)
        {
            _runner.State.Cpu = c;
        }
    }

    public ProgramLayout Layout { get; }

    public string Name => Layout.Name;

    /// <summary>The loaded program this stage runs (a service chain puts it in the previous program's prog array).</summary>
    public LoadedProgram Program => _runner.Program;

    /// <summary>Tail calls the last <see cref="Run"/> took (0: the stage's own program returned the verdict).</summary>
    public int TailCalls => _runner.Vm.TailCallCount;

    /// <summary>Runs the program on <paramref name="packet"/>; never throws for a bad packet or a faulting program (those become drops).</summary>
    public StageRun Run(ReadOnlySpan<byte> packet, uint ifindex, PacketTrace? trace, string copy = "")
    {
        if (_runner.Context is XdpContext xdp)
        {
            xdp.IngressIfindex = ifindex;
        }
        ulong r0;
        try
        {
            r0 = _runner.RunRaw(packet);
        }
        catch (ArgumentException e)
        {
            return new StageRun(0, [], new SwitchDrop(Name, DropReason.Malformed, e.Message), null);
        }
        catch (VmException e)
        {
            return new StageRun(0, [], new SwitchDrop(Name, DropReason.ProgramFault, $"pc {e.Pc}: {e.Message}"), null);
        }
        var output = _runner.Context.GetOutputPacket();
        trace?.Add(new StageEvent(Name, copy, r0, _runner.Vm.InstructionCount, packet.Length, output.Length));
        return new StageRun(r0, output, null, _runner.State.Redirect);
    }

    public void Dispose() => _runner.Dispose();
}
