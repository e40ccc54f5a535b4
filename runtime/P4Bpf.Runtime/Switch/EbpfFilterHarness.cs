using P4Bpf.Midend.Architectures;

namespace P4Bpf.Runtime.Switch;

/// <summary>ebpf_model: one TC program; TC_ACT_OK sends the packet back out of the port it came in on (as p4c's eBPF STF tests expect), anything else drops it.</summary>
internal sealed class EbpfFilterHarness(IHarnessHost owner) : ArchitectureHarness(owner)
{
    private readonly IStageRunner _filter = owner.Stage(owner.Layout.Programs[0].Name);

    public override void Process(int port, byte[] packet, PacketSink sink)
    {
        var run = _filter.Run(packet, (uint)port, sink.Trace);
        if (run.Failure is { } f)
        {
            sink.Drop(f);
            return;
        }
        if (run.ReturnValue == EbpfModel.TcActOk)
        {
            sink.Output(port, run.Packet);
            return;
        }
        var error = State.GetInt64(ArchitectureModel.IntrinsicsSlot, "parser_error");
        if (error != 0)
        {
            sink.Drop(_filter.Name, DropReason.ParserReject, Switch.Control.ErrorName(error));
        }
        else
        {
            sink.Drop(_filter.Name, DropReason.FilterRejected, $"returned {run.ReturnValue}");
        }
    }
}
