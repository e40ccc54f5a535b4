namespace P4Bpf.Ebpf.Contexts;

/// <summary>The Linux errno values the context operations return (negated), as the kernel's helpers do.</summary>
internal static class Errno
{
    public const int Fault = 14;
    public const int Inval = 22;
    public const int Acces = 13;
    public const int NoMem = 12;
    public const int NotSupp = 524;
}
