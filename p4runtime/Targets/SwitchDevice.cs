using System.Numerics;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using P4Bpf.P4Runtime.Core;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;
using CounterValue = P4Bpf.P4Runtime.Core.CounterValue;
using SwitchEntry = P4Bpf.Runtime.Control.TableEntry;
using SwitchMatch = P4Bpf.Runtime.Control.FieldMatch;

namespace P4Bpf.P4Runtime.Targets;

/// <summary>A P4Runtime device over the p4bpf switch runtime (<see cref="P4Switch"/> and its <see cref="SwitchControl"/>).</summary>
/// <remarks>Packets the pipeline sends to the CPU port become PacketIns; PacketOuts enter on the CPU port. Digests are drained after every packet-out and by a poll timer.</remarks>
public sealed class SwitchDevice : IP4Device
{
    private readonly Timer? digestTimer;
    private readonly bool ownsSwitch;
    private int polling;

    public SwitchDevice(P4Switch sw, bool ownsSwitch = false, TimeSpan? digestPoll = null)
    {
        Switch = sw;
        this.ownsSwitch = ownsSwitch;
        Control.PacketIn += OnPacketIn;
        foreach (var t in sw.Layout.Tables.Where(t => t.Kind != TableKind.Const && t.Map is not null))
        {
            foreach (var e in t.Entries)
            {
                var keys = e.Keys.Select((k, i) => InitialEntryText.ParseKey(k, t.Key[i].Width)).ToList();
                try
                {
                    InsertEntry(new DeviceEntry(t.Name, keys, t.Kind == TableKind.Ternary ? Math.Max(1, e.Priority) : 0, e.Action, e.Arguments.Select(InitialEntryText.ParseNumber).ToList()));
                }
                catch (DeviceException ex) when (ex.Message.Contains("exists", StringComparison.Ordinal))
                {
                    // The switch installed the program's entries itself.
                }
            }
        }
        if (sw.Layout.Digests.Count > 0)
        {
            var period = digestPoll ?? TimeSpan.FromMilliseconds(20);
            digestTimer = new Timer(_ => PollDigests(), null, period, period);
        }
    }

    public P4Switch Switch { get; }

    private SwitchControl Control => Switch.Control;

    /// <summary>A factory that loads each committed pipeline into a new switch with the given options (the CPU port enables packet I/O).</summary>
    public static P4DeviceFactory Factory(SwitchOptions options, Action<P4Switch>? onLoaded = null) => (program, layout, _) =>
    {
        P4Switch sw;
        try
        {
            sw = P4Switch.Load(new CompiledPipeline(program, layout), options);
        }
        catch (Exception ex) when (ex is SwitchException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new DeviceException(DeviceErrorKind.Invalid, "the pipeline cannot be loaded: " + ex.Message);
        }
        onLoaded?.Invoke(sw);
        return new SwitchDevice(sw, ownsSwitch: true);
    };

    public event Action<byte[]>? PacketIn;

    public event Action<string, byte[]>? Digest;

    private void OnPacketIn(Runtime.Control.PacketIn p) => PacketIn?.Invoke(p.Data);

