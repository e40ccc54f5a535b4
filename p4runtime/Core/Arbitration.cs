using Google.Rpc;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

/// <summary>Client arbitration (§6.4, §16.3): per (device, role) the primary is the controller holding the highest election id ever seen.</summary>
/// <remarks>
/// There is no automatic fail-over: when the primary leaves, the others are told there is none, and a controller becomes
/// primary only by presenting an election id at least the highest seen. Unset election ids are never primary.
/// </remarks>
public sealed class Arbitration
{
    /// <summary>At most this many streams per (device, role), like PI.</summary>
    public const int MaxStreamsPerRole = 16;

    private readonly object gate = new();
    private readonly Dictionary<(ulong Device, string Role), RoleState> roles = [];

    private sealed class RoleState
    {
        public List<ControllerSession> Sessions { get; } = [];

        public ControllerSession? Primary { get; set; }

        public UInt128? HighestSeen { get; set; }

        public Google.Protobuf.WellKnownTypes.Any? Config { get; set; }
    }

    /// <summary>Handles a MasterArbitrationUpdate on <paramref name="session"/>; errors terminate the stream with their code.</summary>
    public void Update(ControllerSession session, MasterArbitrationUpdate update, Func<ulong, bool> deviceExists)
    {
        var role = update.Role?.Name ?? "";
        var electionId = ControllerSession.ToElectionId(update.ElectionId);
        lock (gate)
        {
            if (session.Arbitrated && (session.DeviceId != update.DeviceId || session.Role != role))
            {
                throw new P4RuntimeException(Code.FailedPrecondition, "device_id and role cannot change on a stream (open a new stream)");
            }
            if (!deviceExists(update.DeviceId))
            {
                throw P4RuntimeException.NotFound($"no device with id {update.DeviceId}");
            }
            if (!roles.TryGetValue((update.DeviceId, role), out var state))
            {
                roles[(update.DeviceId, role)] = state = new RoleState();
            }
            if (electionId is not null && state.Sessions.Any(s => s != session && s.ElectionId == electionId))
            {
                throw P4RuntimeException.Invalid("election_id is already used by another controller of this device and role");
            }
            if (!session.Arbitrated)
            {
                if (state.Sessions.Count >= MaxStreamsPerRole)
                {
                    throw new P4RuntimeException(Code.ResourceExhausted, $"at most {MaxStreamsPerRole} controllers per device and role");
                }
                session.DeviceId = update.DeviceId;
                session.Role = role;
                session.Arbitrated = true;
                state.Sessions.Add(session);
            }
            session.ElectionId = electionId;
            var wasPrimary = state.Primary == session;
            if (electionId is { } id && (state.HighestSeen is null || id >= state.HighestSeen))
            {
                var changed = state.Primary != session;
                state.Primary = session;
                state.HighestSeen = id;
                if (update.Role?.Config is { } config)
                {
                    state.Config = config;
                }
                if (changed)
                {
                    NotifyAll(state, role);
                }
                else
                {
                    Notify(state, session, role);
                }
            }
            else if (wasPrimary)
            {
                state.Primary = null;
                NotifyAll(state, role);
            }
            else
            {
                Notify(state, session, role);
            }
        }
    }

    /// <summary>The stream ended: forget the controller; if it was the primary, tell the others there is none.</summary>
    public void Remove(ControllerSession session)
    {
        lock (gate)
        {
            if (!session.Arbitrated || !roles.TryGetValue((session.DeviceId, session.Role), out var state))
            {
                return;
            }
            state.Sessions.Remove(session);
            if (state.Primary == session)
            {
                state.Primary = null;
                NotifyAll(state, session.Role);
            }
        }
    }

    /// <summary>Write/SetForwardingPipelineConfig authorisation: the request's (device, role, election id) must be the primary's.</summary>
    public void CheckPrimary(ulong deviceId, string role, Uint128? electionId)
    {
        var id = ControllerSession.ToElectionId(electionId);
        lock (gate)
        {
            if (!roles.TryGetValue((deviceId, role), out var state) || state.Primary is null || id is null || state.Primary.ElectionId != id)
            {
                throw new P4RuntimeException(Code.PermissionDenied, "not the primary controller for this device and role");
            }
        }
    }

    /// <summary>True when <paramref name="session"/> is currently the primary of its (device, role).</summary>
    public bool IsPrimary(ControllerSession session)
    {
        lock (gate)
        {
            return session.Arbitrated && roles.TryGetValue((session.DeviceId, session.Role), out var state) && state.Primary == session;
        }
    }

    /// <summary>The primary sessions of every role of a device (where PacketIns and digests go).</summary>
    public IReadOnlyList<ControllerSession> Primaries(ulong deviceId)
    {
        lock (gate)
        {
            return roles.Where(r => r.Key.Device == deviceId && r.Value.Primary is not null).Select(r => r.Value.Primary!).ToList();
        }
    }

    private static void NotifyAll(RoleState state, string role)
    {
        foreach (var s in state.Sessions)
        {
            Notify(state, s, role);
        }
    }

    private static void Notify(RoleState state, ControllerSession session, string role)
    {
        var update = new MasterArbitrationUpdate
        {
            DeviceId = session.DeviceId,
            ElectionId = ControllerSession.ToProto(state.HighestSeen),
            Status = state.Primary == session ? new Status { Code = (int)Code.Ok, Message = "primary" }
                : state.Primary is not null ? new Status { Code = (int)Code.AlreadyExists, Message = "a primary controller exists" }
                : new Status { Code = (int)Code.NotFound, Message = "there is no primary controller" },
        };
        if (role.Length > 0 || state.Config is not null)
        {
            update.Role = new Role { Name = role, Config = state.Config };
        }
        session.Send(new StreamMessageResponse { Arbitration = update });
    }
}
