using System.Threading.Channels;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

/// <summary>One StreamChannel: its (device, role, election id) once arbitrated, and the messages queued for it.</summary>
public sealed class ControllerSession
{
    private readonly Channel<StreamMessageResponse> outbox = Channel.CreateUnbounded<StreamMessageResponse>(new UnboundedChannelOptions { SingleReader = true });

    public ulong DeviceId { get; internal set; }

    public string Role { get; internal set; } = "";

    /// <summary>The election id, or null when the controller sent none (never primary).</summary>
    public UInt128? ElectionId { get; internal set; }

    public bool Arbitrated { get; internal set; }

    /// <summary>What the server sends on this stream, in order.</summary>
    public ChannelReader<StreamMessageResponse> Outbox => outbox.Reader;

    internal void Send(StreamMessageResponse message) => outbox.Writer.TryWrite(message);

    internal void Complete() => outbox.Writer.TryComplete();

    public static UInt128? ToElectionId(Uint128? id) => id is null ? null : new UInt128(id.High, id.Low);

    public static Uint128? ToProto(UInt128? id) => id is { } v ? new Uint128 { High = (ulong)(v >> 64), Low = (ulong)v } : null;
}
