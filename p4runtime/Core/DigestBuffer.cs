using Google.Protobuf;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

/// <summary>Buffers digests into DigestLists as §16.4 asks: distinct data, sent at max_list_size or max_timeout_ns after the first; unacked data suppressed for ack_timeout_ns.</summary>
internal sealed class DigestBuffer : IDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<uint, Pending> pending = [];
    private readonly Dictionary<uint, Dictionary<ulong, (List<ByteString> Data, DateTime Expires)>> unacked = [];
    private ulong nextListId = 1;

    private sealed class Pending
    {
        public List<P4Data> Data { get; } = [];

        public HashSet<ByteString> Seen { get; } = [];

        public Timer? Timer { get; set; }

        /// <summary>The config the buffering started under; a MODIFY of the DigestEntry restarts the timeout under the new one.</summary>
        public DigestEntry.Types.Config? Config { get; set; }
    }

    public void Add(uint digestId, DigestEntry.Types.Config config, P4Data data, Action<DigestList> send)
    {
        DigestList? ready = null;
        lock (gate)
        {
            var bytes = data.ToByteString();
            if (unacked.TryGetValue(digestId, out var cache))
            {
                var now = DateTime.UtcNow;
                foreach (var id in cache.Where(c => c.Value.Expires <= now).Select(c => c.Key).ToList())
                {
                    cache.Remove(id);
                }
                if (cache.Values.Any(c => c.Data.Contains(bytes)))
                {
                    return;
                }
            }
            if (!pending.TryGetValue(digestId, out var p))
            {
                pending[digestId] = p = new Pending();
            }
            if (!ReferenceEquals(p.Config, config))
            {
                p.Timer?.Dispose();
                p.Timer = null;
                p.Config = config;
            }
            if (!p.Seen.Add(bytes))
            {
                return;
            }
            p.Data.Add(data);
            if (config.MaxTimeoutNs == 0 || (config.MaxListSize > 0 && p.Data.Count >= config.MaxListSize))
            {
                ready = Flush(digestId, config);
            }
            else if (p.Timer is null)
            {
                var due = TimeSpan.FromTicks(Math.Max(1, config.MaxTimeoutNs / 100));
                p.Timer = new Timer(_ =>
                {
                    DigestList? list;
                    lock (gate)
                    {
                        list = Flush(digestId, config);
                    }
                    if (list is not null)
                    {
                        send(list);
                    }
                }, null, due, Timeout.InfiniteTimeSpan);
            }
        }
        if (ready is not null)
        {
            send(ready);
        }
    }

    private DigestList? Flush(uint digestId, DigestEntry.Types.Config config)
    {
        if (!pending.Remove(digestId, out var p) || p.Data.Count == 0)
        {
            return null;
        }
        p.Timer?.Dispose();
        var list = new DigestList { DigestId = digestId, ListId = nextListId++, Timestamp = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100 };
        list.Data.AddRange(p.Data);
        if (config.AckTimeoutNs > 0)
        {
            if (!unacked.TryGetValue(digestId, out var cache))
            {
                unacked[digestId] = cache = [];
            }
            cache[list.ListId] = (p.Seen.ToList(), DateTime.UtcNow + TimeSpan.FromTicks(config.AckTimeoutNs / 100));
        }
        return list;
    }

    public void Ack(uint digestId, ulong listId)
    {
        lock (gate)
        {
            if (unacked.TryGetValue(digestId, out var cache))
            {
                cache.Remove(listId);
            }
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            foreach (var p in pending.Values)
            {
                p.Timer?.Dispose();
            }
            pending.Clear();
            unacked.Clear();
        }
    }

    public void Dispose() => Reset();
}
