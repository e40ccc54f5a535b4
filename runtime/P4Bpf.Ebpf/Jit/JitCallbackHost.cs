using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

/// <summary>Runs callbacks of JIT'd programs (<c>bpf_loop</c>): calls the callback's compiled function through the run's register file,
/// one frame deeper than the helper's caller, as a bpf-to-bpf call would.</summary>
internal sealed unsafe class JitCallbackHost : ICallbackHost
{
    public static JitCallbackHost Instance { get; } = new();

    public ulong RunCallback(in CallbackSite site, VmRunContext context, int slot, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5)
    {
        var code = (JitCode)site.Code;
        if (!code.Callbacks.TryGetValue(slot, out var entry))
        {
            throw new VmException(VmErrorKind.HelperFault, -1, $"slot {slot} is not a callback function of the program");
        }
        var rf = site.Registers;
        var helperPc = rf[JitFrame.HelperPc];
        rf[1] = r1;
        rf[2] = r2;
        rf[3] = r3;
        rf[4] = r4;
        rf[5] = r5;
        rf[10] = site.FrameTop;
        entry(rf, context, site.Depth + 1);
        if (rf[JitFrame.Status] != 0 && JitRuntime.AfterCall(code, rf, context, site.Depth + 1))
        {
            throw new VmException(VmErrorKind.Unsupported, (int)rf[JitFrame.HelperPc],
                "not supported yet: a legacy packet load failing inside a callback");
        }
        rf[JitFrame.HelperPc] = helperPc;
        return rf[0];
    }
}
