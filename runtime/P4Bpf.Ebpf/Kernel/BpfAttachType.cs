namespace P4Bpf.Ebpf.Kernel;

/// <summary>The attach types we use (<c>enum bpf_attach_type</c>), with the kernel's values.</summary>
public enum BpfAttachType : uint
{
    /// <summary>No expected attach type (what most program loads pass).</summary>
    None = 0,

    /// <summary><c>BPF_XDP</c>: an XDP link on a network interface.</summary>
    Xdp = 37,

    /// <summary><c>BPF_TCX_INGRESS</c>: a TC (tcx) link on an interface's ingress (Linux 6.6+).</summary>
    TcxIngress = 46,

    /// <summary><c>BPF_TCX_EGRESS</c>: a TC (tcx) link on an interface's egress (Linux 6.6+).</summary>
    TcxEgress = 47,
}
