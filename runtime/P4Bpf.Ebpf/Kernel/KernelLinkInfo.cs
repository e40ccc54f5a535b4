namespace P4Bpf.Ebpf.Kernel;

/// <summary>What the kernel reports about a link (<c>struct bpf_link_info</c>).</summary>
/// <remarks><c>Type</c> is <c>enum bpf_link_type</c> (6 = XDP, 11 = TCX); <c>Ifindex</c> is the interface of an XDP or TCX link, else 0.</remarks>
public sealed record KernelLinkInfo(uint Type, uint Id, uint ProgramId, uint Ifindex)
{
    public const uint TypeXdp = 6;
    public const uint TypeTcx = 11;
}
