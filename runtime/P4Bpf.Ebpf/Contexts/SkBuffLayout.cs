namespace P4Bpf.Ebpf.Contexts;

/// <summary>Field offsets of <c>struct __sk_buff</c> (include/uapi/linux/bpf.h), the TC and socket-filter program context.</summary>
public static class SkBuffLayout
{
    public const int Len = 0;
    public const int PktType = 4;
    public const int Mark = 8;
    public const int QueueMapping = 12;
    public const int Protocol = 16;
    public const int VlanPresent = 20;
    public const int VlanTci = 24;
    public const int VlanProto = 28;
    public const int Priority = 32;
    public const int IngressIfindex = 36;
    public const int Ifindex = 40;
    public const int TcIndex = 44;
    /// <summary><c>cb[5]</c>: five u32 scratch words.</summary>
    public const int Cb = 48;
    public const int Hash = 68;
    public const int TcClassid = 72;
    public const int Data = 76;
    public const int DataEnd = 80;
    public const int NapiId = 84;
    public const int Family = 88;
    public const int RemoteIp4 = 92;
    public const int LocalIp4 = 96;
    public const int RemoteIp6 = 100;
    public const int LocalIp6 = 116;
    public const int RemotePort = 132;
    public const int LocalPort = 136;
    public const int DataMeta = 140;
    public const int FlowKeys = 144;
    public const int Tstamp = 152;
    public const int WireLen = 160;
    public const int GsoSegs = 164;
    public const int Sk = 168;
    public const int GsoSize = 176;
    public const int TstampType = 180;
    public const int Hwtstamp = 184;
    public const int Size = 192;
}
