namespace P4Bpf.Ebpf.Programs;

/// <summary>eBPF program types, with the Linux kernel's <c>enum bpf_prog_type</c> values (the ones we model).</summary>
public enum ProgramType : uint
{
    Unspec = 0,
    SocketFilter = 1,
    Kprobe = 2,
    SchedCls = 3,
    SchedAct = 4,
    Tracepoint = 5,
    Xdp = 6,
    PerfEvent = 7,
    CgroupSkb = 8,
    CgroupSock = 9,
    LwtIn = 10,
    LwtOut = 11,
    LwtXmit = 12,
    SockOps = 13,
    SkSkb = 14,
}
