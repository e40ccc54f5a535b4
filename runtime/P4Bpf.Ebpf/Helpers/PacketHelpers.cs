using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>Packet helpers: skb load/store bytes, skb_change_head/tail, xdp_adjust_head/meta/tail, xdp load/store bytes and buffer length.</summary>
/// <remarks>Helpers that move the packet rewrite the context's pointer fields and re-bind the packet region (the verifier makes programs reload packet pointers after them).</remarks>
internal static unsafe class PacketHelpers
{
    private const int Einval = 22;
    private const int Efault = 14;
    private const ulong RecomputeCsum = 1;
    private const ulong InvalidateHash = 2;

    public static void RegisterSkb(HelperTable table)
    {
        table.Set((int)HelperId.SkbLoadBytes, "skb_load_bytes", SkbLoadBytes);
        table.Set((int)HelperId.SkbStoreBytes, "skb_store_bytes", SkbStoreBytes);
        table.Set((int)HelperId.SkbChangeTail, "skb_change_tail", SkbChangeTail);
        table.Set((int)HelperId.SkbChangeHead, "skb_change_head", SkbChangeHead);
    }

    public static void RegisterXdp(HelperTable table)
    {
        table.Set((int)HelperId.XdpAdjustHead, "xdp_adjust_head", XdpAdjustHead);
        table.Set((int)HelperId.XdpAdjustMeta, "xdp_adjust_meta", XdpAdjustMeta);
        table.Set((int)HelperId.XdpAdjustTail, "xdp_adjust_tail", XdpAdjustTail);
        table.Set((int)HelperId.XdpGetBuffLen, "xdp_get_buff_len", XdpGetBuffLen);
        table.Set((int)HelperId.XdpLoadBytes, "xdp_load_bytes", XdpLoadBytes);
        table.Set((int)HelperId.XdpStoreBytes, "xdp_store_bytes", XdpStoreBytes);
    }

    /// <summary><c>long bpf_skb_load_bytes(skb, offset, to, len)</c>.</summary>
    public static ulong SkbLoadBytes(ulong ctx, ulong offset, ulong to, ulong len, ulong r5, VmRunContext context)
    {
        var skb = Skb(context, "skb_load_bytes");
        var destination = new Span<byte>(HelperArgs.Pointer(context, to, (int)(uint)len, true), (int)(uint)len);
        return HelperArgs.Result(skb.LoadBytes((uint)Math.Min(offset, uint.MaxValue), destination));
    }

    /// <summary><c>long bpf_skb_store_bytes(skb, offset, from, len, flags)</c>.</summary>
    public static ulong SkbStoreBytes(ulong ctx, ulong offset, ulong from, ulong len, ulong flags, VmRunContext context)
    {
        var skb = Skb(context, "skb_store_bytes");
        if ((flags & ~(RecomputeCsum | InvalidateHash)) != 0)
        {
            return HelperArgs.Result(-Einval);
        }
        var source = new ReadOnlySpan<byte>(HelperArgs.Pointer(context, from, (int)(uint)len, false), (int)(uint)len);
        if (offset > int.MaxValue)
        {
            return HelperArgs.Result(-Efault);
        }
        return HelperArgs.Result(skb.StoreBytes((uint)offset, source));
    }

    /// <summary><c>long bpf_skb_change_tail(skb, len, flags)</c>.</summary>
    public static ulong SkbChangeTail(ulong ctx, ulong len, ulong flags, ulong r4, ulong r5, VmRunContext context)
    {
        var skb = Skb(context, "skb_change_tail");
        var rc = skb.ChangeTail((uint)len, flags);
        skb.BindPacket(context);
        return HelperArgs.Result(rc);
    }

    /// <summary><c>long bpf_skb_change_head(skb, len, flags)</c>.</summary>
    public static ulong SkbChangeHead(ulong ctx, ulong len, ulong flags, ulong r4, ulong r5, VmRunContext context)
    {
        var skb = Skb(context, "skb_change_head");
        var rc = skb.ChangeHead((uint)len, flags);
        skb.BindPacket(context);
        return HelperArgs.Result(rc);
    }

    /// <summary><c>long bpf_xdp_adjust_head(xdp_md, delta)</c>.</summary>
    public static ulong XdpAdjustHead(ulong ctx, ulong delta, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var xdp = Xdp(context, "xdp_adjust_head");
        var rc = xdp.AdjustHead((int)delta);
        xdp.BindPacket(context);
        return HelperArgs.Result(rc);
    }

    /// <summary><c>long bpf_xdp_adjust_meta(xdp_md, delta)</c>.</summary>
    public static ulong XdpAdjustMeta(ulong ctx, ulong delta, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var xdp = Xdp(context, "xdp_adjust_meta");
        var rc = xdp.AdjustMeta((int)delta);
        xdp.BindPacket(context);
        return HelperArgs.Result(rc);
    }

    /// <summary><c>long bpf_xdp_adjust_tail(xdp_md, delta)</c>.</summary>
    public static ulong XdpAdjustTail(ulong ctx, ulong delta, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        var xdp = Xdp(context, "xdp_adjust_tail");
        var rc = xdp.AdjustTail((int)delta);
        xdp.BindPacket(context);
        return HelperArgs.Result(rc);
    }

    /// <summary><c>u64 bpf_xdp_get_buff_len(xdp_md)</c>: the linear length (no fragments here).</summary>
    public static ulong XdpGetBuffLen(ulong ctx, ulong r2, ulong r3, ulong r4, ulong r5, VmRunContext context) =>
        (ulong)Xdp(context, "xdp_get_buff_len").Length;

    /// <summary><c>long bpf_xdp_load_bytes(xdp_md, offset, buf, len)</c>: 0 or <c>-EINVAL</c>.</summary>
    public static ulong XdpLoadBytes(ulong ctx, ulong offset, ulong buf, ulong len, ulong r5, VmRunContext context)
    {
        var xdp = Xdp(context, "xdp_load_bytes");
        var n = (uint)len;
        if ((ulong)(uint)offset + n > (ulong)xdp.Length)
        {
            return HelperArgs.Result(-Einval);
        }
        xdp.Packet.Slice((int)(uint)offset, (int)n).CopyTo(new Span<byte>(HelperArgs.Pointer(context, buf, (int)n, true), (int)n));
        return 0;
    }

    /// <summary><c>long bpf_xdp_store_bytes(xdp_md, offset, buf, len)</c>: 0 or <c>-EINVAL</c>.</summary>
    public static ulong XdpStoreBytes(ulong ctx, ulong offset, ulong buf, ulong len, ulong r5, VmRunContext context)
    {
        var xdp = Xdp(context, "xdp_store_bytes");
        var n = (uint)len;
        if ((ulong)(uint)offset + n > (ulong)xdp.Length)
        {
            return HelperArgs.Result(-Einval);
        }
        new ReadOnlySpan<byte>(HelperArgs.Pointer(context, buf, (int)n, false), (int)n).CopyTo(xdp.Packet.Slice((int)(uint)offset));
        return 0;
    }

    private static SkBuffContext Skb(VmRunContext context, string helper) =>
        HelperRunState.Of(context).Context as SkBuffContext ?? throw HelperArgs.Fault($"{helper}: the run has no __sk_buff context");

    private static XdpContext Xdp(VmRunContext context, string helper) =>
        HelperRunState.Of(context).Context as XdpContext ?? throw HelperArgs.Fault($"{helper}: the run has no xdp_md context");
}
