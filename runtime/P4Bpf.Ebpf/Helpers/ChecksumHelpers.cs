using P4Bpf.Ebpf.Contexts;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Helpers;

/// <summary>Checksum helpers: csum_diff, csum_update, l3_csum_replace, l4_csum_replace (kernel semantics for a linear skb with <c>CHECKSUM_NONE</c>).</summary>
internal static unsafe class ChecksumHelpers
{
    private const int Einval = 22;
    private const int Efault = 14;
    private const ulong HdrFieldMask = 0xf;
    private const ulong PseudoHdr = 0x10;
    private const ulong MarkMangled0 = 0x20;
    private const ulong MarkEnforce = 0x40;
    private const ulong Ipv6 = 0x80;

    /// <summary>The helper's scratch buffer size (<c>sizeof(sp->diff)</c>): the most bytes csum_diff accepts.</summary>
    private const int MaxDiffBytes = 512;

    public static void Register(HelperTable table, bool skb)
    {
        table.Set((int)HelperId.CsumDiff, "csum_diff", CsumDiff);
        if (skb)
        {
            table.Set((int)HelperId.L3CsumReplace, "l3_csum_replace", L3CsumReplace);
            table.Set((int)HelperId.L4CsumReplace, "l4_csum_replace", L4CsumReplace);
            table.Set((int)HelperId.CsumUpdate, "csum_update", (_, _, _, _, _, _) => 0);
        }
    }

    /// <summary><c>s64 bpf_csum_diff(from, from_size, to, to_size, seed)</c>: ones'-complement sum of ~from words, to words and seed, folded to 16 bits as this kernel does; <c>-EINVAL</c> for sizes not multiple of 4 or over 512 bytes.</summary>
    public static ulong CsumDiff(ulong from, ulong fromSize, ulong to, ulong toSize, ulong seed, VmRunContext context)
    {
        var fs = (uint)fromSize;
        var ts = (uint)toSize;
        if (((fs | ts) & 3) != 0 || (ulong)fs + ts > MaxDiffBytes)
        {
            return HelperArgs.Result(-Einval);
        }
        ulong sum = (uint)seed;
        var f = (uint*)HelperArgs.Pointer(context, from, (int)fs, false);
        for (var i = 0; i < fs / 4; i++)
        {
            sum += ~f[i];
        }
        var t = (uint*)HelperArgs.Pointer(context, to, (int)ts, false);
        for (var i = 0; i < ts / 4; i++)
        {
            sum += t[i];
        }
        sum = (sum & 0xffffffff) + (sum >> 32);
        sum = (sum & 0xffffffff) + (sum >> 32);
        // Linux 6.12+ (x86) returns the sum folded to 16 bits, not complemented (csum_from32to16); older kernels returned the 32-bit sum,
        // which is the same value modulo 0xffff, so programs that fold it themselves see no difference.
        var s32 = (uint)sum;
        s32 = (s32 & 0xffff) + (s32 >> 16);
        s32 = (s32 & 0xffff) + (s32 >> 16);
        return s32;
    }

    /// <summary><c>long bpf_l3_csum_replace(skb, offset, from, to, flags)</c>.</summary>
    public static ulong L3CsumReplace(ulong ctx, ulong offset, ulong from, ulong to, ulong flags, VmRunContext context)
    {
        if ((flags & ~HdrFieldMask) != 0)
        {
            return HelperArgs.Result(-Einval);
        }
        if (!TryField(context, offset, out var check))
        {
            return HelperArgs.Result(-Efault);
        }
        switch (flags & HdrFieldMask)
        {
            case 0:
                if (from != 0)
                {
                    return HelperArgs.Result(-Einval);
                }
                *check = Checksum.ReplaceByDiff(*check, (uint)to);
                break;
            case 2:
                *check = Checksum.Replace2(*check, (ushort)from, (ushort)to);
                break;
            case 4:
                *check = Checksum.Replace4(*check, (uint)from, (uint)to);
                break;
            default:
                return HelperArgs.Result(-Einval);
        }
        return 0;
    }

    /// <summary><c>long bpf_l4_csum_replace(skb, offset, from, to, flags)</c>; with <c>CHECKSUM_NONE</c> the pseudo-header flag changes nothing.</summary>
    public static ulong L4CsumReplace(ulong ctx, ulong offset, ulong from, ulong to, ulong flags, VmRunContext context)
    {
        if ((flags & ~(MarkMangled0 | MarkEnforce | PseudoHdr | HdrFieldMask | Ipv6)) != 0)
        {
            return HelperArgs.Result(-Einval);
        }
        if (!TryField(context, offset, out var check))
        {
            return HelperArgs.Result(-Efault);
        }
        var mangled0 = (flags & MarkMangled0) != 0;
        if (mangled0 && (flags & MarkEnforce) == 0 && *check == 0)
        {
            return 0;
        }
        switch (flags & HdrFieldMask)
        {
            case 0:
                if (from != 0)
                {
                    return HelperArgs.Result(-Einval);
                }
                *check = Checksum.ReplaceByDiff(*check, (uint)to);
                break;
            case 2:
                *check = Checksum.Replace4(*check, (ushort)from, (ushort)to);
                break;
            case 4:
                *check = Checksum.Replace4(*check, (uint)from, (uint)to);
                break;
            default:
                return HelperArgs.Result(-Einval);
        }
        if (mangled0 && *check == 0)
        {
            *check = 0xffff; // CSUM_MANGLED_0
        }
        return 0;
    }

    /// <summary>The 16-bit checksum field at <paramref name="offset"/> of the skb's packet; false for an odd, too large or out-of-packet offset.</summary>
    private static bool TryField(VmRunContext context, ulong offset, out ushort* field)
    {
        field = null;
        if (HelperRunState.Of(context).Context is not SkBuffContext skb)
        {
            return false;
        }
        if (offset > 0xffff || (offset & 1) != 0 || !skb.IsInPacket(offset, 2))
        {
            return false;
        }
        field = (ushort*)((byte*)skb.Data + offset);
        return true;
    }
}
