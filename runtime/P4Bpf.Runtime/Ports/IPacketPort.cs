namespace P4Bpf.Runtime.Ports;

/// <summary>A switch port: packets come in through <see cref="TryReceive"/> and go out through <see cref="Send"/>.</summary>
public interface IPacketPort : IDisposable
{
    /// <summary>The port number the pipeline sees (ingress_port / egress_port).</summary>
    int Number { get; }

    /// <summary>The next inbound packet, if one is waiting.</summary>
    bool TryReceive(out byte[] packet);

    /// <summary>Transmits a packet out of this port.</summary>
    void Send(ReadOnlySpan<byte> packet);
}
