using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary><c>bpf_spin_lock</c>/<c>bpf_spin_unlock</c> on the 4-byte <c>struct bpf_spin_lock</c> inside a map value (0 free, 1 held).</summary>
internal static unsafe class SpinLockHelpers
{
    public static void Register(HelperTable table)
    {
        table.Set((int)HelperId.SpinLock, "spin_lock", Lock);
        table.Set((int)HelperId.SpinUnlock, "spin_unlock", Unlock);
    }

    public static ulong Lock(ulong address, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var word = (int*)HelperArgs.Pointer(context, address, 4, true);
        var spinner = default(SpinWait);
        while (Interlocked.CompareExchange(ref *word, 1, 0) != 0)
        {
            spinner.SpinOnce();
        }
        return 0;
    }

    public static ulong Unlock(ulong address, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var word = (int*)HelperArgs.Pointer(context, address, 4, true);
        Volatile.Write(ref *word, 0);
        return 0;
    }
}