    private static T Run<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (ControlException ex)
        {
            throw new DeviceException(ex.Code switch
            {
                ControlErrorCode.ResourceExhausted => DeviceErrorKind.Full,
                ControlErrorCode.Unimplemented => DeviceErrorKind.Unsupported,
                ControlErrorCode.Internal => DeviceErrorKind.Internal,
                _ => DeviceErrorKind.Invalid,
            }, ex.Message);
        }
        catch (SwitchException ex)
        {
            throw new DeviceException(DeviceErrorKind.Internal, ex.Message);
        }
    }

    private static void Run(Action body) => Run(() =>
    {
        body();
        return 0;
    });

    private static SwitchMatch Match(KeyMatch k) => k switch
    {
        ExactMatch e => new SwitchMatch.Exact(e.Value),
        LpmMatch l => new SwitchMatch.Lpm(l.Value, l.PrefixLength),
        TernaryMatch t => new SwitchMatch.Ternary(t.Value, t.Mask),
        RangeMatch r => new SwitchMatch.Range(r.Low, r.High),
        OptionalMatch o => new SwitchMatch.Optional(o.Value),
        _ => SwitchMatch.DontCare.Instance,
    };

    private static SwitchEntry Entry(DeviceEntry e) => new(e.Table, e.Keys.Select(Match).ToList(), e.Action, e.Arguments, e.Priority)
    {
        Reference = e.Reference is { } r ? new ActionProfileRef(r.IsGroup, r.Id) : null,
    };

    public bool ObserveHits(string table) => Run(() => Control.ObserveHits(table));

    public long? LastHit(DeviceEntry entry) => Run(() => Control.LastHit(Entry(entry)));

    public void SetProfileMember(string profile, uint memberId, string? action, IReadOnlyList<BigInteger> arguments) => Run(() =>
    {
        if (action is null)
        {
            Control.DeleteMember(profile, memberId);
        }
        else
        {
            Control.SetMember(profile, memberId, action, arguments);
        }
    });

    public void SetProfileGroup(string profile, uint groupId, IReadOnlyList<uint>? slots) => Run(() =>
    {
        if (slots is null)
        {
            Control.DeleteGroup(profile, groupId);
        }
        else
        {
            Control.SetGroup(profile, groupId, slots);
        }
    });

    public void InsertEntry(DeviceEntry entry) => Run(() => Control.AddEntry(Entry(entry)));

    public void ModifyEntry(DeviceEntry entry) => Run(() => Control.ModifyEntry(Entry(entry)));

    public void DeleteEntry(DeviceEntry entry) => Run(() => Control.DeleteEntry(Entry(entry)));

    public void SetDefaultAction(string table, string? action, IReadOnlyList<BigInteger> arguments) => Run(() =>
    {
        if (action is null)
        {
            Control.ResetDefaultAction(table);
        }
        else
        {
            Control.SetDefaultAction(table, action, arguments);
        }
    });

    public CounterValue ReadCounter(string counter, long index) => Run(() =>
    {
        var v = Control.ReadCounter(counter, index);
        return new CounterValue((long)v.Packets, (long)v.Bytes);
    });

    public void WriteCounter(string counter, long index, CounterValue value) =>
        Run(() => Control.WriteCounter(counter, index, new Runtime.Control.CounterValue((ulong)value.Packets, (ulong)value.Bytes)));

    public CounterValue ReadDirectCounter(DeviceEntry entry) => Run(() =>
    {
        var v = Control.ReadDirectCounter(Entry(entry));
        return new CounterValue((long)v.Packets, (long)v.Bytes);
    });

    public void WriteDirectCounter(DeviceEntry entry, CounterValue value)
    {
        if (value != default)
        {
            throw new DeviceException(DeviceErrorKind.Unsupported, "not supported yet: setting direct counters to non-zero values");
        }
        // A freshly written entry's counter is zero; the switch has no direct-counter write yet.
    }

    public void WriteMeter(string meter, long index, MeterRates? rates) =>
        Run(() => Control.SetMeter(meter, index, rates is null ? default : new MeterConfig((ulong)rates.Cir, (ulong)rates.Cburst, (ulong)rates.Pir, (ulong)rates.Pburst)));

    public void WriteDirectMeter(DeviceEntry entry, MeterRates? rates) =>
        Run(() => Control.SetDirectMeter(Entry(entry), rates is null ? null : new MeterConfig((ulong)rates.Cir, (ulong)rates.Cburst, (ulong)rates.Pir, (ulong)rates.Pburst)));

    public BigInteger ReadRegister(string register, long index) => Run(() => Control.ReadRegister(register, index));

    public void WriteRegister(string register, long index, BigInteger value) => Run(() => Control.WriteRegister(register, index, value));

    public void SetValueSet(string valueSet, IReadOnlyList<BigInteger> members)
    {
        throw new DeviceException(DeviceErrorKind.Unsupported, "not supported yet: replacing value sets through the switch (it only adds and removes members it was told about)");
    }

    public void SetMulticastGroup(uint groupId, IReadOnlyList<ReplicaTarget>? replicas) => Run(() =>
    {
        if (replicas is null)
        {
            Switch.Replication.DeleteMulticastGroup(groupId);
        }
        else
        {
            Switch.Replication.SetMulticastGroup(groupId, replicas.Select(r => new Replica((int)r.Port, (int)r.Instance)).ToList());
        }
    });

    public void SetCloneSession(uint sessionId, Core.CloneSession? session) => Run(() =>
    {
        if (session is null)
        {
            Switch.Replication.DeleteCloneSession(sessionId);
        }
        else
        {
            Switch.Replication.SetCloneSession(new Runtime.Switch.CloneSession(sessionId, session.Replicas.Select(r => new Replica((int)r.Port, (int)r.Instance)).ToList(), (int)session.ClassOfService, session.PacketLengthBytes));
        }
    });

    public void SendPacketOut(byte[] packet)
    {
        Run(() => Control.PacketOut(packet));
        PollDigests();
    }

    /// <summary>Drains every digest queue, raising <see cref="Digest"/> per message.</summary>
    public void PollDigests()
    {
        if (Interlocked.Exchange(ref polling, 1) == 1)
        {
            return;
        }
        try
        {
            foreach (var d in Switch.Layout.Digests)
            {
                foreach (var m in Control.DrainDigests(d.Name))
                {
                    Digest?.Invoke(d.Name, m.Data);
                }
            }
        }
        catch (ControlException)
        {
        }
        finally
        {
            Volatile.Write(ref polling, 0);
        }
    }

    public void Dispose()
    {
        digestTimer?.Dispose();
        Control.PacketIn -= OnPacketIn;
        if (ownsSwitch)
        {
            Switch.Dispose();
        }
    }
}
