using System.Numerics;
using Google.Rpc;
using P4.V1;
using UpdateType = P4.V1.Update.Types.Type;

using Undo = System.Action;

namespace P4Bpf.P4Runtime.Core;

public sealed partial class DeviceState
{
    private static void WriteTableEntry(PipelineState state, UpdateType type, TableEntry entry, Action<Undo>? undo)
    {
        var table = state.Tables.TryGetValue(entry.TableId, out var t) ? t : throw P4RuntimeException.NotFound($"no table with id {entry.TableId}");
        var schema = table.Schema;
        if (entry.IsConst)
        {
            throw P4RuntimeException.Invalid("is_const must be false in writes");
        }
        if (entry.TimeSinceLastHit is not null)
        {
            throw P4RuntimeException.Invalid("time_since_last_hit must be unset in writes");
        }
        if (entry.IsDefaultAction)
        {
            WriteDefaultEntry(state, table, type, entry, undo);
            return;
        }
        if (schema.IsConst)
        {
            throw new P4RuntimeException(Code.PermissionDenied, $"table {schema.Name} is const");
        }
        if (schema.Fields.Count == 0)
        {
            throw P4RuntimeException.Invalid($"table {schema.Name} has no key: only its default entry can be written");
        }
        var match = EntryCodec.DecodeMatch(schema, entry.Match, entry.Priority);
        var device = state.Device;
        table.Entries.TryGetValue(match.Key, out var existing);
        if (existing?.Proto.IsConst == true)
        {
            throw new P4RuntimeException(Code.PermissionDenied, $"entry of {schema.Name} is const");
        }
        if (type == UpdateType.Delete)
        {
            if (existing is null)
            {
                throw P4RuntimeException.NotFound($"table {schema.Name}: no such entry");
            }
            device?.DeleteEntry(existing.Device);
            table.Entries.Remove(match.Key);
            var held = HeldBy(existing);
            Release(state, schema, held);
            undo?.Invoke(() =>
            {
                Reacquire(state, schema, held);
                device?.InsertEntry(existing.Device);
                table.Entries[match.Key] = existing;
            });
            return;
        }
        if (entry.IdleTimeoutNs != 0 && !schema.IdleTimeout)
        {
            throw P4RuntimeException.Invalid($"table {schema.Name} does not support idle timeout");
        }
        if (entry.IdleTimeoutNs < 0)
        {
            throw P4RuntimeException.Invalid("idle_timeout_ns is negative");
        }
        if (entry.IdleTimeoutNs != 0)
        {
            EnsureObservingHits(state, table);
        }
        if (entry.CounterData is not null && schema.DirectCounterId == 0)
        {
            throw P4RuntimeException.Invalid($"table {schema.Name} has no direct counter");
        }
        if ((entry.MeterConfig is not null || entry.MeterCounterData is not null) && schema.DirectMeterId == 0)
        {
            throw P4RuntimeException.Invalid($"table {schema.Name} has no direct meter");
        }
        if (entry.MeterCounterData is not null)
        {
            throw P4RuntimeException.Unimplemented("per-colour meter counters");
        }
        if (entry.MeterConfig is not null)
        {
            ValidateMeter(entry.MeterConfig, state.Schema.DirectMeters[schema.DirectMeterId].Spec);
        }
        var proto = new TableEntry
        {
            TableId = schema.Id,
            Priority = entry.Priority,
            ControllerMetadata = entry.ControllerMetadata,
            Metadata = entry.Metadata,
            IdleTimeoutNs = entry.IdleTimeoutNs,
        };
        proto.Match.AddRange(match.Canonical);
        if (type == UpdateType.Insert)
        {
            if (existing is not null)
            {
                throw new P4RuntimeException(Code.AlreadyExists, $"table {schema.Name}: the entry exists");
            }
            var decoded = DecodeTableAction(state, schema, entry.Action ?? throw P4RuntimeException.Invalid("INSERT needs an action"));
            proto.Action = decoded.Canonical;
            var held = Acquire(state, schema, decoded);
            var stored = new StoredEntry(proto, new DeviceEntry(schema.Name, match.Keys, entry.Priority, decoded.Action, decoded.Args) { Reference = held.Reference })
            {
                Meter = entry.MeterConfig,
                OneShot = held.OneShot,
            };
            if (device is not null)
            {
                try
                {
                    device.InsertEntry(stored.Device);
                }
                catch (DeviceException)
                {
                    Release(state, schema, held);
                    throw;
                }
                try
                {
                    if (entry.CounterData is { } cd)
                    {
                        device.WriteDirectCounter(stored.Device, new CounterValue(cd.PacketCount, cd.ByteCount));
                    }
                    if (entry.MeterConfig is { } mc)
                    {
                        device.WriteDirectMeter(stored.Device, Rates(mc));
                    }
                }
                catch (DeviceException)
                {
                    device.DeleteEntry(stored.Device);
                    Release(state, schema, held);
                    throw;
                }
            }
            table.Entries[match.Key] = stored;
            undo?.Invoke(() =>
            {
                device?.DeleteEntry(stored.Device);
                table.Entries.Remove(match.Key);
                Release(state, schema, held);
            });
            return;
        }
        if (type != UpdateType.Modify)
        {
            throw P4RuntimeException.Invalid($"unknown update type {type}");
        }
        if (existing is null)
        {
            throw P4RuntimeException.NotFound($"table {schema.Name}: no such entry");
        }
        DeviceEntry next;
        var oldHeld = HeldBy(existing);
        var newHeld = oldHeld;
        if (entry.Action is null)
        {
            proto.Action = existing.Proto.Action;
            next = existing.Device;
        }
        else
        {
            var decoded = DecodeTableAction(state, schema, entry.Action);
            proto.Action = decoded.Canonical;
            newHeld = Acquire(state, schema, decoded);
            next = existing.Device with { Action = decoded.Action, Arguments = decoded.Args, Reference = newHeld.Reference };
        }
        var before = (existing.Proto, existing.Device, existing.Meter);
        var oldCounter = device is not null && schema.DirectCounterId != 0 && entry.CounterData is not null ? device.ReadDirectCounter(existing.Device) : default;
        try
        {
            device?.ModifyEntry(next);
        }
        catch (DeviceException)
        {
            if (entry.Action is not null)
            {
                Release(state, schema, newHeld);
            }
            throw;
        }
        if (entry.Action is not null)
        {
            Release(state, schema, oldHeld);
            existing.OneShot = newHeld.OneShot;
        }
        if (entry.CounterData is { } c)
        {
            device?.WriteDirectCounter(next, new CounterValue(c.PacketCount, c.ByteCount));
        }
        if (schema.DirectMeterId != 0)
        {
            // MODIFY without meter_config resets the meter to its default (§9.1.5 Direct Resources).
            device?.WriteDirectMeter(next, entry.MeterConfig is { } m ? Rates(m) : null);
        }
        existing.Proto = proto;
        existing.Device = next;
        existing.Meter = entry.MeterConfig;
        undo?.Invoke(() =>
        {
            if (entry.Action is not null)
            {
                Reacquire(state, schema, oldHeld);
            }
            device?.ModifyEntry(before.Device);
            if (entry.CounterData is not null)
            {
                device?.WriteDirectCounter(before.Device, oldCounter);
            }
            if (schema.DirectMeterId != 0)
            {
                device?.WriteDirectMeter(before.Device, before.Meter is { } bm ? Rates(bm) : null);
            }
            existing.Proto = before.Proto;
            existing.Device = before.Device;
            existing.Meter = before.Meter;
            if (entry.Action is not null)
            {
                Release(state, schema, newHeld);
                existing.OneShot = oldHeld.OneShot;
            }
        });
    }

