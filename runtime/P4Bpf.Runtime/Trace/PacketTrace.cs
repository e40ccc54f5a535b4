using System.Text;

namespace P4Bpf.Runtime.Trace;

/// <summary>Everything that happened to one injected packet and its copies, in order; <see cref="ToString"/> is the readable form.</summary>
public sealed class PacketTrace
{
    private readonly List<TraceEvent> _events = [];

    public IReadOnlyList<TraceEvent> Events => _events;

    public void Add(TraceEvent e) => _events.Add(e);

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
