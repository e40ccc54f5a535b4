using System.Text;

namespace P4Bpf.Runtime.Trace;

/// <summary>Everything that happened to one injected packet and its copies, in order; <see cref="ToString"/> is the readable form.</summary>
public sealed class PacketTrace
{
    private readonly List<TraceEvent> _events = [];

    public IReadOnlyList<TraceEvent> Events => _events;

    /// <summary>Called after a <see cref="StageEvent"/> is added (the recorder adds what it reads from the pipeline state then).</summary>
    internal Action<PacketTrace, StageEvent>? StageFinished { get; set; }

    public void Add(TraceEvent e)
    {
        _events.Add(e);
        if (e is StageEvent stage)
        {
            StageFinished?.Invoke(this, stage);
        }
    }

    internal void Insert(int index, TraceEvent e) => _events.Insert(Math.Clamp(index, 0, _events.Count), e);

    public IEnumerable<T> OfType<T>() where T : TraceEvent => _events.OfType<T>();

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var e in _events)
        {
            sb.Append(e.Text).Append('\n');
        }
        return sb.ToString();
    }
}
