using System.Buffers.Binary;

namespace P4Bpf.Ebpf.Contexts;

/// <summary>The <c>struct __sk_buff</c> context of TC and socket-filter programs, over a linear skb with headroom and tailroom.</summary>
/// <remarks>
/// Mirrors BPF_PROG_TEST_RUN: <c>NET_SKB_PAD</c> (64) bytes of headroom, <c>eth_type_trans</c> on the loopback device sets
/// <c>protocol</c> and <c>pkt_type</c>, <c>ifindex</c> is 1; TC sees <c>data</c> at the Ethernet header, a socket filter at the
/// network header (and its output gets the 14 MAC bytes back as zeros). Fields the program may write (mark, priority, cb,
/// tc_index, tc_classid, queue_mapping, tstamp) live in the struct itself; <see cref="Refresh"/> rewrites only the packet
/// fields. Growing beyond the headroom moves the packet inside the frame, as the kernel reallocates the head.
/// </remarks>
public sealed unsafe class SkBuffContext : PacketContext
{
    /// <summary><c>NET_SKB_PAD + NET_IP_ALIGN</c> on x86-64.</summary>
    public const int Headroom = 64;

    /// <summary><c>BPF_SKB_MAX_LEN</c> (<c>SKB_MAX_ALLOC</c>): the largest packet skb_change_head/tail may make.</summary>
    public const int MaxLength = 16064;

    private const uint Ipv4Protocol = 0x0008; // htons(ETH_P_IP) as the skb stores it
    private const uint Ipv6Protocol = 0xdd86; // htons(ETH_P_IPV6)

    internal SkBuffContext(bool isL2)
        : base(isL2 ? ContextKind.Tc : ContextKind.SocketFilter, SkBuffLayout.Size)
    {
        IsL2 = isL2;
    }

    /// <summary>True for TC (data at the MAC header), false for socket filters (data at the network header).</summary>
    public bool IsL2 { get; }

    /// <summary><c>ifindex</c> given to the next packet (the loopback device in test_run).</summary>
    public uint Ifindex { get; set; } = 1;

    /// <summary><c>ingress_ifindex</c> given to the next packet.</summary>
    public uint IngressIfindex { get; set; }

    /// <summary><c>mark</c> given to the next packet.</summary>
    public uint InitialMark { get; set; }

    /// <summary><c>priority</c> given to the next packet.</summary>
    public uint InitialPriority { get; set; }

    /// <summary>Offset of the network header from <c>data</c> (the minimum length skb_change_tail accepts).</summary>
    public int NetworkOffset { get; private set; }

    public uint Mark => ReadU32(SkBuffLayout.Mark);

    public uint Priority => ReadU32(SkBuffLayout.Priority);

    public uint TcIndex => ReadU32(SkBuffLayout.TcIndex);

    public uint TcClassid => ReadU32(SkBuffLayout.TcClassid);

    public override int MaxPacketSize => MaxLength;

    public override void Load(ReadOnlySpan<byte> packet)
    {
        CheckLength(packet, MaxPacketSize);
        var (protocol, pktType) = EthTypeTrans(packet);
        // test_run reads the IP header of IPv4/IPv6 frames to fill its socket: shorter frames are -EINVAL.
        var l3 = packet.Length - EthernetHeaderLength;
        if ((protocol == Ipv4Protocol && l3 < 20) || (protocol == Ipv6Protocol && l3 < 40))
        {
            throw new ArgumentException($"{(protocol == Ipv4Protocol ? "IPv4" : "IPv6")} frame of {packet.Length} bytes is too short for its network header", nameof(packet));
        }
        var data = (byte*)FrameStart + Headroom;
        new Span<byte>((void*)FrameStart, Headroom).Clear();
        packet.CopyTo(new Span<byte>(data, packet.Length));
        Struct.Clear();
        WriteU32(SkBuffLayout.Protocol, protocol);
        WriteU32(SkBuffLayout.PktType, pktType);
        WriteU32(SkBuffLayout.Ifindex, Ifindex);
        WriteU32(SkBuffLayout.IngressIfindex, IngressIfindex);
        WriteU32(SkBuffLayout.Mark, InitialMark);
        WriteU32(SkBuffLayout.Priority, InitialPriority);
        var skip = IsL2 ? 0 : EthernetHeaderLength;
        Data = (nint)(data + skip);
        DataEnd = (nint)(data + packet.Length);
        DataMeta = Data;
        NetworkOffset = IsL2 ? EthernetHeaderLength : 0;
        Refresh();
    }

    public override void Refresh()
    {
        WriteU32(SkBuffLayout.Len, (uint)Length);
        WriteU32(SkBuffLayout.Data, (uint)Data);
        WriteU32(SkBuffLayout.DataEnd, (uint)DataEnd);
        WriteU32(SkBuffLayout.DataMeta, (uint)DataMeta);
    }

