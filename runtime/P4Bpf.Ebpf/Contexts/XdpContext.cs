namespace P4Bpf.Ebpf.Contexts;

/// <summary>The XDP context: <c>struct xdp_md</c> over a frame with the kernel's headroom (256 bytes) and tailroom rules.</summary>
/// <remarks>
/// Mirrors BPF_PROG_TEST_RUN: the frame is one page (<c>frame_sz</c> 4096, larger for packets that do not fit, where the kernel
/// would use fragments), the packet starts <see cref="Headroom"/> bytes in, the last 320 bytes of the frame are reserved
/// (<c>skb_shared_info</c>), and the first 40 bytes (<c>struct xdp_frame</c>) may not be reached by adjust_head/meta.
/// The output packet starts at <c>data_meta</c>, as test_run returns it.
/// </remarks>
public sealed unsafe class XdpContext : PacketContext
{
    /// <summary><c>XDP_PACKET_HEADROOM</c>.</summary>
    public const int Headroom = 256;

    /// <summary><c>SKB_DATA_ALIGN(sizeof(struct skb_shared_info))</c> on x86-64.</summary>
    public const int SharedInfoSize = 320;

    /// <summary><c>sizeof(struct xdp_frame)</c>: the start of the frame that adjust_head/meta must leave alone.</summary>
    public const int XdpFrameSize = 40;

    /// <summary>The largest metadata area (<c>xdp_metalen_invalid</c>).</summary>
    public const int MaxMetaLength = 32;

    private const int PageSize = 4096;

    public XdpContext()
        : base(ContextKind.Xdp, XdpMdLayout.Size)
    {
    }

    /// <summary>The frame size of the current packet (<c>xdp->frame_sz</c>).</summary>
    public int FrameSize { get; private set; } = PageSize;

    /// <summary><c>ingress_ifindex</c> given to the next packet (test_run uses the loopback device, ifindex 1).</summary>
    public uint IngressIfindex { get; set; } = 1;

    /// <summary><c>rx_queue_index</c> given to the next packet.</summary>
    public uint RxQueueIndex { get; set; }

    /// <summary><c>egress_ifindex</c> given to the next packet.</summary>
    public uint EgressIfindex { get; set; }

    /// <summary>Shortest packet <see cref="Load"/>, <see cref="AdjustHead"/> and <see cref="AdjustTail"/> allow: <c>ETH_HLEN</c> as in the kernel;
    /// a software switch running non-Ethernet P4 programs (BMv2 accepts any length) lowers it, down to 0.</summary>
    public int MinPacketLength
    {
        get;
        set => field = value is >= 0 and <= EthernetHeaderLength ? value : throw new ArgumentOutOfRangeException(nameof(value));
    } = EthernetHeaderLength;

    public override int MaxPacketSize => (int)(FrameLimit - FrameStart) - Headroom - SharedInfoSize;

    private byte* HardStart => (byte*)FrameStart;

    private byte* HardEnd => HardStart + FrameSize - SharedInfoSize;

    public override void Load(ReadOnlySpan<byte> packet)
    {
        CheckLength(packet, MaxPacketSize, MinPacketLength);
        var needed = Headroom + packet.Length + SharedInfoSize;
        FrameSize = Math.Max(PageSize, (needed + PageSize - 1) / PageSize * PageSize);
        FrameSize = Math.Min(FrameSize, (int)(FrameLimit - FrameStart));
        new Span<byte>(HardStart, Headroom).Clear();
        var data = HardStart + Headroom;
        packet.CopyTo(new Span<byte>(data, packet.Length));
        Data = (nint)data;
        DataMeta = Data;
        DataEnd = Data + packet.Length;
        Struct.Clear();
        WriteU32(XdpMdLayout.IngressIfindex, IngressIfindex);
        WriteU32(XdpMdLayout.RxQueueIndex, RxQueueIndex);
        WriteU32(XdpMdLayout.EgressIfindex, EgressIfindex);
        Refresh();
    }

    public override void Refresh()
    {
        WriteU32(XdpMdLayout.Data, (uint)Data);
        WriteU32(XdpMdLayout.DataEnd, (uint)DataEnd);
        WriteU32(XdpMdLayout.DataMeta, (uint)DataMeta);
    }

    /// <summary>The packet from <c>data_meta</c> to <c>data_end</c> (metadata included), as test_run's <c>data_out</c>.</summary>
    public override byte[] GetOutputPacket() => new ReadOnlySpan<byte>((void*)DataMeta, (int)(DataEnd - DataMeta)).ToArray();

    /// <summary>The metadata area in front of the packet.</summary>
    public Span<byte> Metadata => new((void*)DataMeta, (int)(Data - DataMeta));

    /// <summary><c>bpf_xdp_adjust_head</c>: moves <c>data</c> by <paramref name="offset"/> (negative grows the packet); 0 or <c>-EINVAL</c>.</summary>
    public int AdjustHead(int offset)
    {
        var metaLength = (int)(Data - DataMeta);
        var data = (byte*)Data + offset;
        if (data < HardStart + XdpFrameSize + metaLength || data > (byte*)DataEnd - MinPacketLength)
        {
            return -Errno.Inval;
        }
        if (metaLength > 0)
        {
            Buffer.MemoryCopy((void*)DataMeta, (byte*)DataMeta + offset, metaLength, metaLength);
        }
        DataMeta += offset;
        Data = (nint)data;
        Refresh();
        return 0;
    }

    /// <summary><c>bpf_xdp_adjust_meta</c>: moves <c>data_meta</c> by <paramref name="offset"/>; 0, <c>-EINVAL</c> out of range, <c>-EACCES</c> for a length that is not a multiple of 4 up to 32.</summary>
    public int AdjustMeta(int offset)
    {
        var meta = (byte*)DataMeta + offset;
        if (meta < HardStart + XdpFrameSize || meta > (byte*)Data)
        {
            return -Errno.Inval;
        }
        var metaLength = (byte*)Data - meta;
        if ((metaLength & 3) != 0 || metaLength > MaxMetaLength)
        {
            return -Errno.Acces;
        }
        DataMeta = (nint)meta;
        Refresh();
        return 0;
    }

    /// <summary><c>bpf_xdp_adjust_tail</c>: moves <c>data_end</c> by <paramref name="offset"/> (growth is zero-filled); 0 or <c>-EINVAL</c>.</summary>
    public int AdjustTail(int offset)
    {
        var end = (byte*)DataEnd + offset;
        if (end > HardEnd || end < (byte*)Data + MinPacketLength)
        {
            return -Errno.Inval;
        }
        if (offset > 0)
        {
            new Span<byte>((void*)DataEnd, offset).Clear();
        }
        DataEnd = (nint)end;
        Refresh();
        return 0;
    }
}
