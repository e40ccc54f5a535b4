using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Which context fields a program type may read or write, and which loads yield packet pointers (<c>xdp_is_valid_access</c>, <c>tc_cls_act_is_valid_access</c>, <c>sk_filter_is_valid_access</c>).</summary>
internal static class ContextLayout
{
    public const int XdpData = 0;
    public const int XdpDataEnd = 4;
    public const int XdpDataMeta = 8;
    public const int XdpSize = 24;

    public const int SkbLen = 0;
    public const int SkbMark = 8;
    public const int SkbQueueMapping = 12;
    public const int SkbPriority = 32;
    public const int SkbTcIndex = 44;
    public const int SkbCb = 48;
    public const int SkbCbEnd = 68;
    public const int SkbTcClassid = 72;
    public const int SkbData = 76;
    public const int SkbDataEnd = 80;
    public const int SkbFamily = 88;
    public const int SkbLocalPortEnd = 140;
    public const int SkbDataMeta = 140;
    public const int SkbFlowKeys = 144;
    public const int SkbTstamp = 152;
    public const int SkbWireLen = 160;
    public const int SkbSk = 168;
    public const int SkbTstampType = 180;
    public const int SkbHwtstamp = 184;
    public const int SkbSize = 192;

    /// <summary>The size of the context struct of <paramref name="type"/>.</summary>
    public static int Size(ProgramType type) => type == ProgramType.Xdp ? XdpSize : SkbSize;

    /// <summary>The type a valid access yields (Scalar for plain fields), or null when the access is not allowed.</summary>
    public static RegType? Access(ProgramType type, int off, int size, bool write) => type switch
    {
        ProgramType.Xdp => Xdp(off, size, write),
        ProgramType.SchedCls or ProgramType.SchedAct => Skb(off, size, write, tc: true),
        ProgramType.SocketFilter => Skb(off, size, write, tc: false),
        _ => null,
    };

    private static RegType? Xdp(int off, int size, bool write)
    {
        if (write || off < 0 || off >= XdpSize || size != 4 || off % size != 0)
        {
            return null;
        }
        return off switch
        {
            XdpData => RegType.Packet,
            XdpDataEnd => RegType.PacketEnd,
            XdpDataMeta => RegType.PacketMeta,
            20 => null, // egress_ifindex needs expected_attach_type BPF_XDP_DEVMAP
            _ => RegType.Scalar,
        };
    }

    private static RegType? Skb(int off, int size, bool write, bool tc)
    {
        if (off < 0 || off >= SkbSize || size is not (1 or 2 or 4 or 8) || off % size != 0)
        {
            return null;
        }
        var field = FieldStart(off);
        var fieldSize = FieldSize(field);
        if (field is SkbFlowKeys or SkbSk || (field >= SkbFamily && field < SkbLocalPortEnd))
        {
            return null;
        }
        if (!tc && (field is SkbData or SkbDataEnd or SkbDataMeta or SkbTcClassid or SkbTstamp or SkbWireLen or SkbHwtstamp))
        {
            return null;
        }
        if (field is SkbData or SkbDataEnd or SkbDataMeta)
        {
            if (write || size != 4 || off != field)
            {
                return null;
            }
            return field switch
            {
                SkbData => RegType.Packet,
                SkbDataEnd => RegType.PacketEnd,
                _ => RegType.PacketMeta,
            };
        }
        if (off + size > field + fieldSize && !(field >= SkbCb && field < SkbCbEnd && off + size <= SkbCbEnd))
        {
            return null;
        }
        if (write)
        {
            var writable = field >= SkbCb && field < SkbCbEnd
                || (tc && field is SkbMark or SkbTcIndex or SkbPriority or SkbTcClassid or SkbQueueMapping or SkbTstamp);
            if (!writable || (size != fieldSize && !(field >= SkbCb && field < SkbCbEnd)))
            {
                return null;
            }
            if (field == SkbQueueMapping && size != 4)
            {
                return null;
            }
            return RegType.Scalar;
        }
        if (fieldSize == 8 && size != 8)
        {
            return null;
        }
        return RegType.Scalar;
    }

    private static int FieldStart(int off) => off switch
    {
        >= SkbHwtstamp => SkbHwtstamp,
        >= SkbTstampType => SkbTstampType,
        >= 176 => 176,
        >= SkbSk => SkbSk,
        >= SkbWireLen => off - (off % 4),
        >= SkbTstamp => SkbTstamp,
        >= SkbFlowKeys => SkbFlowKeys,
        _ => off - (off % 4),
    };

    private static int FieldSize(int field) => field switch
    {
        SkbFlowKeys or SkbTstamp or SkbSk or SkbHwtstamp => 8,
        SkbTstampType => 1,
        _ => 4,
    };
}
