using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Switch;

/// <summary>What an <see cref="ArchitectureHarness"/> needs of the switch it drives: the state area, the stage programs, options, replication
/// and the control API; the software switch and the kernel target both provide it.</summary>
internal interface IHarnessHost
{
    LayoutManifest Layout { get; }

    SwitchOptions Options { get; }

    StateArea State { get; }

    SwitchControl Control { get; }

    PacketReplicationEngine Replication { get; }

    IStageRunner Stage(string name);
}

/// <summary>Runs one stage program of the pipeline on a packet (in the engine, or in the kernel).</summary>
internal interface IStageRunner
{
    ProgramLayout Layout { get; }

    string Name { get; }

    /// <summary>Runs the program on <paramref name="packet"/>; never throws for a bad packet or a faulting program (those become drops).</summary>
    StageRun Run(ReadOnlySpan<byte> packet, uint ifindex, PacketTrace? trace, string copy = "");
}
