using P4Bpf.Midend.Architectures;
using P4Bpf.Runtime.Control;

namespace P4Bpf.Runtime.Switch;

/// <summary>xdp_model: one XDP program; XDP_PASS and XDP_TX send the rewritten packet out of the input port, XDP_REDIRECT out of the redirect target
/// (bpf_redirect) or <c>output_port</c>; XDP_DROP and XDP_ABORTED drop.</summary>
internal sealed class XdpHarness(IHarnessHost owner) : ArchitectureHarness(owner)
{
    private readonly IStageRunner _program = owner.Stage(owner.Layout.Programs[0].Name);

    public override void Process(int port, byte[] packet, PacketSink sink)
    {
        var run = _program.Run(packet, (uint)port, sink.Trace);
        if (run.Failure is { } f)
        {
            sink.Drop(f);
            return;
        }
        ApplyVerdict(_program.Name, port, run.ReturnValue, run.Packet, run.Redirect is { } r ? (int)r.Ifindex : null, State, Switch.Control, sink);
    }

    /// <summary>Acts on an XDP verdict; shared by the in-process harness and the kernel target.</summary>
    /// <remarks><paramref name="redirectTarget"/> is the bpf_redirect target when the engine reports it; otherwise XDP_REDIRECT uses <c>output_port</c>.</remarks>
    internal static void ApplyVerdict(string stage, int port, ulong returnValue, byte[] packet, int? redirectTarget, StateArea state, SwitchControl control, PacketSink sink)
    {
        switch (returnValue)
        {
            case XdpModel.XdpPass:
                sink.Note("XDP_PASS");
                sink.Output(port, packet);
                break;
            case XdpModel.XdpTx:
                sink.Note("XDP_TX");
                sink.Output(port, packet);
                break;
            case XdpModel.XdpRedirect:
                var target = redirectTarget ?? (int)state.GetInt64(XdpModel.OutputSlot, "output_port");
                sink.Note($"XDP_REDIRECT to port {target}");
                sink.Output(target, packet);
                break;
            case XdpModel.XdpDrop:
                var error = state.GetInt64(ArchitectureModel.IntrinsicsSlot, "parser_error");
                sink.Drop(stage, error != 0 ? DropReason.ParserReject : DropReason.XdpDrop, error != 0 ? control.ErrorName(error) : "XDP_DROP");
                break;
            default:
                sink.Drop(stage, DropReason.XdpAborted, $"returned {returnValue}");
                break;
        }
    }
}
