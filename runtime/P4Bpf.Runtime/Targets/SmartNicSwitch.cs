using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Targets;

/// <summary>The smartnic target: the pipeline is checked against the offload profile at load time (<see cref="SmartNicCheck"/>), then runs in the
/// in-process interpreter while a <see cref="NicModel"/> charges each executed instruction and table map access, reported by <see cref="Report"/>.</summary>
public sealed class SmartNicSwitch : ISwitch
{
    private readonly P4Switch _inner;
    private readonly Lock _lock = new();
    private long _packets;
    private double _instructions, _lookups, _arrays;

    private SmartNicSwitch(CompiledPipeline pipeline, SwitchOptions options, NicModel model)
    {
        var errors = SmartNicCheck.Check(pipeline);
        if (errors.Count > 0)
        {
            throw new SwitchException($"{pipeline.Layout.Program} does not offload to the SmartNIC:\n  " + string.Join("\n  ", errors));
        }
        Model = model;
        _inner = P4Switch.Load(pipeline, options with { Engine = options.Engine with { Executor = ExecutorKind.Interpreter, CheckedMemory = true } });
    }

    /// <summary>Checks and loads <paramref name="pipeline"/>; <see cref="SwitchException"/> lists every construct that does not offload.</summary>
    public static SmartNicSwitch Load(CompiledPipeline pipeline, NicModel? model = null, SwitchOptions? options = null) =>
        new(pipeline, options ?? SwitchOptions.Default, model ?? NicModel.Default);

    public NicModel Model { get; }

    public LayoutManifest Layout => _inner.Layout;

    public string Architecture => _inner.Architecture;

    public SwitchOptions Options => _inner.Options;

    public SwitchControl Control => _inner.Control;

    public PacketReplicationEngine Replication => _inner.Replication;

    public SwitchStatistics Statistics => _inner.Statistics;

    public IMapAccess? FindMap(string name) => _inner.FindMap(name);

    /// <summary>Runs the packet and charges its cost to the model.</summary>
    public InjectResult Inject(int port, ReadOnlySpan<byte> packet, bool trace = false)
    {
        var result = _inner.Inject(port, packet, trace: true);
        var t = result.Trace!;
        double instructions = 0, lookups = 0, arrays = 0;
        foreach (var e in t.Events)
        {
            switch (e)
            {
                case StageEvent s:
                    instructions += s.Instructions;
                    arrays += 1; // the per-CPU state slot every stage looks up first
                    break;
                case TableEvent te:
                    if (te.Source == "default")
                    {
                        arrays += 1;
                        lookups += MissProbes(te.Table);
                    }
                    else
                    {
                        lookups += Probes(te.Table, te.KeyHex);
                    }
                    break;
            }
        }
        lock (_lock)
        {
            _packets++;
            _instructions += instructions;
            _lookups += lookups;
            _arrays += arrays;
        }
        return trace ? result : result with { Trace = null };
    }

    /// <summary>Hash probes of a hit: ternary tables probe every mask slot (the worst case); per-prefix lpm tables probe from the longest prefix down to
    /// the one that hit, read from the u32 prefix header of the hit key.</summary>
    private int Probes(string table, string keyHex)
    {
        var t = Layout.Tables.FirstOrDefault(x => x.Name == table);
        switch (t?.Kind)
        {
            case TableKind.Ternary:
                return Math.Max(1, t.MaxMasks);
            case TableKind.LpmHash when keyHex.Length >= 8 && uint.TryParse(keyHex[..8], System.Globalization.NumberStyles.HexNumber, null, out var be):
                var prefix = (int)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(be) - t.LpmPrefixBase;
                return Math.Clamp(t.PrefixMaps!.Count - prefix, 1, t.PrefixMaps.Count);
            default:
                return 1;
        }
    }

    /// <summary>Hash probes a miss made before the default lookup (a miss of an exact table is its one probe, reported as an entry event).</summary>
    private int MissProbes(string table)
    {
        var t = Layout.Tables.FirstOrDefault(x => x.Name == table);
        return t?.Kind switch
        {
            TableKind.Ternary => Math.Max(1, t.MaxMasks),
            TableKind.LpmHash => t.PrefixMaps!.Count,
            _ => 0,
        };
    }

    /// <summary>The mean cost of the packets injected so far and the rate the modelled NIC would sustain.</summary>
    public NicReport Report()
    {
        lock (_lock)
        {
            var n = Math.Max(1, _packets);
            var ins = _instructions / n;
            var lk = _lookups / n;
            var ar = _arrays / n;
            var cycles = Model.CyclesPerPacket + ins * Model.CyclesPerInstruction + lk * Model.CyclesPerExactLookup + ar * Model.CyclesPerArrayAccess;
            return new NicReport(Model, _packets, ins, lk, ar, cycles);
        }
    }

    public void Dispose() => _inner.Dispose();
}
