namespace P4Bpf.Ebpf.Kernel;

/// <summary>Runs a piece of work with the calling thread pinned to one CPU (what <c>taskset -c N</c> does for a whole process).</summary>
/// <remarks>BPF_PROG_TEST_RUN runs packet programs on the caller's CPU, so per-CPU map slots are only predictable when the thread is pinned.</remarks>
internal static unsafe class CpuAffinity
{
    private const int MaskBytes = 128;

    public static T RunOn<T>(int cpu, Func<T> work)
    {
        if (cpu < 0 || cpu >= MaskBytes * 8)
        {
            throw new ArgumentOutOfRangeException(nameof(cpu), cpu, "CPU index out of range");
        }
        var saved = stackalloc byte[MaskBytes];
        var wanted = stackalloc byte[MaskBytes];
        new Span<byte>(saved, MaskBytes).Clear();
        new Span<byte>(wanted, MaskBytes).Clear();
        wanted[cpu / 8] = (byte)(1 << (cpu % 8));
        Thread.BeginThreadAffinity();
        try
        {
            if (Libc.SchedGetAffinity(0, MaskBytes, saved) != 0)
            {
                throw new InvalidOperationException($"sched_getaffinity failed ({Libc.ErrnoName(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())})");
            }
            if (Libc.SchedSetAffinity(0, MaskBytes, wanted) != 0)
            {
                throw new ArgumentException($"cannot run on CPU {cpu} ({Libc.ErrnoName(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())})", nameof(cpu));
            }
            try
            {
                return work();
            }
            finally
            {
                _ = Libc.SchedSetAffinity(0, MaskBytes, saved);
            }
        }
        finally
        {
            Thread.EndThreadAffinity();
        }
    }
}
