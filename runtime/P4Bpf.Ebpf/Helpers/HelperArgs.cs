using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>Argument decoding shared by the helper families: map handles, checked pointers, errno results.</summary>
internal static unsafe class HelperArgs
{
    /// <summary>The map behind a program's map handle (the value of a map <c>lddw</c> or a map-in-map lookup).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BpfMap Map(ulong handle, string helper) =>
        BpfMap.FromHandle((nint)handle) ?? NotAMap(handle, helper);

    /// <summary>The memory at <paramref name="address"/>; in checked mode it must be a region the program may access.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* Pointer(VmRunContext context, ulong address, int length, bool write)
    {
        if (context.CheckedMemory)
        {
            context.GetSpan(address, length, write);
        }
        return (byte*)address;
    }

    /// <summary>Makes memory a helper hands out (a map value, a ring buffer record) accessible in checked mode for the rest of the run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Expose(VmRunContext context, byte* address, int length, bool writable)
    {
        if (context.CheckedMemory && address != null && !context.IsAccessible((ulong)address, (ulong)length, writable))
        {
            context.AddRegion((nint)address, length, writable);
        }
    }

    /// <summary>A negated errno as the u64 a helper returns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Result(int rc) => (ulong)(long)rc;

    public static VmException Fault(string message) => new(VmErrorKind.HelperFault, -1, message);

    [DoesNotReturn]
    private static BpfMap NotAMap(ulong handle, string helper) =>
        throw Fault($"{helper}: 0x{handle:x} is not a map");
}
