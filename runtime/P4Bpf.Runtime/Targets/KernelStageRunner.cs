using P4Bpf.Ebpf.Kernel;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Runtime.Targets;

/// <summary>One stage program of a multi-stage pipeline (v1model, PSA) run in the kernel with <c>BPF_PROG_TEST_RUN</c>: the harness's state area
/// (a shadow in process memory) is written into the kernel's per-CPU state map slot of the run CPU before the run and read back after it.</summary>
internal sealed class KernelStageRunner(KernelSwitch owner, KernelProgram program, ProgramLayout layout, KernelMap stateMap, StateArea shadow, int cpu) : IStageRunner
{
    /// <summary>The kernel refuses XDP test runs on frames under 14 bytes and never shrinks a frame (bpf_xdp_adjust_head) below 14, so frames
    /// under the minimum Ethernet frame run padded to it.</summary>
    private const int MinXdpFrame = 14, PaddedFrame = 60;

    private static readonly byte[] Key0 = new byte[4];

    public ProgramLayout Layout { get; } = layout;

    public string Name => Layout.Name;

    public StageRun Run(ReadOnlySpan<byte> packet, uint ifindex, PacketTrace? trace, string copy = "")
    {
        var slices = stateMap.LookupPerCpu(Key0)?.ToList();
        if (slices is null || cpu >= slices.Count)
        {
            return new StageRun(0, [], new SwitchDrop(Name, DropReason.ProgramFault, $"the kernel's state map {stateMap.Name} has no entry for CPU {cpu}"), null);
        }
        var mine = new byte[stateMap.ValueSize];
        shadow.Bytes.CopyTo(mine);
        slices[cpu] = mine;
        if (stateMap.UpdatePerCpu(Key0, slices) is var rc and not 0)
        {
            return new StageRun(0, [], new SwitchDrop(Name, DropReason.ProgramFault, $"writing the state map failed: {Ebpf.Maps.Errno.Name(rc)}"), null);
        }
        // P4 programs need not start with an Ethernet header, and BMv2 runs frames of any length: short frames run padded with zeros at
        // the end, and the padding is cut from the output (the program sees the true length in its packet_length slot).
        var pad = program.Type == Ebpf.Programs.ProgramType.Xdp && packet.Length < PaddedFrame ? PaddedFrame - packet.Length : 0;
        byte[]? padded = null;
        if (pad > 0)
        {
            padded = new byte[PaddedFrame];
            packet.CopyTo(padded);
        }
        Ebpf.Engine.RunResult run;
        try
        {
            run = owner.RunInKernel(program, padded ?? packet, (int)ifindex);
        }
        catch (KernelBpfException e)
        {
            return new StageRun(0, [], new SwitchDrop(Name, DropReason.Malformed, $"the kernel refused the test run: {e.Message}"), null);
        }
        if (stateMap.LookupPerCpu(Key0) is { } after && cpu < after.Length)
        {
            after[cpu].AsSpan(0, shadow.Bytes.Length).CopyTo(shadow.Bytes);
        }
        if (pad > 0 && shadow.HasField(Midend.Architectures.ArchitectureModel.IntrinsicsSlot, "parsed_bytes")
            && shadow.GetInt64(Midend.Architectures.ArchitectureModel.IntrinsicsSlot, "parsed_bytes") > packet.Length)
        {
            return new StageRun(0, [], new SwitchDrop(Name, DropReason.Malformed,
                $"not supported yet on the kernel target: the parser read past the end of a {packet.Length}-byte frame (the kernel test-runs XDP frames of at least {MinXdpFrame} bytes, so it ran zero-padded to {PaddedFrame} and the short-packet error cannot be reproduced)"), null);
        }
        var output = pad > 0 && run.Packet.Length >= pad ? run.Packet[..^pad] : run.Packet;
        trace?.Add(new StageEvent(Name, copy, run.ReturnValue, 0, packet.Length, output.Length));
        // The kernel does not report bpf_redirect targets of test runs.
        return new StageRun(run.ReturnValue, output, null, null);
    }
}