    private static void WriteDefaultEntry(PipelineState state, TableState table, UpdateType type, TableEntry entry, Action<Undo>? undo)
    {
        var schema = table.Schema;
        if (type != UpdateType.Modify)
        {
            throw P4RuntimeException.Invalid("the default entry can only be modified");
        }
        if (entry.Match.Count != 0 || entry.Priority != 0)
        {
            throw P4RuntimeException.Invalid("the default entry has no match and priority 0");
        }
        if (entry.IdleTimeoutNs != 0)
        {
            throw P4RuntimeException.Invalid("the default entry has no idle timeout");
        }
        if (schema.Info.ConstDefaultActionId != 0)
        {
            throw new P4RuntimeException(Code.PermissionDenied, $"table {schema.Name} has a const default action");
        }
        var before = (table.DefaultAction, table.DefaultDevice);
        var device = state.Device;
        if (entry.Action is null)
        {
            device?.SetDefaultAction(schema.Name, null, []);
            table.DefaultAction = null;
            table.DefaultDevice = null;
        }
        else
        {
            if (entry.Action.TypeCase != TableAction.TypeOneofCase.Action)
            {
                throw P4RuntimeException.Invalid("the default action must be a plain action");
            }
            var (a, args, canonical) = EntryCodec.DecodeAction(schema, entry.Action.Action, forDefault: true);
            device?.SetDefaultAction(schema.Name, a.Name, args);
            table.DefaultAction = canonical;
            table.DefaultDevice = (a.Name, args);
        }
        undo?.Invoke(() =>
        {
            if (before.DefaultDevice is { } d)
            {
                device?.SetDefaultAction(schema.Name, d.Action, d.Args);
            }
            else
            {
                device?.SetDefaultAction(schema.Name, null, []);
            }
            table.DefaultAction = before.DefaultAction;
            table.DefaultDevice = before.DefaultDevice;
        });
    }

    /// <summary>The default entry as Read returns it: the written action, else the program's initial default.</summary>
    private static TableEntry DefaultEntry(PipelineState state, TableState table)
    {
        var entry = new TableEntry { TableId = table.Schema.Id, IsDefaultAction = true };
        if (table.DefaultAction is { } a)
        {
            entry.Action = new TableAction { Action = a.Clone() };
        }
        else if (table.Schema.Info.InitialDefaultAction is { } init)
        {
            var action = new P4.V1.Action { ActionId = init.ActionId };
            action.Params.AddRange(init.Arguments.Select(x => new P4.V1.Action.Types.Param { ParamId = x.ParamId, Value = ByteStrings.Canonical(ByteStrings.Parse(x.Value, -1, "initial default argument")) }));
            entry.Action = new TableAction { Action = action };
        }
        return entry;
    }
}
