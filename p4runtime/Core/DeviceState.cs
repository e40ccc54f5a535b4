using Google.Protobuf;
using Google.Rpc;
using P4.V1;
using P4Bpf.Ebpf.Objects;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.P4Runtime.Core;

/// <summary>Creates the data plane for a committed pipeline (the switch runtime, or eBPF maps alone).</summary>
public delegate IP4Device P4DeviceFactory(ObjectSpec program, LayoutManifest layout, P4.Config.V1.P4Info p4Info);

/// <summary>One P4Runtime device: its forwarding pipeline (saved and committed) and all control-plane state, with strictly serializable writes.</summary>
/// <remarks>Writes and pipeline changes take the write lock; reads take the read lock, so a read sees each write batch entirely or not at all.</remarks>
public sealed partial class DeviceState : IDisposable
{
    private readonly ReaderWriterLockSlim rw = new(LockRecursionPolicy.NoRecursion);
    private readonly P4DeviceFactory factory;
    private PipelineState? active;
    private (ForwardingPipelineConfig Config, PipelineSchema Schema, ObjectSpec Program)? saved;

    public DeviceState(ulong deviceId, P4DeviceFactory factory)
    {
        DeviceId = deviceId;
        this.factory = factory;
        idleSweep = new Timer(_ => SweepIdle(), null, IdleSweepPeriod, IdleSweepPeriod);
    }

    public ulong DeviceId { get; }

    /// <summary>Raised (outside any lock) with each packet the pipeline sends to the controller.</summary>
    public event Action<PacketIn>? PacketIn;

    /// <summary>Raised with each digest list ready for the primary controller.</summary>
    public event Action<DigestList>? DigestList;

    public bool HasPipeline
    {
        get
        {
            rw.EnterReadLock();
            try
            {
                return active is not null;
            }
            finally
            {
                rw.ExitReadLock();
            }
        }
    }

    /// <summary>SetForwardingPipelineConfig after arbitration (§14): every action, INVALID_ARGUMENT/NOT_FOUND/UNIMPLEMENTED as the spec says.</summary>
    public void SetPipeline(SetForwardingPipelineConfigRequest.Types.Action action, ForwardingPipelineConfig? config)
    {
        rw.EnterWriteLock();
        try
        {
            switch (action)
            {
                case SetForwardingPipelineConfigRequest.Types.Action.Verify:
                    Verify(config);
                    break;
                case SetForwardingPipelineConfigRequest.Types.Action.VerifyAndSave:
                {
                    var (schema, program) = Verify(config);
                    saved = (config!, schema, program);
                    Replace(new PipelineState(config!, schema, null));
                    break;
                }
                case SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit:
                {
                    var (schema, program) = Verify(config);
                    var device = factory(program, schema.Layout, config!.P4Info);
                    saved = null;
                    Replace(new PipelineState(config, schema, device));
                    break;
                }
                case SetForwardingPipelineConfigRequest.Types.Action.Commit:
                {
                    if (config is not null)
                    {
                        throw P4RuntimeException.Invalid("COMMIT takes no config: it realises the saved one");
                    }
                    if (saved is not { } s || active is null || active.Device is not null)
                    {
                        throw P4RuntimeException.NotFound("COMMIT: no config was saved with VERIFY_AND_SAVE");
                    }
                    var device = factory(s.Program, s.Schema.Layout, s.Config.P4Info);
                    Realise(active, device);
                    saved = null;
                    break;
                }
                case SetForwardingPipelineConfigRequest.Types.Action.ReconcileAndCommit:
                {
                    var (schema, program) = Verify(config);
                    if (active is null)
                    {
                        var fresh = new PipelineState(config!, schema, null);
                        fresh.LoadInitialEntries();
                        Realise(fresh, factory(program, schema.Layout, config!.P4Info));
                        active = fresh;
                        break;
                    }
                    if (!active.Config.P4Info.Equals(config!.P4Info))
                    {
                        throw P4RuntimeException.Invalid("RECONCILE_AND_COMMIT: the forwarding state cannot be preserved across a different P4Info");
                    }
                    var next = new PipelineState(config, schema, null);
                    foreach (var (id, table) in active.Tables)
                    {
                        var target = next.Tables[id];
                        foreach (var (k, e) in table.Entries)
                        {
                            target.Entries[k] = e;
                        }
                        target.DefaultAction = table.DefaultAction;
                        target.DefaultDevice = table.DefaultDevice;
                    }
                    CopyStores(active, next);
                    Realise(next, factory(program, schema.Layout, config.P4Info));
                    active.Device?.Dispose();
                    Unsubscribe(active.Device);
                    active = next;
                    saved = null;
                    break;
                }
                default:
                    throw P4RuntimeException.Invalid($"SetForwardingPipelineConfig action {action} is not valid");
            }
        }
        finally
        {
            rw.ExitWriteLock();
        }
    }

