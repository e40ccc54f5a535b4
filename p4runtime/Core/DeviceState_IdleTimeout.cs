using System.Diagnostics;
using P4.V1;

namespace P4Bpf.P4Runtime.Core;

/// <summary>Table idle timeouts (§9.1.7, §16.3): entries with <c>idle_timeout_ns</c> are notified to the primary when no packet hit them for that
/// long, then re-armed for another period. Hits come from the device (<see cref="IP4Device.LastHit"/>); a periodic sweep compares.</summary>
public sealed partial class DeviceState
{
    private static readonly TimeSpan IdleSweepPeriod = TimeSpan.FromMilliseconds(25);
    private readonly Timer idleSweep;
    private int sweeping;

    /// <summary>Raised with the entries that timed out in one sweep (never empty).</summary>
    public event Action<IdleTimeoutNotification>? IdleTimeout;

    private static long ElapsedNs(long from, long to) => (long)((to - from) * (1e9 / Stopwatch.Frequency));

    /// <summary>Asks the device to record hits on <paramref name="table"/>; UNIMPLEMENTED when it cannot.</summary>
    private static void EnsureObservingHits(PipelineState state, TableState table)
    {
        if (table.ObservingHits || state.Device is not { } device)
        {
            return;
        }
        if (!device.ObserveHits(table.Schema.Name))
        {
            throw P4RuntimeException.Unimplemented($"idle timeouts on {table.Schema.Name}: this target cannot observe table hits");
        }
        table.ObservingHits = true;
    }

    /// <summary>The time since the entry was last hit (or written, if never hit).</summary>
    private static TableEntry.Types.IdleTimeout TimeSinceLastHit(PipelineState state, TableState table, StoredEntry e)
    {
        if (table.ObservingHits && state.Device?.LastHit(e.Device) is { } hit && hit > e.LastHit)
        {
            e.LastHit = hit;
        }
        var since = e.LastHit != 0 ? e.LastHit : e.Written;
        return new TableEntry.Types.IdleTimeout { ElapsedNs = Math.Max(0, ElapsedNs(since, Stopwatch.GetTimestamp())) };
    }

    private void SweepIdle()
    {
        if (Interlocked.Exchange(ref sweeping, 1) == 1)
        {
            return;
        }
        var expired = new List<TableEntry>();
        try
        {
            if (!rw.TryEnterReadLock(0))
            {
                return;
            }
            try
            {
                if (active is not { Device: { } device } state)
                {
                    return;
                }
                var now = Stopwatch.GetTimestamp();
                foreach (var table in state.Tables.Values.Where(t => t.Schema.IdleTimeout))
                {
                    foreach (var e in table.Entries.Values)
                    {
                        var ttl = e.Proto.IdleTimeoutNs;
                        if (ttl <= 0)
                        {
                            continue;
                        }
                        if (!table.ObservingHits)
                        {
                            table.ObservingHits = device.ObserveHits(table.Schema.Name);
                        }
                        // Only entries whose period ran out ask the device (one lookup per candidate, not per entry and sweep).
                        if (ElapsedNs(Math.Max(e.Armed, e.LastHit), now) < ttl)
                        {
                            continue;
                        }
                        if (device.LastHit(e.Device) is { } hit && hit > e.LastHit)
                        {
                            e.LastHit = hit;
                            if (ElapsedNs(Math.Max(e.Armed, e.LastHit), now) < ttl)
                            {
                                continue;
                            }
                        }
                        var note = new TableEntry
                        {
                            TableId = e.Proto.TableId,
                            Priority = e.Proto.Priority,
                            ControllerMetadata = e.Proto.ControllerMetadata,
                            Metadata = e.Proto.Metadata,
                            IdleTimeoutNs = ttl,
                        };
                        note.Match.AddRange(e.Proto.Match);
                        expired.Add(note);
                        e.Armed = now;
                    }
                }
            }
            catch (DeviceException)
            {
                // Best effort (§16.3): a device that fails to answer skips this sweep.
            }
            finally
            {
                rw.ExitReadLock();
            }
            if (expired.Count > 0)
            {
                var notification = new IdleTimeoutNotification { Timestamp = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100 };
                notification.TableEntry.AddRange(expired);
                IdleTimeout?.Invoke(notification);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            Volatile.Write(ref sweeping, 0);
        }
    }
}
