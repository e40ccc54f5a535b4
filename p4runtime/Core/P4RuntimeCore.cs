using Google.Rpc;
using P4.V1;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Core;

/// <summary>Options of a P4Runtime server's domain core.</summary>
public sealed record P4RuntimeCoreOptions
{
    /// <summary>The device ids served (default: 1, as p4runtime-shell expects; 0 is accepted too when listed).</summary>
    public IReadOnlyList<ulong> DeviceIds { get; init; } = [1];

    /// <summary>Creates the data plane of a committed pipeline.</summary>
    public required P4DeviceFactory DeviceFactory { get; init; }

    /// <summary>Roles pinned by the operator (<c>--role-config</c>); null lets controllers define roles with <c>role.config</c>.</summary>
    public RoleConfigFile? Roles { get; init; }
}

/// <summary>The P4Runtime domain core: devices, arbitration and every RPC's semantics, independent of gRPC.</summary>
public sealed class P4RuntimeCore : IDisposable
{
    /// <summary>The P4Runtime version implemented (Capabilities).</summary>
    public const string ApiVersion = "1.5.0";

    private readonly Dictionary<ulong, DeviceState> devices;

    public P4RuntimeCore(P4RuntimeCoreOptions options)
    {
        Arbitration = new Arbitration(options.Roles);
        devices = options.DeviceIds.Distinct().ToDictionary(id => id, id => new DeviceState(id, options.DeviceFactory));
        foreach (var d in devices.Values)
        {
            d.PacketIn += p => Broadcast(d.DeviceId, new StreamMessageResponse { Packet = p });
            d.DigestList += l => Broadcast(d.DeviceId, new StreamMessageResponse { Digest = l });
            d.IdleTimeout += n => Broadcast(d.DeviceId, new StreamMessageResponse { IdleTimeoutNotification = n });
        }
    }

    public Arbitration Arbitration { get; }

    public IReadOnlyCollection<ulong> DeviceIds => devices.Keys;

    public DeviceState Device(ulong id) => devices.TryGetValue(id, out var d) ? d : throw P4RuntimeException.NotFound($"no device with id {id}");

    /// <summary>Sends a PacketIn, digest list or idle-timeout notification to the primary of every role whose scope covers it.</summary>
    private void Broadcast(ulong deviceId, StreamMessageResponse message)
    {
        var primaries = Arbitration.PrimaryScopes(deviceId);
        var schema = primaries.Any(p => p.Scope is not null) ? devices[deviceId].ActiveSchema : null;
        foreach (var (session, scope) in primaries)
        {
            if (RoleScope.ForRole(scope, schema, message) is { } m)
            {
                session.Send(m);
            }
        }
    }

    public CapabilitiesResponse Capabilities(CapabilitiesRequest request)
    {
        if (request.DeviceId != 0)
        {
            Device(request.DeviceId);
        }
        return new CapabilitiesResponse { P4RuntimeApiVersion = ApiVersion };
    }

    /// <summary>Write: NOT_FOUND (device), PERMISSION_DENIED (not primary), FAILED_PRECONDITION (no pipeline) in that order, then the batch.</summary>
    public WriteResult Write(WriteRequest request)
    {
        var device = Device(request.DeviceId);
        var scope = Arbitration.CheckPrimary(request.DeviceId, request.Role, request.ElectionId);
        return device.Write(request, scope);
    }

    public ReadResult Read(ReadRequest request)
    {
        var device = Device(request.DeviceId);
        var scope = Arbitration.ReadScope(request.DeviceId, request.Role);
        if (request.Entities.Count == 0)
        {
            return new ReadResult([], []);
        }
        return device.Read(request.Entities, scope);
    }

    public void SetPipeline(SetForwardingPipelineConfigRequest request)
    {
        var device = Device(request.DeviceId);
        if (Arbitration.CheckPrimary(request.DeviceId, request.Role, request.ElectionId) is { CanPushPipeline: false } scope)
        {
            throw new P4RuntimeException(Code.PermissionDenied, $"role '{scope.Role}' may not set the forwarding pipeline (can_push_pipeline is off)");
        }
        device.SetPipeline(request.Action, request.Config);
    }

    public GetForwardingPipelineConfigResponse GetPipeline(GetForwardingPipelineConfigRequest request) =>
        new() { Config = Device(request.DeviceId).GetPipeline(request.ResponseType) };

    /// <summary>One StreamChannel message. Arbitration errors are thrown (they end the stream); PacketOut/ack errors become StreamErrors.</summary>
    public void OnStreamMessage(ControllerSession session, StreamMessageRequest message)
    {
        switch (message.UpdateCase)
        {
            case StreamMessageRequest.UpdateOneofCase.Arbitration:
                Arbitration.Update(session, message.Arbitration, devices.ContainsKey);
                return;
            case StreamMessageRequest.UpdateOneofCase.None:
                throw P4RuntimeException.Invalid("stream message has no update");
        }
        if (!session.Arbitrated)
        {
            throw new P4RuntimeException(Code.FailedPrecondition, "the first message on a stream must be a MasterArbitrationUpdate");
        }
        try
        {
            switch (message.UpdateCase)
            {
                case StreamMessageRequest.UpdateOneofCase.Packet:
                    if (!Arbitration.IsPrimary(session))
                    {
                        throw new P4RuntimeException(Code.PermissionDenied, "only the primary controller may send packets");
                    }
                    if (Arbitration.ScopeOf(session) is { SendsPacketOut: false } scope)
                    {
                        throw new P4RuntimeException(Code.PermissionDenied, $"role '{scope.Role}' may not send packets (sends_packet_out is off)");
                    }
                    Device(session.DeviceId).SendPacketOut(message.Packet);
                    break;
                case StreamMessageRequest.UpdateOneofCase.DigestAck:
                    if (Arbitration.IsPrimary(session))
                    {
                        var device = Device(session.DeviceId);
                        if (Arbitration.ScopeOf(session) is { } ackScope && device.ActiveSchema is { } schema && !ackScope.AllowsDigest(schema, message.DigestAck.DigestId))
                        {
                            throw new P4RuntimeException(Code.PermissionDenied, $"role '{ackScope.Role}' may not acknowledge digest {message.DigestAck.DigestId}");
                        }
                        device.AckDigest(message.DigestAck);
                    }
                    break;
                default:
                    throw P4RuntimeException.Unimplemented("'other' stream messages");
            }
        }
        catch (P4RuntimeException ex)
        {
            var error = new StreamError { CanonicalCode = (int)ex.Code, Message = ex.Message };
            switch (message.UpdateCase)
            {
                case StreamMessageRequest.UpdateOneofCase.Packet:
                    error.PacketOut = new PacketOutError { PacketOut = message.Packet };
                    break;
                case StreamMessageRequest.UpdateOneofCase.DigestAck:
                    error.DigestListAck = new DigestListAckError { DigestListAck = message.DigestAck };
                    break;
                default:
                    error.Other = new StreamOtherError { Other = message.Other };
                    break;
            }
            session.Send(new StreamMessageResponse { Error = error });
        }
    }

    public void OnStreamClosed(ControllerSession session)
    {
        Arbitration.Remove(session);
        session.Complete();
    }

    public void Dispose()
    {
        foreach (var d in devices.Values)
        {
            d.Dispose();
        }
    }
}
