namespace P4Bpf.Ebpf.Contexts;

/// <summary>Field offsets of <c>struct xdp_md</c> (include/uapi/linux/bpf.h), the XDP program context.</summary>
public static class XdpMdLayout
{
    public const int Data = 0;
    public const int DataEnd = 4;
    public const int DataMeta = 8;
    public const int IngressIfindex = 12;
    public const int RxQueueIndex = 16;
    public const int EgressIfindex = 20;
    public const int Size = 24;
}