    /// <summary>The packet as test_run returns it: from <c>data</c>; a socket filter's output gets its MAC header back as 14 zero bytes.</summary>
    public override byte[] GetOutputPacket()
    {
        if (IsL2)
        {
            return Packet.ToArray();
        }
        var output = new byte[Length + EthernetHeaderLength];
        Packet.CopyTo(output.AsSpan(EthernetHeaderLength));
        return output;
    }

    /// <summary><c>bpf_skb_load_bytes</c>: copies <paramref name="destination"/>.Length bytes from <paramref name="offset"/>; 0, or <c>-EFAULT</c> (destination zeroed).</summary>
    public int LoadBytes(uint offset, Span<byte> destination)
    {
        if (offset > int.MaxValue || (ulong)offset + (ulong)destination.Length > (ulong)Length)
        {
            destination.Clear();
            return -Errno.Fault;
        }
        Packet.Slice((int)offset, destination.Length).CopyTo(destination);
        return 0;
    }

    /// <summary><c>bpf_skb_store_bytes</c> (flags checked by the caller): 0 or <c>-EFAULT</c>.</summary>
    public int StoreBytes(uint offset, ReadOnlySpan<byte> source)
    {
        if (offset > int.MaxValue || (ulong)offset + (ulong)source.Length > (ulong)Length)
        {
            return -Errno.Fault;
        }
        source.CopyTo(Packet.Slice((int)offset));
        return 0;
    }

    /// <summary>True when [offset, offset + length) lies in the packet (<c>bpf_try_make_writable</c> succeeding).</summary>
    public bool IsInPacket(ulong offset, ulong length) => offset <= int.MaxValue && offset + length <= (ulong)Length;

    /// <summary><c>bpf_skb_change_head</c>: prepends <paramref name="headRoom"/> zero bytes and resets the MAC header there; 0, <c>-EINVAL</c> or <c>-ENOMEM</c>.</summary>
    public int ChangeHead(uint headRoom, ulong flags)
    {
        var newLength = (ulong)Length + headRoom;
        if (flags != 0 || newLength > MaxLength)
        {
            return -Errno.Inval;
        }
        var data = (byte*)Data;
        if (data - headRoom < (byte*)FrameStart)
        {
            // skb_cow: give the head room by moving the packet (the kernel reallocates the head).
            var target = (byte*)FrameStart + Headroom + headRoom;
            if (target + Length > (byte*)FrameLimit)
            {
                return -Errno.NoMem;
            }
            Buffer.MemoryCopy(data, target, Length, Length);
            DataEnd = (nint)(target + Length);
            data = target;
        }
        data -= headRoom;
        new Span<byte>(data, (int)headRoom).Clear();
        Data = (nint)data;
        DataMeta = Data;
        NetworkOffset += (int)headRoom;
        Refresh();
        return 0;
    }

    /// <summary><c>bpf_skb_change_tail</c>: grows (zero-filled) or trims the packet to <paramref name="newLength"/>; 0, <c>-EINVAL</c> or <c>-ENOMEM</c>.</summary>
    public int ChangeTail(uint newLength, ulong flags)
    {
        if (flags != 0 || newLength > MaxLength || newLength < (uint)NetworkOffset)
        {
            return -Errno.Inval;
        }
        var end = (byte*)Data + newLength;
        if (end > (byte*)FrameLimit)
        {
            var target = (byte*)FrameStart + Headroom;
            if (target + newLength > (byte*)FrameLimit)
            {
                return -Errno.NoMem;
            }
            Buffer.MemoryCopy((void*)Data, target, Length, Length);
            DataEnd = (nint)(target + Length);
            Data = (nint)target;
            DataMeta = Data;
            end = target + newLength;
        }
        if (end > (byte*)DataEnd)
        {
            new Span<byte>((void*)DataEnd, (int)(end - (byte*)DataEnd)).Clear();
        }
        DataEnd = (nint)end;
        Refresh();
        return 0;
    }

    /// <summary><c>eth_type_trans</c> on the loopback device (MAC 00:00:00:00:00:00): the protocol as the skb stores it (network order in a u32) and the packet type.</summary>
    internal static (uint Protocol, uint PktType) EthTypeTrans(ReadOnlySpan<byte> frame)
    {
        var dest = frame[..6];
        uint pktType;
        if (dest.IndexOfAnyExcept((byte)0) < 0)
        {
            pktType = 0; // PACKET_HOST
        }
        else if ((dest[0] & 1) != 0)
        {
            pktType = dest.IndexOfAnyExcept((byte)0xff) < 0 ? 1u : 2u; // PACKET_BROADCAST / PACKET_MULTICAST
        }
        else
        {
            pktType = 3; // PACKET_OTHERHOST
        }
        var proto = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        ushort host;
        if (proto >= 0x600)
        {
            host = proto;
        }
        else if (frame.Length >= 16 && frame[14] == 0xff && frame[15] == 0xff)
        {
            host = 0x0001; // ETH_P_802_3
        }
        else
        {
            host = 0x0004; // ETH_P_802_2
        }
        return (BinaryPrimitives.ReverseEndianness(host), pktType);
    }
}
