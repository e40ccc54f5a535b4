using P4Bpf.Midend.Architectures;

namespace P4Bpf.Runtime.Switch;

/// <summary>Drives an architecture's stage programs for one packet: fills the pipeline slots, runs the programs, acts on the verdicts.</summary>
internal abstract class ArchitectureHarness(IHarnessHost owner) : IDisposable
{
    protected IHarnessHost Switch { get; } = owner;

    protected StateArea State => Switch.State;

    /// <summary>Processes <paramref name="packet"/> arriving on <paramref name="port"/>, including every copy it causes.</summary>
    public abstract void Process(int port, byte[] packet, PacketSink sink);

    protected IStageRunner Stage(string name) => Switch.Stage(name);

    /// <summary>Fills the pipeline slots a harness-driven stage expects before it runs: <c>$intrinsics.packet_length</c> (the code
    /// generator reads the length from there for stages that do not reset the whole state and are not TC programs).</summary>
    protected void PrepareStage(IStageRunner stage, int packetLength)
    {
        if (stage.Layout.Hook != "tc" && stage.Layout.Reset != "all")
        {
            State.TrySet(ArchitectureModel.IntrinsicsSlot, "packet_length", packetLength);
        }
    }

    public virtual void Dispose()
    {
    }
}
