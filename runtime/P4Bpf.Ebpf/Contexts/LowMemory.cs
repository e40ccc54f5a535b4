using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Contexts;

/// <summary>Allocates native memory whose addresses fit in 32 bits, so the kernel's 32-bit <c>data</c>/<c>data_end</c> context fields can hold real packet addresses.</summary>
/// <remarks>
/// The kernel rewrites a program's <c>ctx->data</c> loads into loads of 64-bit pointers (its ctx-access conversion); we get the same
/// effect without rewriting code by placing every context and packet buffer below 4 GiB (Linux <c>mmap(MAP_32BIT)</c>, as uBPF's
/// benchmark does), so the zero-extending 32-bit load yields the pointer itself. Elsewhere, or when that space is exhausted, it throws.
/// </remarks>
internal static partial class LowMemory
{
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;
    private const int Map32Bit = 0x40;
    private const int MapFixedNoReplace = 0x100000;

    /// <summary>Maps <paramref name="size"/> zeroed bytes below 4 GiB (page-aligned).</summary>
    public static nint Allocate(nuint size)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("not supported yet: packet contexts below 4 GiB need Linux mmap(MAP_32BIT)");
        }
        var p = mmap(0, size, ProtRead | ProtWrite, MapPrivate | MapAnonymous | Map32Bit, -1, 0);
        if (p != -1 && (ulong)p + size <= 1UL << 32)
        {
            return p;
        }
        if (p != -1)
        {
            _ = munmap(p, size);
        }
        // MAP_32BIT only covers the first 2 GiB; try hints in the upper half below 4 GiB.
        for (ulong hint = 0x8000_0000; hint + size <= 0xffff_0000; hint += 0x0100_0000)
        {
            p = mmap((nint)hint, size, ProtRead | ProtWrite, MapPrivate | MapAnonymous | MapFixedNoReplace, -1, 0);
            if (p != -1 && (ulong)p + size <= 1UL << 32)
            {
                return p;
            }
            if (p != -1)
            {
                _ = munmap(p, size);
            }
        }
        throw new OutOfMemoryException("no address space left below 4 GiB for a packet context");
    }

    public static void Free(nint address, nuint size)
    {
        if (address != 0)
        {
            _ = munmap(address, size);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint addr, nuint length);
}