    private static void CopyStores(PipelineState from, PipelineState to)
    {
        foreach (var (k, v) in from.Meters)
        {
            to.Meters[k] = v;
        }
        foreach (var (k, v) in from.MulticastGroups)
        {
            to.MulticastGroups[k] = v;
        }
        foreach (var (k, v) in from.CloneSessions)
        {
            to.CloneSessions[k] = v;
        }
        foreach (var (k, v) in from.ValueSets)
        {
            to.ValueSets[k] = v;
        }
        foreach (var (k, v) in from.Digests)
        {
            to.Digests[k] = v;
        }
        foreach (var (k, v) in from.Profiles)
        {
            to.Profiles[k] = v;
        }
    }

    private void Replace(PipelineState next)
    {
        if (active?.Device is { } old)
        {
            Unsubscribe(old);
            old.Dispose();
        }
        next.LoadInitialEntries();
        if (next.Device is { } d)
        {
            Subscribe(d);
        }
        active = next;
        digests.Reset();
    }

    private void Realise(PipelineState state, IP4Device device)
    {
        try
        {
            state.ReplayInto(device);
        }
        catch (DeviceException ex)
        {
            device.Dispose();
            throw new P4RuntimeException(Code.InvalidArgument, "the saved forwarding state cannot be realised: " + ex.Message);
        }
        state.Device = device;
        Subscribe(device);
    }

    private void Subscribe(IP4Device device)
    {
        device.PacketIn += OnPacketIn;
        device.Digest += OnDigest;
    }

    private void Unsubscribe(IP4Device? device)
    {
        if (device is not null)
        {
            device.PacketIn -= OnPacketIn;
            device.Digest -= OnDigest;
        }
    }

    private (PipelineSchema Schema, ObjectSpec Program) Verify(ForwardingPipelineConfig? config)
    {
        if (config is null || config.P4Info is null)
        {
            throw P4RuntimeException.Invalid("no config (or no p4info) in the request");
        }
        if (config.P4DeviceConfig.IsEmpty)
        {
            throw P4RuntimeException.Invalid("p4_device_config is empty: it must carry the compiled p4bpf object and layout");
        }
        var (program, layout) = DeviceConfigPackage.Parse(config.P4DeviceConfig.Span).Load();
        var schema = PipelineSchema.Create(config.P4Info, layout);
        foreach (var m in layout.Tables.Select(t => t.Map).Concat(layout.Tables.Select(t => t.DefaultMap)).OfType<string>())
        {
            if (!program.Maps.Any(s => s.Name == m))
            {
                throw P4RuntimeException.Invalid($"layout map {m} is not in the ELF object");
            }
        }
        return (schema, program);
    }

    /// <summary>GetForwardingPipelineConfig: the committed (or saved) config by response type; null when there is none.</summary>
    public ForwardingPipelineConfig? GetPipeline(GetForwardingPipelineConfigRequest.Types.ResponseType type)
    {
        rw.EnterReadLock();
        try
        {
            if (active is null)
            {
                return null;
            }
            var c = active.Config;
            var result = new ForwardingPipelineConfig { Cookie = c.Cookie?.Clone() };
            if (type is GetForwardingPipelineConfigRequest.Types.ResponseType.All or GetForwardingPipelineConfigRequest.Types.ResponseType.P4InfoAndCookie)
            {
                result.P4Info = c.P4Info;
            }
            if (type is GetForwardingPipelineConfigRequest.Types.ResponseType.All or GetForwardingPipelineConfigRequest.Types.ResponseType.DeviceConfigAndCookie)
            {
                result.P4DeviceConfig = c.P4DeviceConfig;
            }
            return result;
        }
        finally
        {
            rw.ExitReadLock();
        }
    }

    internal static Code CodeOf(DeviceException ex) => ex.Kind switch
    {
        DeviceErrorKind.Full => Code.ResourceExhausted,
        DeviceErrorKind.Unsupported => Code.Unimplemented,
        DeviceErrorKind.Invalid => Code.InvalidArgument,
        _ => Code.Internal,
    };

    public void Dispose()
    {
        idleSweep.Dispose();
        active?.Device?.Dispose();
        digests.Dispose();
        rw.Dispose();
    }

    internal static ByteString Canon(System.Numerics.BigInteger v) => ByteStrings.Canonical(v);
}
