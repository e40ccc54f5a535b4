using P4Bpf.Midend.Architectures;

namespace P4Bpf.Runtime.Switch;

/// <summary>PSA as the spec's pseudocode describes it: ingress (parser, control, deparser), then the packet replication engine
/// (clone I2E, drop, resubmit, multicast, unicast), then per copy egress (parser, control, deparser), then clone E2E, drop,
/// recirculate (egress_port = PSA_PORT_RECIRCULATE) or output.</summary>
/// <remarks>Ingress drops by default (ostd.drop starts true); an I2E clone is the packet as it arrived, an E2E clone the packet egress deparsed.</remarks>
internal sealed class PsaHarness(IHarnessHost owner) : ArchitectureHarness(owner)
{
    /// <summary>PSA_PacketPath_t in declaration order.</summary>
    public const int Normal = 0, NormalUnicast = 1, NormalMulticast = 2, CloneI2E = 3, CloneE2E = 4, ResubmitPath = 5, RecirculatePath = 6;

    public const uint PortRecirculate = 0xfffffffa, PortCpu = 0xfffffffd;

    private readonly IStageRunner _ingress = owner.Stage("ingress");
    private readonly IStageRunner _egress = owner.Stage("egress");

    private abstract record Job(int Passes);

    private sealed record IngressJob(uint Port, byte[] Packet, int Path, int Passes) : Job(Passes);

    private sealed record EgressJob(uint Port, int Instance, int ClassOfService, byte[] Packet, int Path, int Passes, string Copy) : Job(Passes);

    public override void Process(int port, byte[] packet, PacketSink sink)
    {
        var queue = new Queue<Job>();
        queue.Enqueue(new IngressJob((uint)port, packet, Normal, 0));
        while (queue.Count > 0)
        {
            var job = queue.Dequeue();
            if (job.Passes > Switch.Options.MaxPasses)
            {
                sink.Drop("packet replication engine", DropReason.LoopLimit, $"more than {Switch.Options.MaxPasses} resubmits/recirculations");
                continue;
            }
            if (job is IngressJob i)
            {
                Ingress(i, queue, sink);
            }
            else
            {
                Egress((EgressJob)job, queue, sink);
            }
        }
    }

    private void Ingress(IngressJob job, Queue<Job> queue, PacketSink sink)
    {
        State.Clear();
        State.Set(PsaModel.IngressParserInputSlot, "ingress_port", job.Port);
        State.Set(PsaModel.IngressParserInputSlot, "packet_path", job.Path);
        State.Set(PsaModel.IngressInputSlot, "ingress_port", job.Port);
        State.Set(PsaModel.IngressInputSlot, "packet_path", job.Path);
        State.Set(PsaModel.IngressInputSlot, "ingress_timestamp", Timestamp());
        State.Set(PsaModel.IngressOutputSlot, "drop", 1);
        PrepareStage(_ingress, job.Packet.Length);
        var run = _ingress.Run(job.Packet, job.Port, sink.Trace, job.Path == Normal ? "" : PathName(job.Path));
        if (run.Failure is { } f)
        {
            sink.Drop(f);
            return;
        }
        if (run.ReturnValue == (ulong)_ingress.Layout.DropCode)
        {
            sink.Drop(_ingress.Name, DropReason.ProgramDrop, "the ingress program took its drop path");
            return;
        }
        const string o = PsaModel.IngressOutputSlot;
        if (State.GetBool(o, "clone"))
        {
            Clone((uint)State.GetInt64(o, "clone_session_id"), job.Packet, CloneI2E, job.Passes, queue, sink);
        }
        if (State.GetBool(o, "drop"))
        {
            sink.Drop(_ingress.Name, DropReason.MarkedToDrop, "ingress ostd.drop");
            return;
        }
        if (State.GetBool(o, "resubmit"))
        {
            sink.Note("resubmit");
            queue.Enqueue(new IngressJob(job.Port, job.Packet, ResubmitPath, job.Passes + 1));
            return;
        }
        var cos = (int)State.GetInt64(o, "class_of_service");
        var group = (uint)State.GetInt64(o, "multicast_group");
        if (group != 0)
        {
            var replicas = Switch.Replication.MulticastGroup(group);
            if (replicas is null || replicas.Count == 0)
            {
                sink.Drop("packet replication engine", DropReason.UnknownMulticastGroup, $"group {group}");
                return;
            }
            sink.Note($"multicast group {group}: {replicas.Count} copies");
            foreach (var r in replicas)
            {
                queue.Enqueue(new EgressJob((uint)r.Port, r.Instance, cos, run.Packet, NormalMulticast, job.Passes, $"mcast {group} instance {r.Instance}"));
            }
            return;
        }
        var port = (uint)State.GetInt64(o, "egress_port");
        if (!ValidPort(port))
        {
            sink.Drop("packet replication engine", DropReason.InvalidPort, $"egress_port {port}");
            return;
        }
        sink.Note($"unicast to port {port}");
        queue.Enqueue(new EgressJob(port, 0, cos, run.Packet, NormalUnicast, job.Passes, ""));
    }

