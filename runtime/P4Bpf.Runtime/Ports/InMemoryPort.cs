using System.Collections.Concurrent;

namespace P4Bpf.Runtime.Ports;

/// <summary>A port backed by in-memory queues (tests, embedding).</summary>
public sealed class InMemoryPort(int number) : IPacketPort
{
    private readonly ConcurrentQueue<byte[]> _inbound = new();
    private readonly ConcurrentQueue<byte[]> _sent = new();

    public int Number { get; } = number;

    /// <summary>Queues a packet to arrive on this port.</summary>
    public void Enqueue(ReadOnlySpan<byte> packet) => _inbound.Enqueue(packet.ToArray());

    public bool TryReceive(out byte[] packet) => _inbound.TryDequeue(out packet!);

    public void Send(ReadOnlySpan<byte> packet) => _sent.Enqueue(packet.ToArray());

    /// <summary>Takes the packets sent so far, oldest first.</summary>
    public IReadOnlyList<byte[]> TakeSent()
    {
        var list = new List<byte[]>();
        while (_sent.TryDequeue(out var p))
        {
            list.Add(p);
        }
        return list;
    }

    public void Dispose()
    {
    }
}
