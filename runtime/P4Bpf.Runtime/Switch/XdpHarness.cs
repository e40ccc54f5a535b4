using P4Bpf.Midend.Architectures;

namespace P4Bpf.Runtime.Switch;

/// <summary>xdp_model: one XDP program; XDP_PASS and XDP_TX send the rewritten packet out of the input port, XDP_REDIRECT out of the redirect target
/// (bpf_redirect) or <c>output_port</c>; XDP_DROP and XDP_ABORTED drop.</summary>
internal sealed class XdpHarness(P4Switch owner) : ArchitectureHarness(owner)
{
    private readonly StageRunner _program = owner.Stage(owner.Layout.Programs[0].Name);

    public override void Process(int port, byte[] packet, PacketSink sink)
    {
        var run = _program.Run(packet, (uint)port, sink.Trace);
        if (run.Failure is { } f)
        {
            sink.Drop(f);
            return;
        }
        switch (run.ReturnValue)
        {
            case XdpModel.XdpPass:
                sink.Note("XDP_PASS");
                sink.Output(port, run.Packet);
                break;
            case XdpModel.XdpTx:
                sink.Note("XDP_TX");
                sink.Output(port, run.Packet);
                break;
            case XdpModel.XdpRedirect:
                var target = run.Redirect is { } r ? (int)r.Ifindex : (int)State.GetInt64(XdpModel.OutputSlot, "output_port");
                sink.Note($"XDP_REDIRECT to port {target}");
                sink.Output(target, run.Packet);
                break;
            case XdpModel.XdpDrop:
                var error = State.GetInt64(ArchitectureModel.IntrinsicsSlot, "parser_error");
                sink.Drop(_program.Name, error != 0 ? DropReason.ParserReject : DropReason.XdpDrop, error != 0 ? Switch.Control.ErrorName(error) : "XDP_DROP");
                break;
            default:
                sink.Drop(_program.Name, DropReason.XdpAborted, $"returned {run.ReturnValue}");
                break;
        }
    }
}
