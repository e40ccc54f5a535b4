namespace P4Bpf.Runtime.Switch;

/// <summary>Drives an architecture's stage programs for one packet: fills the pipeline slots, runs the programs, acts on the verdicts.</summary>
internal abstract class ArchitectureHarness(P4Switch owner) : IDisposable
{
    protected P4Switch Switch { get; } = owner;

    protected StateArea State => Switch.State;

    /// <summary>Processes <paramref name="packet"/> arriving on <paramref name="port"/>, including every copy it causes.</summary>
    public abstract void Process(int port, byte[] packet, PacketSink sink);

    protected StageRunner Stage(string name) => Switch.Stage(name);

    public virtual void Dispose()
    {
    }
}
