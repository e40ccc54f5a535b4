namespace P4Bpf.Ebpf.Maps;

/// <summary>Linux errno values; map operations return them negated (<c>-Errno.ENOENT</c>), as the kernel's bpf() syscall and helpers do.</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int E2BIG = 7;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EINVAL = 22;
    public const int ENOSPC = 28;
    public const int EOPNOTSUPP = 95;

    /// <summary>The kernel-internal "operation not supported" (524) that bpf() returns for e.g. LRU maps with <c>BPF_F_NO_PREALLOC</c>.</summary>
    public const int ENOTSUPP = 524;

    /// <summary>The symbolic name of an errno (positive or negated), e.g. <c>"ENOENT"</c>; <c>"OK"</c> for 0.</summary>
    public static string Name(int errno) => Math.Abs(errno) switch
    {
        0 => "OK",
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        E2BIG => "E2BIG",
        EBADF => "EBADF",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EFAULT => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        EINVAL => "EINVAL",
        ENOSPC => "ENOSPC",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOTSUPP => "ENOTSUPP",
        var other => "E" + other.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
