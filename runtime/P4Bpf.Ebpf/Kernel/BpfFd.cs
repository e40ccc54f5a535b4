using System.Runtime.InteropServices;

namespace P4Bpf.Ebpf.Kernel;

/// <summary>A file descriptor the <c>bpf()</c> syscall returned (a map, program, BTF object or link), closed when disposed.</summary>
/// <remarks>Closing the last descriptor of an unpinned object frees it in the kernel (for a link: detaches it).</remarks>
public sealed class BpfFd : SafeHandle
{
    internal BpfFd(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    /// <summary>The descriptor number; throws <see cref="ObjectDisposedException"/> once closed.</summary>
    public int Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return (int)handle;
        }
    }

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;

    public override string ToString() => IsClosed ? "fd(closed)" : $"fd {(int)handle}";
}
