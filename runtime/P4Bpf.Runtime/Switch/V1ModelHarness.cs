using P4Bpf.Midend.Architectures;

namespace P4Bpf.Runtime.Switch;

/// <summary>v1model as BMv2's simple_switch runs it: ingress program (parser, verifyChecksum, ingress), then the traffic manager
/// (I2E clone, resubmit, multicast, egress_spec / drop), then per copy the egress program (egress, computeChecksum, deparser),
/// then E2E clone, drop, recirculate or output.</summary>
/// <remarks>
/// The ingress program does not rewrite the packet; each egress copy starts from the ingress state snapshot (headers, metadata) and
/// the packet as it arrived, and its deparser replaces the parsed bytes with the emitted headers. An I2E clone starts with empty
/// headers (so it leaves as it arrived, like BMv2's clone without PHV); an E2E clone keeps the headers egress produced and resets metadata.
/// </remarks>
internal sealed class V1ModelHarness(IHarnessHost owner) : ArchitectureHarness(owner)
{
    /// <summary>BMv2 PKT_INSTANCE_TYPE_* values.</summary>
    public const int Normal = 0, IngressClone = 1, EgressClone = 2, Recirculated = 4, Replication = 5, Resubmit = 6;

    private const string Sm = V1Model.StandardMetadataSlot;
    private const string Intr = ArchitectureModel.IntrinsicsSlot;

    private readonly IStageRunner _ingress = owner.Stage("ingress");
    private readonly IStageRunner _egress = owner.Stage("egress");

    private abstract record Job(int Passes);

    private sealed record IngressJob(int Port, byte[] Packet, int InstanceType, int Passes) : Job(Passes);

    private sealed record EgressJob(int Port, int Rid, byte[] Packet, byte[] State, int InstanceType, int Passes, string Copy) : Job(Passes);

    public override void Process(int port, byte[] packet, PacketSink sink)
    {
        var queue = new Queue<Job>();
        queue.Enqueue(new IngressJob(port, packet, Normal, 0));
        while (queue.Count > 0)
        {
            var job = queue.Dequeue();
            if (job.Passes > Switch.Options.MaxPasses)
            {
                sink.Drop("traffic manager", DropReason.LoopLimit, $"more than {Switch.Options.MaxPasses} resubmits/recirculations");
                continue;
            }
            switch (job)
            {
                case IngressJob i:
                    Ingress(i, queue, sink);
                    break;
                case EgressJob e:
                    Egress(e, queue, sink);
                    break;
            }
        }
    }

    private void Ingress(IngressJob job, Queue<Job> queue, PacketSink sink)
    {
        State.Clear();
        State.Set(Sm, "ingress_port", job.Port);
        State.Set(Sm, "packet_length", job.Packet.Length);
        State.Set(Sm, "instance_type", job.InstanceType);
        PrepareStage(_ingress, job.Packet.Length);
        var run = _ingress.Run(job.Packet, (uint)job.Port, sink.Trace, InstanceName(job.InstanceType));
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
        var snapshot = State.Snapshot();
        var cloneType = State.GetInt64(Intr, "clone_type");
        var session = (uint)State.GetInt64(Intr, "clone_session");
        var resubmit = State.GetBool(Intr, "resubmit");
        var group = (uint)State.GetInt64(Sm, "mcast_grp");
        var egressSpec = (int)State.GetInt64(Sm, "egress_spec");
        if (cloneType == ArchitectureModel.CloneI2E)
        {
            // The clone leaves as the packet arrived: no parsed headers, metadata reset.
            State.Clear();
            State.Set(Sm, "ingress_port", job.Port);
            State.Set(Sm, "packet_length", job.Packet.Length);
            Clone(session, job.Packet, State.Snapshot(), IngressClone, job.Passes, queue, sink, "I2E");
            State.Restore(snapshot);
        }
        if (resubmit)
        {
            sink.Note("resubmit");
            queue.Enqueue(new IngressJob(job.Port, job.Packet, Resubmit, job.Passes + 1));
            return;
        }
        if (group != 0)
        {
            var replicas = Switch.Replication.MulticastGroup(group);
            if (replicas is null || replicas.Count == 0)
            {
                sink.Drop("traffic manager", DropReason.UnknownMulticastGroup, $"group {group}");
                return;
            }
            sink.Note($"multicast group {group}: {replicas.Count} copies");
            foreach (var r in replicas)
            {
                queue.Enqueue(new EgressJob(r.Port, r.Instance, job.Packet, snapshot, Replication, job.Passes, $"mcast {group} rid {r.Instance}"));
            }
            return;
        }
        if (egressSpec == V1Model.DropPort)
        {
            sink.Drop(_ingress.Name, DropReason.MarkedToDrop, "egress_spec = 511");
            return;
        }
        if (egressSpec > Switch.Options.MaxPort)
        {
            sink.Drop("traffic manager", DropReason.InvalidPort, $"egress_spec {egressSpec}");
            return;
        }
        sink.Note($"unicast to port {egressSpec}");
        queue.Enqueue(new EgressJob(egressSpec, 0, job.Packet, snapshot, -1, job.Passes, ""));
    }

