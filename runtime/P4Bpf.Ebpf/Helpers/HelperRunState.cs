using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>What the kernel helpers need besides their arguments: the CPU index, the packet context, the redirect the program chose,
/// ring buffer records in flight and the trace log. Lives in <see cref="VmRunContext.State"/>; one per thread, reused across runs.</summary>
public sealed unsafe class HelperRunState
{
    private const int MaxTraceLines = 10_000;

    private readonly List<ClonedPacket> _clones = [];
    private readonly List<string> _trace = [];
    private (nint Record, RingBufMap Map)[] _reserved = new (nint, RingBufMap)[8];
    private int _reservedCount;
    private ulong _random;

    public HelperRunState(int cpu = 0, ulong seed = 0x9e3779b97f4a7c15)
    {
        Cpu = cpu;
        _random = seed == 0 ? 1 : seed;
    }

    /// <summary>The CPU index the program runs on: its slot in per-CPU maps and <c>bpf_get_smp_processor_id</c>.</summary>
    public int Cpu { get; set; }

    /// <summary>The packet context of the current run, or null (then packet helpers fail with <c>-EINVAL</c>).</summary>
    public PacketContext? Context { get; set; }

    /// <summary>The redirect requested by the last <c>bpf_redirect</c>/<c>bpf_redirect_map</c> of the run, or null.</summary>
    public RedirectTarget? Redirect { get; internal set; }

    /// <summary>Packets sent by <c>bpf_clone_redirect</c> during the run.</summary>
    public IReadOnlyList<ClonedPacket> Clones => _clones;

    /// <summary>Lines written by <c>bpf_trace_printk</c> since <see cref="ClearTrace"/> (the newest 10,000).</summary>
    public IReadOnlyList<string> TraceLines => _trace;

    /// <summary>Optional time source for the ktime helpers, in nanoseconds (default: a monotonic clock).</summary>
    public Func<ulong>? Clock { get; set; }

    /// <summary>Forgets the previous run's redirect, clones and ring buffer reservations.</summary>
    public void BeginRun()
    {
        Redirect = null;
        if (_clones.Count != 0)
        {
            _clones.Clear();
        }
        _reservedCount = 0;
    }

    public void ClearTrace() => _trace.Clear();

    internal void AddClone(ClonedPacket clone) => _clones.Add(clone);

    internal void AddTrace(string line)
    {
        if (_trace.Count >= MaxTraceLines)
        {
            _trace.RemoveAt(0);
        }
        _trace.Add(line);
    }

    internal uint NextRandom()
    {
        // xorshift64*
        var x = _random;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _random = x;
        return (uint)((x * 0x2545F4914F6CDD1DUL) >> 32);
    }

    internal void TrackReservation(byte* record, RingBufMap map)
    {
        if (_reservedCount == _reserved.Length)
        {
            Array.Resize(ref _reserved, _reserved.Length * 2);
        }
        _reserved[_reservedCount++] = ((nint)record, map);
    }

    /// <summary>The ring buffer that handed out <paramref name="record"/> in this run (and forgets the reservation), or null.</summary>
    internal RingBufMap? TakeReservation(byte* record)
    {
        for (var i = 0; i < _reservedCount; i++)
        {
            if (_reserved[i].Record == (nint)record)
            {
                var map = _reserved[i].Map;
                _reserved[i] = _reserved[--_reservedCount];
                return map;
            }
        }
        return null;
    }

    /// <summary>The state of <paramref name="context"/>; a helper fault when the harness did not install one.</summary>
    internal static HelperRunState Of(VmRunContext context) =>
        context.State as HelperRunState ?? throw new VmException(VmErrorKind.HelperFault, -1,
            "helper needs a HelperRunState in VmRunContext.State (use the Engine or set it up like the Engine does)");
}
