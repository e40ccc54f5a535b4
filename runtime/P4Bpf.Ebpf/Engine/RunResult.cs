using P4Bpf.Ebpf.Helpers;

namespace P4Bpf.Ebpf.Engine;

/// <summary>The outcome of running a program on one packet.</summary>
/// <param name="ReturnValue">r0 at exit (XDP action, TC verdict, socket filter length…); the kernel's test_run reports its low 32 bits.</param>
/// <param name="Packet">The packet afterwards, as BPF_PROG_TEST_RUN's <c>data_out</c> (XDP: from <c>data_meta</c>).</param>
/// <param name="Redirect">The target of <c>bpf_redirect</c>/<c>bpf_redirect_map</c>, or null.</param>
/// <param name="Clones">Packets sent with <c>bpf_clone_redirect</c>.</param>
/// <param name="Context">The context struct afterwards (e.g. <c>__sk_buff.mark</c> at <see cref="Contexts.SkBuffLayout.Mark"/>).</param>
/// <param name="Instructions">Instructions executed by the last run.</param>
/// <param name="NanosecondsPerRun">Mean time per run after warm-up when run with a repeat count, else 0.</param>
public sealed record RunResult(
    ulong ReturnValue,
    byte[] Packet,
    RedirectTarget? Redirect,
    IReadOnlyList<ClonedPacket> Clones,
    byte[] Context,
    long Instructions,
    double NanosecondsPerRun);
