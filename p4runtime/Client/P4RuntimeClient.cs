using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using P4.V1;
using P4Bpf.P4Runtime.Security;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.P4Runtime.Client;

/// <summary>A P4Runtime controller connection: a session (StreamChannel with arbitration), pipeline config, writes and reads, with helpers by P4 name.</summary>
/// <remarks>Every request carries the client's device id, role and election id. Errors of batches surface as <see cref="P4RuntimeBatchException"/>.</remarks>
public sealed partial class P4RuntimeClient : IAsyncDisposable
{
    private readonly GrpcChannel channel;
    private readonly CancellationTokenSource cts = new();
    private AsyncDuplexStreamingCall<StreamMessageRequest, StreamMessageResponse>? stream;
    private Task? readerTask;
    private readonly Channel<MasterArbitrationUpdate> arbitration = Channel.CreateUnbounded<MasterArbitrationUpdate>();
    private readonly Channel<PacketIn> packetIns = Channel.CreateUnbounded<PacketIn>();
    private readonly Channel<DigestList> digests = Channel.CreateUnbounded<DigestList>();
    private readonly Channel<StreamError> streamErrors = Channel.CreateUnbounded<StreamError>();
    private readonly Channel<IdleTimeoutNotification> idleTimeouts = Channel.CreateUnbounded<IdleTimeoutNotification>();
    private readonly SemaphoreSlim sendLock = new(1, 1);

