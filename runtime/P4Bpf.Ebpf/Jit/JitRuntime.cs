using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>Static methods that JIT'd code calls: the ALU cases too long to emit inline, atomics, legacy packet loads,
/// run-time helper dispatch (<c>callx</c>), tail-call dispatch after a bpf-to-bpf call, and throw sites.</summary>
/// <remarks>Semantics mirror <see cref="Interpreter"/> case by case; the small ones are inlined by RyuJIT into the caller.</remarks>
internal static unsafe class JitRuntime
{
    // ---- division and modulo with a register divisor (RFC 9669: x/0 = 0, x%0 = x, INT_MIN/-1 = INT_MIN, INT_MIN%-1 = 0) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Div32(ulong dst, ulong src)
    {
        var d = (uint)src;
        return d == 0 ? 0 : (uint)dst / d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SDiv32(ulong dst, ulong src)
    {
        var s = (int)(uint)src;
        return s switch { 0 => 0, -1 => (uint)(0 - (int)(uint)dst), _ => (uint)((int)(uint)dst / s) };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mod32(ulong dst, ulong src)
    {
        var d = (uint)src;
        return d == 0 ? (uint)dst : (uint)dst % d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SMod32(ulong dst, ulong src)
    {
        var s = (int)(uint)src;
        return s switch { 0 => (uint)dst, -1 => 0, _ => (uint)((int)(uint)dst % s) };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Div64(ulong dst, ulong src) => src == 0 ? 0 : dst / src;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SDiv64(ulong dst, ulong src) => (long)src switch
    {
        0 => 0,
        -1 => 0 - dst,
        _ => (ulong)((long)dst / (long)src),
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mod64(ulong dst, ulong src) => src == 0 ? dst : dst % src;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SMod64(ulong dst, ulong src) => (long)src switch
    {
        0 => dst,
        -1 => 0,
        _ => (ulong)((long)dst % (long)src),
    };

    // ---- atomics: the fetch forms return the old value (zero-extended for 32 bits) ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add32(ulong a, ulong v) => (uint)(Interlocked.Add(ref *(int*)a, (int)v) - (int)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or32(ulong a, ulong v) => (uint)Interlocked.Or(ref *(int*)a, (int)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And32(ulong a, ulong v) => (uint)Interlocked.And(ref *(int*)a, (int)v);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Xor32(ulong a, ulong v)
    {
        var p = (int*)a;
        int old;
        do
        {
            old = Volatile.Read(ref *p);
        }
        while (Interlocked.CompareExchange(ref *p, old ^ (int)v, old) != old);
        return (uint)old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Xchg32(ulong a, ulong v) => (uint)Interlocked.Exchange(ref *(int*)a, (int)v);

    /// <summary>Compares with w0; returns the old value (the new r0, zero-extended).</summary>
    /// <remarks>Not inlined on purpose: inlined into JIT'd code, RyuJIT (.NET 10) can keep the 64-bit r0 in RAX as the comparand;
    /// a successful 32-bit <c>lock cmpxchg</c> leaves RAX unwritten, and the <c>(uint)</c> of the result is elided, so the upper
    /// 32 bits of r0 survived (found by the differential fuzz test, seed 900).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static ulong CmpXchg32(ulong a, ulong v, ulong r0) => (uint)Interlocked.CompareExchange(ref *(int*)a, (int)v, (int)r0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add64(ulong a, ulong v) => (ulong)(Interlocked.Add(ref *(long*)a, (long)v) - (long)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or64(ulong a, ulong v) => (ulong)Interlocked.Or(ref *(long*)a, (long)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And64(ulong a, ulong v) => (ulong)Interlocked.And(ref *(long*)a, (long)v);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Xor64(ulong a, ulong v)
    {
        var p = (long*)a;
        long old;
        do
        {
            old = Volatile.Read(ref *p);
        }
        while (Interlocked.CompareExchange(ref *p, old ^ (long)v, old) != old);
        return (ulong)old;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Xchg64(ulong a, ulong v) => (ulong)Interlocked.Exchange(ref *(long*)a, (long)v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CmpXchg64(ulong a, ulong v, ulong r0) => (ulong)Interlocked.CompareExchange(ref *(long*)a, (long)v, (long)r0);

    // ---- legacy packet loads ----

    /// <summary>LD_ABS/LD_IND: puts ntoh(packet[offset]) in the scratch slot; false when outside the packet (the run ends with 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool LoadPacket(VmRunContext ctx, long offset, int size, ulong* rf)
    {
        var length = (long)(ctx.PacketEnd - ctx.PacketData);
        if (ctx.PacketData == 0 || offset < 0 || offset + size > length)
        {
            rf[0] = 0;
            rf[JitFrame.Status] = JitFrame.Aborted;
            return false;
        }
        var a = (byte*)ctx.PacketData + offset;
        rf[JitFrame.Scratch] = size switch
        {
            4 => BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(a, 4)),
            2 => BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(a, 2)),
            _ => *a,
        };
        return true;
    }

    // ---- calls ----

    /// <summary><c>callx</c>: the helper id comes from a register, so it is looked up at run time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong CallX(JitCode code, ulong id, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext ctx, int pc)
    {
        var fn = code.Helpers.Lookup(id);
        if (fn is null)
        {
            ThrowHelper.UnknownHelper(pc, (long)id);
        }
        return fn(r1, r2, r3, r4, r5, ctx);
    }

    /// <summary>Runs the tail calls a callee left pending (they replace the callee's frame, at its depth); true when the
    /// run was aborted (a failed legacy packet load) and the caller must return at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AfterCall(JitCode code, ulong* rf, VmRunContext ctx, int depth)
    {
        while (rf[JitFrame.Status] == JitFrame.TailPending)
        {
            rf[JitFrame.Status] = 0;
            var next = ctx.TakeTailCall()!;
            code.Compiler.GetOrCompile(next).Entry(rf, ctx, depth);
        }
        return rf[JitFrame.Status] == JitFrame.Aborted;
    }

    /// <summary>Records the calling frame for a helper that may run callbacks (see <see cref="JitCallbackHost"/>).</summary>
    public static void SetCallbackSite(JitCode code, ulong* rf, VmRunContext ctx, ulong r10, int depth) =>
        ctx.CallbackSite = new CallbackSite(JitCallbackHost.Instance, code, rf, r10 - InterpreterOptions.StackFrameSize, depth);

    // ---- throw sites (same wording as the interpreter) ----

    [DoesNotReturn]
    public static void ThrowUnknownHelper(int pc, long id) => ThrowHelper.UnknownHelper(pc, id);

    [DoesNotReturn]
    public static void ThrowCallDepth(int pc) => ThrowHelper.CallDepth(pc, InterpreterOptions.MaxCallFrames);

    [DoesNotReturn]
    public static void ThrowInvalidInstruction(int pc, int code, int length) => ThrowHelper.InvalidInstruction(pc, (byte)code, length);

    [DoesNotReturn]
    public static void ThrowBudget(int pc, long budget) =>
        throw new VmException(VmErrorKind.BudgetExceeded, pc, $"loop budget of {budget} backward jumps exceeded at PC {pc}");
}
