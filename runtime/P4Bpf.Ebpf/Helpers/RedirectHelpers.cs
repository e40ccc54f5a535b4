using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>Redirect helpers: bpf_redirect (TC and XDP flavours), bpf_redirect_map (XDP), bpf_clone_redirect (TC). The target goes into <see cref="HelperRunState.Redirect"/>.</summary>
internal static class RedirectHelpers
{
    private const ulong FlagIngress = 1;
    private const ulong ActionMask = 3; // XDP_ABORTED | XDP_DROP | XDP_PASS | XDP_TX
    private const ulong FlagBroadcast = 1 << 3;
    private const ulong FlagExcludeIngress = 1 << 4;
    private const ulong XdpAborted = 0;
    private const ulong XdpRedirect = 4;
    private const ulong TcActShot = 2;
    private const ulong TcActRedirect = 7;
    private const int Einval = 22;

    public static void RegisterSkb(HelperTable table)
    {
        table.Set((int)HelperId.Redirect, "redirect", SkbRedirect);
        table.Set((int)HelperId.CloneRedirect, "clone_redirect", CloneRedirect);
    }

    public static void RegisterXdp(HelperTable table)
    {
        table.Set((int)HelperId.Redirect, "redirect", XdpRedirectHelper);
        table.Set((int)HelperId.RedirectMap, "redirect_map", RedirectMap);
    }

    /// <summary>TC <c>bpf_redirect(ifindex, flags)</c>: <c>TC_ACT_REDIRECT</c>, or <c>TC_ACT_SHOT</c> for unknown flags.</summary>
    public static ulong SkbRedirect(ulong ifindex, ulong flags, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        if ((flags & ~FlagIngress) != 0)
        {
            return TcActShot;
        }
        HelperRunState.Of(context).Redirect = new RedirectTarget((uint)ifindex, flags);
        return TcActRedirect;
    }

    /// <summary>XDP <c>bpf_redirect(ifindex, flags)</c>: <c>XDP_REDIRECT</c>, or <c>XDP_ABORTED</c> for any flag.</summary>
    public static ulong XdpRedirectHelper(ulong ifindex, ulong flags, ulong r3, ulong r4, ulong r5, VmRunContext context)
    {
        if (flags != 0)
        {
            return XdpAborted;
        }
        HelperRunState.Of(context).Redirect = new RedirectTarget((uint)ifindex, 0);
        return XdpRedirect;
    }

    /// <summary><c>bpf_redirect_map(map, key, flags)</c>: <c>XDP_REDIRECT</c> when the devmap (or other redirect map) has the key, else the action in the flags' low bits.</summary>
    public static unsafe ulong RedirectMap(ulong map, ulong key, ulong flags, ulong r4, ulong r5, VmRunContext context)
    {
        if ((flags & ~(ActionMask | FlagBroadcast | FlagExcludeIngress)) != 0)
        {
            return XdpAborted;
        }
        var m = HelperArgs.Map(map, "redirect_map");
        var k = (uint)key;
        uint ifindex = 0;
        bool found;
        if (m is DevMap dev)
        {
            found = dev.TryGetTarget(k, out ifindex);
        }
        else
        {
            var value = m.Lookup((byte*)&k, HelperRunState.Of(context).Cpu);
            found = value != null;
            if (found && m.ValueSize >= 4)
            {
                ifindex = *(uint*)value;
            }
        }
        if (!found && (flags & FlagBroadcast) == 0)
        {
            return flags & ActionMask;
        }
        HelperRunState.Of(context).Redirect = new RedirectTarget(ifindex, flags, m.Name, k);
        return XdpRedirect;
    }

    /// <summary><c>long bpf_clone_redirect(skb, ifindex, flags)</c>: records a copy of the packet for the harness; 0 or <c>-EINVAL</c>.</summary>
    public static ulong CloneRedirect(ulong ctx, ulong ifindex, ulong flags, ulong r4, ulong r5, VmRunContext context)
    {
        if ((flags & ~FlagIngress) != 0)
        {
            return HelperArgs.Result(-Einval);
        }
        var state = HelperRunState.Of(context);
        if (state.Context is not SkBuffContext skb)
        {
            throw HelperArgs.Fault("clone_redirect: the run has no __sk_buff context");
        }
        state.AddClone(new ClonedPacket((uint)ifindex, flags, skb.GetOutputPacket()));
        return 0;
    }
}
