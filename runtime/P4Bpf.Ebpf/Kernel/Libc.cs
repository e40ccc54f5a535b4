using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>The few libc entry points the kernel target needs: the raw <c>syscall</c>, <c>close</c>, interface names, CPU affinity.</summary>
internal static unsafe partial class Libc
{
    private const string Library = "libc";

    /// <summary><c>__NR_bpf</c> for the running architecture, or -1 where we do not know it.</summary>
    public static long SysBpf { get; } = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 321,
        Architecture.Arm64 => 280,
        Architecture.RiscV64 => 280,
        Architecture.LoongArch64 => 280,
        _ => -1,
    };

    /// <summary>True when this process can issue <c>bpf()</c> at all (Linux on an architecture whose syscall number we know).</summary>
    public static bool HasBpfSyscall => OperatingSystem.IsLinux() && SysBpf > 0;

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long cmd, void* attr, long size);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    [LibraryImport(Library, EntryPoint = "sched_getaffinity", SetLastError = true)]
    public static partial int SchedGetAffinity(int pid, nuint size, byte* mask);

    [LibraryImport(Library, EntryPoint = "sched_setaffinity", SetLastError = true)]
    public static partial int SchedSetAffinity(int pid, nuint size, byte* mask);

    [LibraryImport(Library, EntryPoint = "mmap", SetLastError = true)]
    public static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport(Library, EntryPoint = "munmap", SetLastError = true)]
    public static partial int Munmap(void* address, nuint length);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(void* fds, nuint count, int timeoutMs);

    public const int ProtRead = 1;
    public const int ProtWrite = 2;
    public const int MapShared = 1;
    public const short PollIn = 1;

    /// <summary>Issues <c>bpf(cmd, attr, size)</c>: the non-negative result, or the negated errno.</summary>
    public static long Bpf(BpfCommand command, Span<byte> attr)
    {
        if (!HasBpfSyscall)
        {
            return -EOPNOTSUPP;
        }
        fixed (byte* a = attr)
        {
            // EINTR means nothing happened; libbpf also retries a program load that fails with EAGAIN a few times.
            for (var attempt = 0; ; attempt++)
            {
                var rc = Syscall(SysBpf, (long)command, a, attr.Length);
                if (rc >= 0)
                {
                    return rc;
                }
                var errno = Marshal.GetLastPInvokeError();
                var retry = errno == EINTR || (errno == EAGAIN && command == BpfCommand.ProgLoad);
                if (!retry || attempt >= 5)
                {
                    return -errno;
                }
            }
        }
    }

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int E2BIG = 7;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int EOPNOTSUPP = 95;
    public const int ENOTSUPP = 524;

    /// <summary>The symbolic name of a (positive or negated) errno.</summary>
    public static string ErrnoName(int errno) => Math.Abs(errno) switch
    {
        EINTR => "EINTR",
        EACCES => "EACCES",
        ENODEV => "ENODEV",
        ERANGE => "ERANGE",
        var e => Maps.Errno.Name(e),
    };
}
