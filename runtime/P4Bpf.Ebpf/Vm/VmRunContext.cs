using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Vm;

/// <summary>Per-run state shared by the engine and the helpers: the native stack, checked-mode memory regions, the packet,
/// a pending tail call, the trace sink and a slot for the harness's own state.</summary>
/// <remarks>
/// Create one per thread and reuse it; a run allocates nothing. Regions added during a run (by helpers) are dropped when it ends;
/// regions added before it (input memory, context) stay until <see cref="ClearRegions"/>.
/// </remarks>
public sealed unsafe class VmRunContext : IDisposable
{
    private const int StackSlot = 0;
    private const int PacketSlot = 1;

    private MemoryRegion[] _regions = new MemoryRegion[16];
    private int _regionCount = 2;
    private int _runRegionBase = -1;
    private byte* _stack;

    public VmRunContext()
    {
        StackSize = InterpreterOptions.MaxCallFrames * InterpreterOptions.StackFrameSize;
        _stack = (byte*)NativeMemory.AlignedAlloc((nuint)StackSize, 64);
        NativeMemory.Clear(_stack, (nuint)StackSize);
        _regions[StackSlot] = new MemoryRegion((ulong)_stack, (ulong)_stack + (ulong)StackSize, true);
        Frames = new CallFrame[InterpreterOptions.MaxCallFrames];
    }

    /// <summary>Total stack bytes (all frames).</summary>
    public int StackSize { get; }

    /// <summary>Lowest stack address.</summary>
    public nint StackBase => (nint)_stack;

    /// <summary>The initial r10: one past the highest stack byte.</summary>
    public nint StackTop => (nint)(_stack + StackSize);

    /// <summary>Free slot for the harness and helpers (maps, program context, program arrays…).</summary>
    public object? State { get; set; }

    /// <summary>Receives <see cref="Trace"/> lines (bpf_trace_printk); null discards them.</summary>
    public Action<string>? TraceSink { get; set; }

    /// <summary>True while the current run bounds-checks memory accesses.</summary>
    public bool CheckedMemory { get; internal set; }

    /// <summary>True while the current run may only enter verified programs (tail calls are checked).</summary>
    public bool RequireVerified { get; internal set; }

    /// <summary>Start of the packet data (0 when there is none).</summary>
    public nint PacketData { get; private set; }

    /// <summary>One past the last packet byte.</summary>
    public nint PacketEnd { get; private set; }

    /// <summary>Tail calls performed in the current run.</summary>
    public int TailCallCount { get; private set; }

    /// <summary>The program a helper asked to tail-call; the engine performs it when the helper returns.</summary>
    public VmProgram? PendingTailCall { get; private set; }

    /// <summary>Instructions executed by the last completed run.</summary>
    public long InstructionCount { get; internal set; }

    internal CallFrame[] Frames { get; }

    /// <summary>The helper call in progress that may run callbacks (set by the engines, read by <c>bpf_loop</c>).</summary>
    internal CallbackSite CallbackSite;

    /// <summary>The interpreter's instruction budget left, carried across callbacks.</summary>
    internal long RemainingBudget;

    /// <summary>Sets (or moves, for adjust_head/tail helpers) the packet; in checked mode it is a writable region.</summary>
    public void SetPacket(nint data, nint end)
    {
        if (end < data)
        {
            throw new ArgumentException("packet end is before its start", nameof(end));
        }
        PacketData = data;
        PacketEnd = end;
        _regions[PacketSlot] = new MemoryRegion((ulong)data, (ulong)end, true);
    }

    /// <summary>Makes [start, start + length) accessible in checked mode (input memory, program context, a map value…).</summary>
    public void AddRegion(nint start, long length, bool writable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (_regionCount == _regions.Length)
        {
            Array.Resize(ref _regions, _regions.Length * 2);
        }
        _regions[_regionCount++] = new MemoryRegion((ulong)start, (ulong)start + (ulong)length, writable);
    }

    /// <summary>Drops all regions except the stack, and the packet.</summary>
    public void ClearRegions()
    {
        _regionCount = 2;
        _regions[PacketSlot] = default;
        PacketData = 0;
        PacketEnd = 0;
    }

    /// <summary>Asks the engine to tail-call <paramref name="program"/> after the current helper returns; false when the
    /// limit of <see cref="InterpreterOptions.MaxTailCalls"/> is reached (the helper then reports failure and execution continues).</summary>
    /// <exception cref="VmException"><see cref="VmErrorKind.NotVerified"/> when the run requires verified code and <paramref name="program"/> is not.</exception>
    public bool RequestTailCall(VmProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (RequireVerified && !program.IsVerified)
        {
            throw new VmException(VmErrorKind.NotVerified, -1,
                $"tail call into program '{program.Name}', which the verifier has not accepted, from a run without bounds checks");
        }
        if (TailCallCount >= InterpreterOptions.MaxTailCalls)
        {
            return false;
        }
        TailCallCount++;
        PendingTailCall = program;
        return true;
    }

    /// <summary>Writes a line to the trace sink.</summary>
    public void Trace(string message) => TraceSink?.Invoke(message);

    /// <summary>True when [address, address + length) lies inside one region (writable when <paramref name="write"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAccessible(ulong address, ulong length, bool write)
    {
        var regions = _regions;
        for (var i = 0; i < _regionCount; i++)
        {
            ref var r = ref regions[i];
            if (address >= r.Start && length <= r.End - r.Start && address - r.Start <= r.End - r.Start - length && (!write || r.Writable))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The memory at a program-supplied address as a span; in checked mode it must lie in a region, else a
    /// <see cref="VmErrorKind.HelperFault"/> is thrown.</summary>
    public Span<byte> GetSpan(ulong address, int length, bool writable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return [];
        }
        if (address == 0 || (CheckedMemory && !IsAccessible(address, (ulong)length, writable)))
        {
            throw new VmException(VmErrorKind.HelperFault, -1,
                $"helper argument 0x{address:x} (size {length}) is not {(writable ? "writable" : "readable")} memory");
        }
        return new Span<byte>((void*)address, length);
    }

    internal void BeginRun(bool checkedMemory, bool requireVerified = false)
    {
        CheckedMemory = checkedMemory;
        RequireVerified = requireVerified;
        TailCallCount = 0;
        PendingTailCall = null;
        CallbackSite = default;
        _runRegionBase = _regionCount;
    }

    internal void EndRun()
    {
        if (_runRegionBase >= 0)
        {
            _regionCount = _runRegionBase;
            _runRegionBase = -1;
        }
        PendingTailCall = null;
    }

    internal VmProgram? TakeTailCall()
    {
        var p = PendingTailCall;
        PendingTailCall = null;
        return p;
    }

    public void Dispose()
    {
        if (_stack != null)
        {
            NativeMemory.AlignedFree(_stack);
            _stack = null;
        }
        GC.SuppressFinalize(this);
    }

    ~VmRunContext() => Dispose();
}

/// <summary>An address range the program may access in checked mode.</summary>
internal readonly record struct MemoryRegion(ulong Start, ulong End, bool Writable);

/// <summary>A saved caller frame of a bpf-to-bpf call.</summary>
internal struct CallFrame
{
    public VmProgram Program;
    public int ReturnPc;
    public ulong R6, R7, R8, R9, R10;
}
