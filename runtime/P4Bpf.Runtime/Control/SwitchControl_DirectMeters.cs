using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Control;

public sealed partial class SwitchControl
{
    /// <summary>Configures the direct meter of an entry (tables with a direct meter only): the token-bucket cell at the layout's
    /// <see cref="TableLayout.DirectMeterOffset"/> in each map value the entry wrote; <c>null</c> resets it to unconfigured (green).</summary>
    public void SetDirectMeter(TableEntry entry, MeterConfig? config)
    {
        lock (_lock)
        {
            var t = Table(entry.Table);
            var offset = t.Layout.DirectMeterOffset ?? throw new ControlException(ControlErrorCode.InvalidArgument, $"table {t.Layout.Name} has no direct meter");
            var stored = Stored(t, entry);
            foreach (var w in stored.Writes.Where(w => t.Layout.IsEntryMap(w.Map)))
            {
                var map = Map(w.Map);
                if (map.Lookup(w.Key) is not { } value)
                {
                    continue;
                }
                WriteMeterCell(value.AsSpan(offset), config ?? default);
                Check(map.Update(w.Key, value), $"direct meter of {t.Layout.Name}");
            }
        }
    }

    /// <summary>The direct meter configuration of an entry (all zero when unconfigured).</summary>
    public MeterConfig ReadDirectMeter(TableEntry entry)
    {
        lock (_lock)
        {
            var t = Table(entry.Table);
            var offset = t.Layout.DirectMeterOffset ?? throw new ControlException(ControlErrorCode.InvalidArgument, $"table {t.Layout.Name} has no direct meter");
            var stored = Stored(t, entry);
            var w = stored.Writes.FirstOrDefault(w => t.Layout.IsEntryMap(w.Map));
            if (w is null || Map(w.Map).Lookup(w.Key) is not { } v)
            {
                return default;
            }
            return ReadMeterCell(v.AsSpan(offset));
        }
    }

    private StoredEntry Stored(TableState t, TableEntry entry)
    {
        var (key, _) = Canonical(t, entry);
        return t.Entries.TryGetValue(key, out var stored)
            ? stored
            : throw new ControlException(ControlErrorCode.NotFound, $"table {t.Layout.Name}: no entry with match {key}");
    }
}
