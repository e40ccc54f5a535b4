namespace P4Bpf.Runtime.Switch;

/// <summary>One copy a multicast group or clone session makes: the port and the instance (v1model egress_rid, PSA instance).</summary>
public readonly record struct Replica(int Port, int Instance);

/// <summary>A clone (mirror) session: its replicas, class of service, and the length clones are truncated to (0 = whole packet).</summary>
public sealed record CloneSession(uint Id, IReadOnlyList<Replica> Replicas, int ClassOfService = 0, int TruncateLength = 0);

/// <summary>The traffic manager's replication tables: multicast groups and clone sessions, as P4Runtime's PacketReplicationEngineEntry describes them.</summary>
/// <remarks>Thread-safe: writers replace immutable lists under a lock; the data path reads a consistent snapshot.</remarks>
public sealed class PacketReplicationEngine
{
    private readonly Lock _lock = new();
    private Dictionary<uint, IReadOnlyList<Replica>> _groups = [];
    private Dictionary<uint, CloneSession> _sessions = [];

    /// <summary>Creates or replaces multicast group <paramref name="group"/> (0 is not a group).</summary>
    public void SetMulticastGroup(uint group, IReadOnlyList<Replica> replicas)
    {
        if (group == 0)
        {
            throw new ArgumentException("multicast group 0 means 'no multicast'", nameof(group));
        }
        lock (_lock)
        {
            _groups = new Dictionary<uint, IReadOnlyList<Replica>>(_groups) { [group] = [.. replicas] };
        }
    }

    /// <summary>Deletes a group; false when it did not exist.</summary>
    public bool DeleteMulticastGroup(uint group)
    {
        lock (_lock)
        {
            if (!_groups.ContainsKey(group))
            {
                return false;
            }
            var copy = new Dictionary<uint, IReadOnlyList<Replica>>(_groups);
            copy.Remove(group);
            _groups = copy;
            return true;
        }
    }

    public IReadOnlyList<Replica>? MulticastGroup(uint group) => _groups.GetValueOrDefault(group);

    public IReadOnlyDictionary<uint, IReadOnlyList<Replica>> MulticastGroups => _groups;

    public void SetCloneSession(CloneSession session)
    {
        lock (_lock)
        {
            _sessions = new Dictionary<uint, CloneSession>(_sessions) { [session.Id] = session with { Replicas = [.. session.Replicas] } };
        }
    }

    public bool DeleteCloneSession(uint session)
    {
        lock (_lock)
        {
            if (!_sessions.ContainsKey(session))
            {
                return false;
            }
            var copy = new Dictionary<uint, CloneSession>(_sessions);
            copy.Remove(session);
            _sessions = copy;
            return true;
        }
    }

    public CloneSession? CloneSessionById(uint session) => _sessions.GetValueOrDefault(session);

    public IReadOnlyDictionary<uint, CloneSession> CloneSessions => _sessions;

    /// <summary>Removes every group and session.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _groups = [];
            _sessions = [];
        }
    }
}
