using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using P4.V1;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Core;

/// <summary>Client arbitration (§6.4, §16.3): per (device, role) the primary is the controller holding the highest election id ever seen.</summary>
/// <remarks>
/// There is no automatic fail-over: when the primary leaves, the others are told there is none, and a controller becomes
/// primary only by presenting an election id at least the highest seen. Unset election ids are never primary.
/// Each role has a scope (<see cref="RoleScope"/>; null = full access): the one pinned by the server's role file, else the
/// <c>role.config</c> its latest primary sent. The default role ("") always has full access, unless a role file disables it.
/// </remarks>
public sealed class Arbitration
{
    /// <summary>At most this many streams per (device, role), like PI.</summary>
    public const int MaxStreamsPerRole = 16;

    private readonly object gate = new();
    private readonly Dictionary<(ulong Device, string Role), RoleState> roles = [];
    private readonly Dictionary<string, RoleScope>? pinned;
    private readonly bool defaultRoleAllowed = true;

    /// <param name="roleFile">Roles pinned by the operator: only these (and the default role if the file allows it) exist, with these scopes.</param>
    public Arbitration(RoleConfigFile? roleFile = null)
    {
        if (roleFile is not null)
        {
            pinned = roleFile.Roles.ToDictionary(r => r.Key, r => new RoleScope(r.Key, r.Value), StringComparer.Ordinal);
            if (pinned.ContainsKey(""))
            {
                throw new ArgumentException("the role file names the default role \"\" (it has full access; use allow_default_role)");
            }
            defaultRoleAllowed = roleFile.AllowDefaultRole;
        }
    }

    private sealed class RoleState
    {
        public List<ControllerSession> Sessions { get; } = [];

        public ControllerSession? Primary { get; set; }

        public UInt128? HighestSeen { get; set; }

        /// <summary>The role.config reported in notifications (the pinned one, or the latest from a primary).</summary>
        public Any? Config { get; set; }

        /// <summary>The role's scope; null = full access.</summary>
        public RoleScope? Scope { get; set; }

        public bool Pinned { get; init; }
    }

    /// <summary>NOT_FOUND when the role does not exist on this server: not pinned by the role file, or the default role that the file disables.</summary>
    private void CheckRoleExists(string role)
    {
        if (pinned is null)
        {
            return;
        }
        if (role.Length == 0 && !defaultRoleAllowed)
        {
            throw P4RuntimeException.NotFound("the default role is disabled on this server (its role file does not set allow_default_role)");
        }
        if (role.Length > 0 && !pinned.ContainsKey(role))
        {
            throw P4RuntimeException.NotFound($"role '{role}' is not configured on this server");
        }
    }

    private RoleState GetOrCreate(ulong deviceId, string role)
    {
        if (!roles.TryGetValue((deviceId, role), out var state))
        {
            var scope = pinned?.GetValueOrDefault(role);
            roles[(deviceId, role)] = state = new RoleState { Pinned = scope is not null, Scope = scope, Config = scope?.ToAny() };
        }
        return state;
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
            CheckRoleExists(role);
            var state = GetOrCreate(update.DeviceId, role);
            if (electionId is not null && state.Sessions.Any(s => s != session && s.ElectionId == electionId))
            {
                throw P4RuntimeException.Invalid("election_id is already used by another controller of this device and role");
            }
            var sent = update.Role?.Config;
            if (sent is not null && role.Length == 0)
            {
                throw P4RuntimeException.Invalid("the default role has full access and takes no role.config (name the role)");
            }
            var sentScope = RoleScope.FromAny(role, sent);
            if (state.Pinned && sentScope is not null && !sentScope.Config.Equals(state.Scope!.Config))
            {
                throw P4RuntimeException.Invalid($"role '{role}' is pinned by the server's role file; send no role.config or the same one");
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
                if (!state.Pinned && !Equals(state.Config, sent))
                {
                    // §6.4: the primary's role.config (unset = full access) becomes the role's; everybody is told.
                    state.Config = sent;
                    state.Scope = sentScope;
                    changed = true;
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

    /// <summary>Write/SetForwardingPipelineConfig authorisation: NOT_FOUND for a role the server does not have, PERMISSION_DENIED unless the request's (device, role, election id) is the primary's.</summary>
    /// <returns>The role's scope (null = full access).</returns>
    public RoleScope? CheckPrimary(ulong deviceId, string role, Uint128? electionId)
    {
        var id = ControllerSession.ToElectionId(electionId);
        lock (gate)
        {
            CheckRoleExists(role);
            if (!roles.TryGetValue((deviceId, role), out var state))
            {
                if (role.Length > 0 && pinned is null)
                {
                    throw P4RuntimeException.NotFound($"role '{role}' is not known on device {deviceId} (no controller arbitrated for it)");
                }
                throw new P4RuntimeException(Code.PermissionDenied, "not the primary controller for this device and role");
            }
            if (state.Primary is null || id is null || state.Primary.ElectionId != id)
            {
                throw new P4RuntimeException(Code.PermissionDenied, "not the primary controller for this device and role");
            }
            return state.Scope;
        }
    }

    /// <summary>The scope a Read with this role filters by (null = everything); NOT_FOUND for a role the device does not have.</summary>
    public RoleScope? ReadScope(ulong deviceId, string role)
    {
        lock (gate)
        {
            CheckRoleExists(role);
            if (roles.TryGetValue((deviceId, role), out var state))
            {
                return state.Scope;
            }
            if (role.Length == 0)
            {
                return null;
            }
            return pinned?.GetValueOrDefault(role) ?? throw P4RuntimeException.NotFound($"role '{role}' is not known on device {deviceId} (no controller arbitrated for it)");
        }
    }

    /// <summary>The scope of an arbitrated stream's role (null = full access).</summary>
    public RoleScope? ScopeOf(ControllerSession session)
    {
        lock (gate)
        {
            return session.Arbitrated && roles.TryGetValue((session.DeviceId, session.Role), out var state) ? state.Scope : null;
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

    /// <summary>The primary of every role of a device with the role's scope (where PacketIns, digests and idle-timeout notifications may go).</summary>
    public IReadOnlyList<(ControllerSession Session, RoleScope? Scope)> PrimaryScopes(ulong deviceId)
    {
        lock (gate)
        {
            return roles.Where(r => r.Key.Device == deviceId && r.Value.Primary is not null).Select(r => (r.Value.Primary!, r.Value.Scope)).ToList();
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
