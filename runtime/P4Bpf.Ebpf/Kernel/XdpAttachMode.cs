namespace P4Bpf.Ebpf.Kernel;

/// <summary>Where an XDP program runs on an interface: the <c>XDP_FLAGS_*_MODE</c> flags of an XDP link.</summary>
public enum XdpAttachMode : uint
{
    /// <summary>Let the kernel choose (native when the driver supports it, else generic).</summary>
    Default = 0,

    /// <summary><c>XDP_FLAGS_SKB_MODE</c>: generic XDP, after the skb is built (works on every interface).</summary>
    Generic = 1 << 1,

    /// <summary><c>XDP_FLAGS_DRV_MODE</c>: native XDP in the driver (veth supports it).</summary>
    Native = 1 << 2,

    /// <summary><c>XDP_FLAGS_HW_MODE</c>: offloaded to the NIC.</summary>
    Offload = 1 << 3,
}
