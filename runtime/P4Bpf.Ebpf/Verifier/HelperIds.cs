namespace P4Bpf.Ebpf.Verifier;

/// <summary>The kernel's <c>BPF_FUNC_*</c> ids of the helpers the engine provides.</summary>
public static class HelperIds
{
    public const int MapLookupElem = 1;
    public const int MapUpdateElem = 2;
    public const int MapDeleteElem = 3;
    public const int KtimeGetNs = 5;
    public const int TracePrintk = 6;
    public const int GetPrandomU32 = 7;
    public const int GetSmpProcessorId = 8;
    public const int SkbStoreBytes = 9;
    public const int L3CsumReplace = 10;
    public const int L4CsumReplace = 11;
    public const int TailCall = 12;
    public const int CloneRedirect = 13;
    public const int GetCgroupClassid = 17;
    public const int SkbVlanPush = 18;
    public const int SkbVlanPop = 19;
    public const int Redirect = 23;
    public const int PerfEventOutput = 25;
    public const int SkbLoadBytes = 26;
    public const int CsumDiff = 28;
    public const int GetHashRecalc = 34;
    public const int SkbChangeTail = 38;
    public const int CsumUpdate = 40;
    public const int SkbPullData = 39;
    public const int SetHashInvalid = 41;
    public const int GetNumaNodeId = 42;
    public const int SkbChangeHead = 43;
    public const int XdpAdjustHead = 44;
    public const int GetSocketCookie = 46;
    public const int GetSocketUid = 47;
    public const int SkbAdjustRoom = 50;
    public const int RedirectMap = 51;
    public const int XdpAdjustMeta = 54;
    public const int XdpAdjustTail = 65;
    public const int MapPushElem = 87;
    public const int MapPopElem = 88;
    public const int MapPeekElem = 89;
    public const int SpinLock = 93;
    public const int SpinUnlock = 94;
    public const int Jiffies64 = 118;
    public const int KtimeGetBootNs = 125;
    public const int RingbufOutput = 130;
    public const int RingbufReserve = 131;
    public const int RingbufSubmit = 132;
    public const int RingbufDiscard = 133;
    public const int RingbufQuery = 134;
    public const int KtimeGetCoarseNs = 160;
    public const int Loop = 181;
    public const int XdpGetBuffLen = 188;
    public const int XdpLoadBytes = 189;
    public const int XdpStoreBytes = 190;
    public const int MapLookupPercpuElem = 195;
    public const int KtimeGetTaiNs = 208;
}
