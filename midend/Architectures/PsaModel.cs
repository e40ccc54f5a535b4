using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Architectures;

/// <summary>PSA: <c>PSA_Switch(IngressPipeline(ip, ig, id), PRE, EgressPipeline(ep, eg, ed), BQE)</c> as two harness-driven programs, each parser + control + deparser.</summary>
/// <remarks>
/// The harness fills the input metadata (and ostd defaults: ingress drop = true, egress drop = false) before each program and reads the
/// output metadata after it: drop, egress_port, multicast_group, clone/clone_session_id, resubmit; the egress parser re-parses the deparsed packet.
/// </remarks>
public sealed class PsaModel : ArchitectureModel
{
    private static readonly BitType PortId = BitType.Bit32;

    public static readonly StructType IngressParserInput = StructType.Create("psa_ingress_parser_input_metadata_t",
        ("ingress_port", PortId), ("packet_path", BitType.Bit32));

    public static readonly StructType IngressInput = StructType.Create("psa_ingress_input_metadata_t",
        ("ingress_port", PortId), ("packet_path", BitType.Bit32), ("ingress_timestamp", BitType.Bit64), ("parser_error", BitType.Bit32));

    public static readonly StructType IngressOutput = StructType.Create("psa_ingress_output_metadata_t",
        ("class_of_service", BitType.Bit8), ("clone", BoolType.Instance), ("clone_session_id", BitType.Bit16), ("drop", BoolType.Instance),
        ("resubmit", BoolType.Instance), ("multicast_group", BitType.Bit32), ("egress_port", PortId));

    public static readonly StructType EgressParserInput = StructType.Create("psa_egress_parser_input_metadata_t",
        ("egress_port", PortId), ("packet_path", BitType.Bit32));

    public static readonly StructType EgressInput = StructType.Create("psa_egress_input_metadata_t",
        ("class_of_service", BitType.Bit8), ("egress_port", PortId), ("packet_path", BitType.Bit32), ("instance", BitType.Bit16),
        ("egress_timestamp", BitType.Bit64), ("parser_error", BitType.Bit32));

    public static readonly StructType EgressOutput = StructType.Create("psa_egress_output_metadata_t",
        ("clone", BoolType.Instance), ("clone_session_id", BitType.Bit16), ("drop", BoolType.Instance));

    public static readonly StructType EgressDeparserInput = StructType.Create("psa_egress_deparser_input_metadata_t", ("egress_port", PortId));

    public const string IngressParserInputSlot = "psa_ingress_parser_input";
    public const string IngressInputSlot = "psa_ingress_input";
    public const string IngressOutputSlot = "psa_ingress_output";
    public const string EgressParserInputSlot = "psa_egress_parser_input";
    public const string EgressInputSlot = "psa_egress_input";
    public const string EgressOutputSlot = "psa_egress_output";
    public const string EgressDeparserInputSlot = "psa_egress_deparser_input";

    public override string Name => "psa";

    public override IReadOnlyList<string> PackageBlocks => ["ip", "ig", "id", "ep", "eg", "ed"];

    public override IReadOnlyList<(string Name, IrType Type, SlotRole Role)> Slots =>
    [
        (IntrinsicsSlot, Intrinsics, SlotRole.Pipeline),
        (IngressParserInputSlot, IngressParserInput, SlotRole.Pipeline),
        (IngressInputSlot, IngressInput, SlotRole.Pipeline),
        (IngressOutputSlot, IngressOutput, SlotRole.Pipeline),
        (EgressParserInputSlot, EgressParserInput, SlotRole.Pipeline),
        (EgressInputSlot, EgressInput, SlotRole.Pipeline),
        (EgressOutputSlot, EgressOutput, SlotRole.Pipeline),
        (EgressDeparserInputSlot, EgressDeparserInput, SlotRole.Pipeline),
    ];

    public override IrList<IrStage> CreateStages(IReadOnlyDictionary<string, string> blocks) => IrList.Of(
        new IrStage("ingress", "xdp", StageHook.Xdp, IrList.Of(Block(blocks, "ip"), Block(blocks, "ig")),
            new ConstantVerdict(XdpModel.XdpPass), XdpModel.XdpDrop, RejectPolicy.Continue, StateReset.NonPipeline, Block(blocks, "id"))
        {
            ParserErrorTarget = FieldRef.Of(new SlotRef(IngressInputSlot, IngressInput), "parser_error"),
        },
        new IrStage("egress", "xdp", StageHook.Xdp, IrList.Of(Block(blocks, "ep"), Block(blocks, "eg")),
            new ConstantVerdict(XdpModel.XdpPass), XdpModel.XdpDrop, RejectPolicy.Continue, StateReset.NonPipeline, Block(blocks, "ed"))
        {
            ParserErrorTarget = FieldRef.Of(new SlotRef(EgressInputSlot, EgressInput), "parser_error"),
        });

    /// <summary>psa.p4's helper actions: send_to_port, multicast, ingress_drop, egress_drop (first argument: the ostd).</summary>
    public override Block? LowerIntrinsic(string name, IReadOnlyList<IrExpr> args) => name switch
    {
        "send_to_port" => Ir.Block.Of(Set(FieldRef.Of(args[0], "drop"), 0), Set(FieldRef.Of(args[0], "multicast_group"), 0), Set(FieldRef.Of(args[0], "egress_port"), args[1])),
        "multicast" => Ir.Block.Of(Set(FieldRef.Of(args[0], "drop"), 0), Set(FieldRef.Of(args[0], "multicast_group"), args[1])),
        "ingress_drop" or "egress_drop" => Ir.Block.Of(Set(FieldRef.Of(args[0], "drop"), 1)),
        _ => null,
    };
}
