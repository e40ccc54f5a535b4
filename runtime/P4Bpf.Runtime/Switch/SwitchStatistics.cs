namespace P4Bpf.Runtime.Switch;

/// <summary>Packet counts of a switch (thread-safe).</summary>
public sealed class SwitchStatistics
{
    private long _injected, _sent, _dropped;

    public long Injected => Interlocked.Read(ref _injected);

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Record(int outputs, int drops)
    {
        Interlocked.Increment(ref _injected);
        Interlocked.Add(ref _sent, outputs);
        Interlocked.Add(ref _dropped, drops);
    }
}
