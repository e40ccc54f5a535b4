using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Architectures;

/// <summary>v1model.p4: <c>V1Switch(p, vr, ig, eg, ck, dep)</c> as two harness-driven programs: parser → verifyChecksum → ingress, and egress → computeChecksum → deparser.</summary>
/// <remarks>
/// The harness fills <c>standard_metadata</c> (ingress_port, packet_length, instance_type …) before the ingress program, zeroes the rest of the
/// state via <see cref="StateReset.NonPipeline"/>, then acts as the traffic manager: egress_spec 511 (or <c>$intrinsics.drop</c>) drops,
/// mcast_grp replicates, clone/resubmit/recirculate requests come from <c>$intrinsics</c>; it sets egress_port and runs the egress program per copy.
/// </remarks>
public sealed class V1Model : ArchitectureModel
{
    public const string StandardMetadataSlot = "standard_metadata";
    public const int DropPort = 511;

    public static readonly StructType StandardMetadata = StructType.Create(
        "standard_metadata_t",
        ("ingress_port", new BitType(9)),
        ("egress_spec", new BitType(9)),
        ("egress_port", new BitType(9)),
        ("instance_type", BitType.Bit32),
        ("packet_length", BitType.Bit32),
        ("enq_timestamp", BitType.Bit32),
        ("enq_qdepth", new BitType(19)),
        ("deq_timedelta", BitType.Bit32),
        ("deq_qdepth", new BitType(19)),
        ("ingress_global_timestamp", BitType.Bit48),
        ("egress_global_timestamp", BitType.Bit48),
        ("mcast_grp", BitType.Bit16),
        ("egress_rid", BitType.Bit16),
        ("checksum_error", BitType.Bit1),
        ("parser_error", BitType.Bit32),
        ("priority", new BitType(3)));

    public override string Name => "v1model";

    public override IReadOnlyList<string> PackageBlocks => ["p", "vr", "ig", "eg", "ck", "dep"];

    public override IReadOnlyList<(string Name, IrType Type, SlotRole Role)> Slots =>
    [
        (IntrinsicsSlot, Intrinsics, SlotRole.Pipeline),
        (StandardMetadataSlot, StandardMetadata, SlotRole.Pipeline),
    ];

    private static SlotRef Smeta => new(StandardMetadataSlot, StandardMetadata);

    public override IrList<IrStage> CreateStages(IReadOnlyDictionary<string, string> blocks) => IrList.Of(
        new IrStage("ingress", "xdp", StageHook.Xdp, IrList.Of(Block(blocks, "p"), Block(blocks, "vr"), Block(blocks, "ig")),
            new ConstantVerdict(XdpModel.XdpPass), XdpModel.XdpDrop, RejectPolicy.Continue, StateReset.NonPipeline, null)
        {
            ParserErrorTarget = FieldRef.Of(Smeta, "parser_error"),
        },
        new IrStage("egress", "xdp", StageHook.Xdp, IrList.Of(Block(blocks, "eg"), Block(blocks, "ck")),
            new ConstantVerdict(XdpModel.XdpPass), XdpModel.XdpDrop, RejectPolicy.Continue, StateReset.None, Block(blocks, "dep")));

    public override Block? LowerIntrinsic(string name, IReadOnlyList<IrExpr> args) => name switch
    {
        "mark_to_drop" => Ir.Block.Of(Set(FieldRef.Of(Smeta, "egress_spec"), DropPort), Set(Intrinsic("drop"), 1)),
        "clone" or "clone3" or "clone_preserving_field_list" => Ir.Block.Of(
            Set(Intrinsic("clone_type"), args[0] is IrConstant { Value.IsZero: true } ? CloneI2E : CloneE2E),
            Set(Intrinsic("clone_session"), args[1])),
        "resubmit" or "resubmit_preserving_field_list" => Ir.Block.Of(Set(Intrinsic("resubmit"), 1)),
        "recirculate" or "recirculate_preserving_field_list" => Ir.Block.Of(Set(Intrinsic("recirculate"), 1)),
        _ => null,
    };
}