    private void Clone(uint session, byte[] packet, byte[] state, int instanceType, int passes, Queue<Job> queue, PacketSink sink, string what)
    {
        var s = Switch.Replication.CloneSessionById(session);
        if (s is null)
        {
            sink.Drop("traffic manager", DropReason.UnknownCloneSession, $"{what} clone session {session}");
            return;
        }
        var data = s.TruncateLength > 0 && packet.Length > s.TruncateLength ? packet[..s.TruncateLength] : packet;
        sink.Note($"clone {what} session {session}: {s.Replicas.Count} copies");
        foreach (var r in s.Replicas)
        {
            queue.Enqueue(new EgressJob(r.Port, r.Instance, data, state, instanceType, passes, $"clone {what} session {session}"));
        }
    }

    private void Egress(EgressJob job, Queue<Job> queue, PacketSink sink)
    {
        State.Restore(job.State);
        foreach (var f in new[] { "drop", "resubmit", "recirculate", "clone_type", "clone_session", "digest_count" })
        {
            State.Set(Intr, f, 0);
        }
        State.Set(Sm, "egress_port", job.Port);
        State.Set(Sm, "egress_spec", job.Port);
        State.Set(Sm, "egress_rid", job.Rid);
        if (job.InstanceType >= 0)
        {
            State.Set(Sm, "instance_type", job.InstanceType);
        }
        State.Set(Sm, "packet_length", job.Packet.Length);
        PrepareStage(_egress, job.Packet.Length);
        var run = _egress.Run(job.Packet, (uint)job.Port, sink.Trace, job.Copy);
        if (run.Failure is { } f2)
        {
            sink.Drop(f2);
            return;
        }
        if (run.ReturnValue == (ulong)_egress.Layout.DropCode)
        {
            sink.Drop(_egress.Name, DropReason.ProgramDrop, "the egress program took its drop path");
            return;
        }
        if (State.GetInt64(Intr, "clone_type") == ArchitectureModel.CloneE2E)
        {
            var session = (uint)State.GetInt64(Intr, "clone_session");
            var after = State.Snapshot();
            ResetMetadata();
            State.Set(Intr, "clone_type", 0);
            Clone(session, job.Packet, State.Snapshot(), EgressClone, job.Passes, queue, sink, "E2E");
            State.Restore(after);
        }
        if (State.GetInt64(Sm, "egress_spec") == V1Model.DropPort)
        {
            sink.Drop(_egress.Name, DropReason.MarkedToDrop, "egress_spec = 511");
            return;
        }
        if (State.GetBool(Intr, "recirculate"))
        {
            sink.Note("recirculate");
            queue.Enqueue(new IngressJob(job.Port, run.Packet, Recirculated, job.Passes + 1));
            return;
        }
        sink.Output(job.Port, run.Packet);
    }

    /// <summary>Zeroes user metadata and standard_metadata except the fields a clone keeps.</summary>
    private void ResetMetadata()
    {
        var ingressPort = State.Get(Sm, "ingress_port");
        var length = State.Get(Sm, "packet_length");
        foreach (var slot in State.Layout.Slots.Where(s => s.Role is "metadata"))
        {
            State.ClearSlot(slot.Name);
        }
        State.ClearSlot(Sm);
        State.Set(Sm, "ingress_port", ingressPort);
        State.Set(Sm, "packet_length", length);
    }

    private static string InstanceName(int type) => type switch
    {
        Resubmit => "resubmit",
        Recirculated => "recirculated",
        _ => "",
    };
}
