using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Objects;

/// <summary>Infers a program's type from its ELF section name, as libbpf's <c>SEC()</c> table does.</summary>
/// <remarks>An entry ending in '/' matches the name itself or the name followed by '/…' (libbpf's <c>"kprobe+"</c>); others match exactly.</remarks>
public static class ProgramSections
{
    private static readonly (string Pattern, ProgramType Type)[] Table =
    [
        ("socket", ProgramType.SocketFilter),
        ("kprobe/", ProgramType.Kprobe),
        ("kretprobe/", ProgramType.Kprobe),
        ("uprobe/", ProgramType.Kprobe),
        ("uretprobe/", ProgramType.Kprobe),
        ("ksyscall/", ProgramType.Kprobe),
        ("kretsyscall/", ProgramType.Kprobe),
        ("tc", ProgramType.SchedCls),
        ("tc/", ProgramType.SchedCls),
        ("tcx/", ProgramType.SchedCls),
        ("classifier", ProgramType.SchedCls),
        ("classifier/", ProgramType.SchedCls),
        ("action", ProgramType.SchedAct),
        ("action/", ProgramType.SchedAct),
        ("tracepoint/", ProgramType.Tracepoint),
        ("tp/", ProgramType.Tracepoint),
        ("xdp", ProgramType.Xdp),
        ("xdp/", ProgramType.Xdp),
        ("xdp.frags", ProgramType.Xdp),
        ("xdp.frags/", ProgramType.Xdp),
        ("perf_event", ProgramType.PerfEvent),
        ("cgroup_skb/ingress", ProgramType.CgroupSkb),
        ("cgroup_skb/egress", ProgramType.CgroupSkb),
        ("cgroup/skb", ProgramType.CgroupSkb),
        ("cgroup/sock", ProgramType.CgroupSock),
        ("cgroup/sock_create", ProgramType.CgroupSock),
        ("cgroup/sock_release", ProgramType.CgroupSock),
        ("cgroup/post_bind4", ProgramType.CgroupSock),
        ("cgroup/post_bind6", ProgramType.CgroupSock),
        ("lwt_in", ProgramType.LwtIn),
        ("lwt_out", ProgramType.LwtOut),
        ("lwt_xmit", ProgramType.LwtXmit),
        ("sockops", ProgramType.SockOps),
        ("sk_skb", ProgramType.SkSkb),
        ("sk_skb/stream_parser", ProgramType.SkSkb),
        ("sk_skb/stream_verdict", ProgramType.SkSkb),
    ];

    /// <summary>The program type libbpf would give a program in <paramref name="sectionName"/>, or <see cref="ProgramType.Unspec"/> when it has no rule.</summary>
    public static ProgramType InferType(string sectionName)
    {
        foreach (var (pattern, type) in Table)
        {
            if (pattern.EndsWith('/'))
            {
                var stem = pattern[..^1];
                if (sectionName == stem || (sectionName.StartsWith(pattern, StringComparison.Ordinal) && sectionName.Length > pattern.Length))
                {
                    return type;
                }
            }
            else if (sectionName == pattern)
            {
                return type;
            }
        }
        return ProgramType.Unspec;
    }

    /// <summary>The conventional section for a program type (what the code generator uses by default).</summary>
    public static string DefaultSection(ProgramType type) => type switch
    {
        ProgramType.Xdp => "xdp",
        ProgramType.SchedCls => "tc",
        ProgramType.SchedAct => "action",
        ProgramType.SocketFilter => "socket",
        ProgramType.PerfEvent => "perf_event",
        ProgramType.LwtIn => "lwt_in",
        ProgramType.LwtOut => "lwt_out",
        ProgramType.LwtXmit => "lwt_xmit",
        ProgramType.SockOps => "sockops",
        ProgramType.SkSkb => "sk_skb",
        ProgramType.CgroupSkb => "cgroup_skb/ingress",
        ProgramType.CgroupSock => "cgroup/sock",
        _ => throw new ArgumentException($"no default section for program type {type}", nameof(type)),
    };
}