    /// <param name="address"><c>HOST:PORT</c> or an <c>http://</c> (plain-text HTTP/2) or <c>https://</c> URI.</param>
    /// <param name="tls">TLS settings; when given, a bare <c>HOST:PORT</c> is reached over https.</param>
    /// <param name="roleConfig">Sent as <c>Role.config</c> (packed in an Any) when arbitrating for <paramref name="role"/>, e.g. a <see cref="P4Bpf.P4Runtime.Security.RoleConfig"/>.</param>
    public P4RuntimeClient(string address, ulong deviceId = 1, UInt128? electionId = null, string role = "", ClientTls? tls = null, IMessage? roleConfig = null)
    {
        if (roleConfig is not null && role.Length == 0)
        {
            throw new ArgumentException("a role config needs a role name (the default role has full access)");
        }
        var uri = address.Contains("://", StringComparison.Ordinal) ? address : (tls is null ? "http://" : "https://") + address;
        if (tls is not null && uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"TLS settings given for the plain-text address '{address}' (use https:// or HOST:PORT)");
        }
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            // Per-update error details travel in a trailer; allow large batches' details (the spec's 8 KiB + 100 B/update advice, generously).
            MaxResponseHeadersLength = 64 * 1024,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        tls?.Apply(handler.SslOptions);
        channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
        Stub = new P4.V1.P4Runtime.P4RuntimeClient(channel);
        DeviceId = deviceId;
        ElectionId = electionId ?? new UInt128(0, 1);
        Role = role;
        RoleConfig = roleConfig is null ? null : Google.Protobuf.WellKnownTypes.Any.Pack(roleConfig);
    }

    public P4.V1.P4Runtime.P4RuntimeClient Stub { get; }

    public ulong DeviceId { get; }

    public UInt128 ElectionId { get; private set; }

    public string Role { get; }

    /// <summary>The <c>Role.config</c> sent on arbitration (null: none, full access unless the server pins the role).</summary>
    public Google.Protobuf.WellKnownTypes.Any? RoleConfig { get; }

    /// <summary>The P4Info used by the name helpers (set by <see cref="SetPipelineAsync"/> or <see cref="LoadP4InfoAsync"/>).</summary>
    public P4InfoIndex? P4Info { get; private set; }

    private P4InfoIndex Info => P4Info ?? throw new InvalidOperationException("no P4Info: call SetPipelineAsync or LoadP4InfoAsync first");

    /// <summary>The last arbitration status this client received (OK = primary).</summary>
    public MasterArbitrationUpdate? LastArbitration { get; private set; }

    public bool IsPrimary => LastArbitration?.Status?.Code == 0;

    public ChannelReader<PacketIn> PacketIns => packetIns.Reader;

    public ChannelReader<DigestList> Digests => digests.Reader;

    public ChannelReader<StreamError> StreamErrors => streamErrors.Reader;

    /// <summary>Idle-timeout notifications (primary only).</summary>
    public ChannelReader<IdleTimeoutNotification> IdleTimeouts => idleTimeouts.Reader;

    public ChannelReader<MasterArbitrationUpdate> ArbitrationUpdates => arbitration.Reader;

    private Uint128 ElectionProto => new() { High = (ulong)(ElectionId >> 64), Low = (ulong)ElectionId };

    /// <summary>Opens the stream and arbitrates; returns the server's first arbitration reply (status OK when primary).</summary>
    public async Task<MasterArbitrationUpdate> ConnectAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        stream = Stub.StreamChannel(cancellationToken: cts.Token);
        readerTask = Task.Run(ReadStreamAsync, CancellationToken.None);
        return await ArbitrateAsync(ElectionId, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a new election id on the open stream and waits for the reply.</summary>
    public async Task<MasterArbitrationUpdate> ArbitrateAsync(UInt128 electionId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ElectionId = electionId;
        var update = new MasterArbitrationUpdate { DeviceId = DeviceId, ElectionId = ElectionProto };
        if (Role.Length > 0)
        {
            update.Role = new P4.V1.Role { Name = Role, Config = RoleConfig };
        }
        await SendAsync(new StreamMessageRequest { Arbitration = update }).ConfigureAwait(false);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await arbitration.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex) when (ex.InnerException is RpcException rpc)
        {
            throw rpc;
        }
    }

    private async Task SendAsync(StreamMessageRequest message)
    {
        var s = stream ?? throw new InvalidOperationException("not connected: call ConnectAsync first");
        await sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await s.RequestStream.WriteAsync(message).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task ReadStreamAsync()
    {
        Exception? error = null;
        try
        {
            await foreach (var m in stream!.ResponseStream.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                switch (m.UpdateCase)
                {
                    case StreamMessageResponse.UpdateOneofCase.Arbitration:
                        LastArbitration = m.Arbitration;
                        arbitration.Writer.TryWrite(m.Arbitration);
                        break;
                    case StreamMessageResponse.UpdateOneofCase.Packet:
                        packetIns.Writer.TryWrite(m.Packet);
                        break;
                    case StreamMessageResponse.UpdateOneofCase.Digest:
                        digests.Writer.TryWrite(m.Digest);
                        break;
                    case StreamMessageResponse.UpdateOneofCase.Error:
                        streamErrors.Writer.TryWrite(m.Error);
                        break;
                    case StreamMessageResponse.UpdateOneofCase.IdleTimeoutNotification:
                        idleTimeouts.Writer.TryWrite(m.IdleTimeoutNotification);
                        break;
                }
            }
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            error = ex;
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or IOException)
        {
        }
        arbitration.Writer.TryComplete(error);
        packetIns.Writer.TryComplete(error);
        digests.Writer.TryComplete(error);
        streamErrors.Writer.TryComplete(error);
        idleTimeouts.Writer.TryComplete(error);
    }

    public async Task<string> CapabilitiesAsync() =>
        (await Stub.CapabilitiesAsync(new CapabilitiesRequest { DeviceId = DeviceId }).ConfigureAwait(false)).P4RuntimeApiVersion;

    /// <summary>SetForwardingPipelineConfig with this client's credentials; remembers the P4Info for the name helpers.</summary>
    public async Task SetPipelineAsync(P4InfoMessage? p4Info, byte[]? deviceConfig, ulong? cookie = null,
        SetForwardingPipelineConfigRequest.Types.Action action = SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit)
    {
        var request = new SetForwardingPipelineConfigRequest { DeviceId = DeviceId, Role = Role, ElectionId = ElectionProto, Action = action };
        if (p4Info is not null || deviceConfig is not null)
        {
            request.Config = new ForwardingPipelineConfig { P4Info = p4Info, P4DeviceConfig = ByteString.CopyFrom(deviceConfig ?? []) };
            if (cookie is { } c)
            {
                request.Config.Cookie = new ForwardingPipelineConfig.Types.Cookie { Cookie_ = c };
            }
        }
        await Stub.SetForwardingPipelineConfigAsync(request).ConfigureAwait(false);
        if (p4Info is not null && action != SetForwardingPipelineConfigRequest.Types.Action.Verify)
        {
            P4Info = new P4InfoIndex(p4Info);
        }
    }

    public async Task<ForwardingPipelineConfig?> GetPipelineAsync(GetForwardingPipelineConfigRequest.Types.ResponseType type = GetForwardingPipelineConfigRequest.Types.ResponseType.All) =>
        (await Stub.GetForwardingPipelineConfigAsync(new GetForwardingPipelineConfigRequest { DeviceId = DeviceId, ResponseType = type }).ConfigureAwait(false)).Config;

    /// <summary>Fetches the device's P4Info (P4INFO_AND_COOKIE) for the name helpers, as p4runtime-shell does on connect.</summary>
    public async Task<P4InfoMessage> LoadP4InfoAsync()
    {
        var config = await GetPipelineAsync(GetForwardingPipelineConfigRequest.Types.ResponseType.P4InfoAndCookie).ConfigureAwait(false);
        var info = config?.P4Info ?? throw new InvalidOperationException($"device {DeviceId} has no pipeline");
        P4Info = new P4InfoIndex(info);
        return info;
    }

    /// <summary>One Write RPC with the given updates; a partial failure throws <see cref="P4RuntimeBatchException"/>.</summary>
    public async Task WriteAsync(IEnumerable<Update> updates, WriteRequest.Types.Atomicity atomicity = WriteRequest.Types.Atomicity.ContinueOnError)
    {
        var request = new WriteRequest { DeviceId = DeviceId, Role = Role, ElectionId = ElectionProto, Atomicity = atomicity };
        request.Updates.AddRange(updates);
        try
        {
            await Stub.WriteAsync(request).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw P4RuntimeBatchException.From(ex);
        }
    }

    public Task WriteAsync(Update.Types.Type type, Entity entity) => WriteAsync([new Update { Type = type, Entity = entity }]);

    /// <summary>Reads every entity matching the filters (all response messages collected).</summary>
    public async Task<List<Entity>> ReadAsync(params Entity[] filters)
    {
        var request = new ReadRequest { DeviceId = DeviceId, Role = Role };
        request.Entities.AddRange(filters);
        var result = new List<Entity>();
        try
        {
            using var call = Stub.Read(request);
            await foreach (var r in call.ResponseStream.ReadAllAsync().ConfigureAwait(false))
            {
                result.AddRange(r.Entities);
            }
        }
        catch (RpcException ex)
        {
            throw P4RuntimeBatchException.From(ex);
        }
        return result;
    }

    /// <summary>Sends a PacketOut; metadata by name (from the P4Info packet_out header).</summary>
    public Task SendPacketOutAsync(byte[] payload, IReadOnlyDictionary<string, System.Numerics.BigInteger>? metadata = null)
    {
        var packet = new PacketOut { Payload = ByteString.CopyFrom(payload) };
        foreach (var (name, value) in metadata ?? new Dictionary<string, System.Numerics.BigInteger>())
        {
            var header = Info.PacketOut ?? throw new InvalidOperationException("the P4Info has no packet_out header");
            var m = header.Metadata.FirstOrDefault(x => x.Name == name) ?? throw new KeyNotFoundException($"packet_out has no metadata {name}");
            packet.Metadata.Add(new PacketMetadata { MetadataId = m.Id, Value = Core.ByteStrings.Canonical(value) });
        }
        return SendAsync(new StreamMessageRequest { Packet = packet });
    }

    public Task AckDigestAsync(DigestList list) => SendAsync(new StreamMessageRequest { DigestAck = new DigestListAck { DigestId = list.DigestId, ListId = list.ListId } });

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        if (stream is not null)
        {
            try
            {
                await stream.RequestStream.CompleteAsync().ConfigureAwait(false);
                if (readerTask is not null)
                {
                    await readerTask.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RpcException or InvalidOperationException or TimeoutException or IOException)
            {
            }
            stream.Dispose();
        }
        await cts.CancelAsync().ConfigureAwait(false);
        channel.Dispose();
        cts.Dispose();
        sendLock.Dispose();
    }
}