    private bool ValidPort(uint port) => port <= (uint)Switch.Options.MaxPort || port == PortCpu || port == PortRecirculate;

    private void Clone(uint session, byte[] packet, int path, int passes, Queue<Job> queue, PacketSink sink)
    {
        var s = Switch.Replication.CloneSessionById(session);
        var what = path == CloneI2E ? "I2E" : "E2E";
        if (s is null)
        {
            sink.Drop("packet replication engine", DropReason.UnknownCloneSession, $"{what} clone session {session}");
            return;
        }
        var data = s.TruncateLength > 0 && packet.Length > s.TruncateLength ? packet[..s.TruncateLength] : packet;
        sink.Note($"clone {what} session {session}: {s.Replicas.Count} copies");
        foreach (var r in s.Replicas)
        {
            queue.Enqueue(new EgressJob((uint)r.Port, r.Instance, s.ClassOfService, data, path, passes, $"clone {what} session {session}"));
        }
    }

    private void Egress(EgressJob job, Queue<Job> queue, PacketSink sink)
    {
        State.Clear();
        State.Set(PsaModel.EgressParserInputSlot, "egress_port", job.Port);
        State.Set(PsaModel.EgressParserInputSlot, "packet_path", job.Path);
        State.Set(PsaModel.EgressInputSlot, "class_of_service", job.ClassOfService);
        State.Set(PsaModel.EgressInputSlot, "egress_port", job.Port);
        State.Set(PsaModel.EgressInputSlot, "packet_path", job.Path);
        State.Set(PsaModel.EgressInputSlot, "instance", job.Instance);
        State.Set(PsaModel.EgressInputSlot, "egress_timestamp", Timestamp());
        State.Set(PsaModel.EgressDeparserInputSlot, "egress_port", job.Port);
        PrepareStage(_egress, job.Packet.Length);
        var run = _egress.Run(job.Packet, job.Port, sink.Trace, job.Copy);
        if (run.Failure is { } f)
        {
            sink.Drop(f);
            return;
        }
        if (run.ReturnValue == (ulong)_egress.Layout.DropCode)
        {
            sink.Drop(_egress.Name, DropReason.ProgramDrop, "the egress program took its drop path");
            return;
        }
        const string o = PsaModel.EgressOutputSlot;
        if (State.GetBool(o, "clone"))
        {
            Clone((uint)State.GetInt64(o, "clone_session_id"), run.Packet, CloneE2E, job.Passes, queue, sink);
        }
        if (State.GetBool(o, "drop"))
        {
            sink.Drop(_egress.Name, DropReason.MarkedToDrop, "egress ostd.drop");
            return;
        }
        if (job.Port == PortRecirculate)
        {
            sink.Note("recirculate");
            queue.Enqueue(new IngressJob(PortRecirculate, run.Packet, RecirculatePath, job.Passes + 1));
            return;
        }
        sink.Output((int)job.Port, run.Packet);
    }

    private static long Timestamp() => (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (1_000_000.0 / System.Diagnostics.Stopwatch.Frequency));

    private static string PathName(int path) => path switch
    {
        ResubmitPath => "resubmit",
        RecirculatePath => "recirculated",
        _ => path.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
