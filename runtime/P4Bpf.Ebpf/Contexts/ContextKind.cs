namespace P4Bpf.Ebpf.Contexts;

/// <summary>Which program context a packet is presented in.</summary>
public enum ContextKind
{
    /// <summary><c>struct xdp_md</c>; the packet starts at the Ethernet header.</summary>
    Xdp,
    /// <summary><c>struct __sk_buff</c> as TC (sched_cls/sched_act) sees it: <c>data</c> at the Ethernet header.</summary>
    Tc,
    /// <summary><c>struct __sk_buff</c> as a socket filter sees it: <c>data</c> at the network header (the MAC header is pulled).</summary>
    SocketFilter,
}
