using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Switch;

/// <summary>Collects what one injected packet produces (outputs, drops, trace) while the harness works.</summary>
internal sealed class PacketSink(PacketTrace? trace)
{
    public List<SwitchOutput> Outputs { get; } = [];

    public List<SwitchDrop> Drops { get; } = [];

    public PacketTrace? Trace { get; } = trace;

    public void Output(int port, byte[] data)
    {
        Outputs.Add(new SwitchOutput(port, data));
        Trace?.Add(new OutputEvent(port, data.Length));
    }

    public void Drop(SwitchDrop drop)
    {
        Drops.Add(drop);
        Trace?.Add(new DropEvent(drop));
    }

    public void Drop(string stage, DropReason reason, string detail = "") => Drop(new SwitchDrop(stage, reason, detail));

    public void Note(string what) => Trace?.Add(new DecisionEvent(what));
}
