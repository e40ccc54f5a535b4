using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Architectures;

/// <summary>xdp_model.p4: <c>xdp(p, s, d)</c> as one XDP program: parser, switch control, deparser (the packet head is rewritten, growing or shrinking with bpf_xdp_adjust_head); returns <c>output_action</c>.</summary>
public sealed class XdpModel : ArchitectureModel
{
    public const string InputSlot = "xdp_input";
    public const string OutputSlot = "xdp_output";

    /// <summary>enum xdp_action values.</summary>
    public const int XdpAborted = 0, XdpDrop = 1, XdpPass = 2, XdpTx = 3, XdpRedirect = 4;

    public static readonly StructType Input = StructType.Create("xdp_input", ("input_port", BitType.Bit32));

    public static readonly StructType Output = StructType.Create("xdp_output", ("output_action", BitType.Bit32), ("output_port", BitType.Bit32));

    public override string Name => "xdp_model";

    public override IReadOnlyList<string> PackageBlocks => ["p", "s", "d"];

    public override IReadOnlyList<(string Name, IrType Type, SlotRole Role)> Slots =>
    [
        (IntrinsicsSlot, Intrinsics, SlotRole.Pipeline),
        (InputSlot, Input, SlotRole.Pipeline),
        (OutputSlot, Output, SlotRole.Pipeline),
    ];

    public override IrList<IrStage> CreateStages(IReadOnlyDictionary<string, string> blocks) => IrList.Of(
        new IrStage("xdp_prog", "xdp", StageHook.Xdp, IrList.Of(Block(blocks, "p"), Block(blocks, "s")),
            new ValueVerdict(FieldRef.Of(new SlotRef(OutputSlot, Output), "output_action")),
            XdpDrop, RejectPolicy.Drop, StateReset.All, Block(blocks, "d"))
        {
            ParserErrorTarget = Intrinsic("parser_error"),
            ContextInputs = IrList.Of<(IrExpr, IntrinsicValueKind)>((FieldRef.Of(new SlotRef(InputSlot, Input), "input_port"), IntrinsicValueKind.IngressIfindex)),
        });

    public override Block? LowerIntrinsic(string name, IReadOnlyList<IrExpr> args) => null;
}
