using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Architectures;

/// <summary>ebpf_model.p4: <c>ebpfFilter(parse, filter)</c> as one TC classifier returning TC_ACT_OK when <c>accept</c> is true, else TC_ACT_SHOT.</summary>
public sealed class EbpfModel : ArchitectureModel
{
    public const string AcceptSlot = "$accept";
    public const int TcActOk = 0;
    public const int TcActShot = 2;

    public override string Name => "ebpf_model";

    public override IReadOnlyList<string> PackageBlocks => ["prs", "filt"];

    public override IReadOnlyList<(string Name, IrType Type, SlotRole Role)> Slots =>
    [
        (IntrinsicsSlot, Intrinsics, SlotRole.Pipeline),
        (AcceptSlot, BoolType.Instance, SlotRole.Pipeline),
    ];

    public override IrList<IrStage> CreateStages(IReadOnlyDictionary<string, string> blocks) => IrList.Of(
        new IrStage("ebpf_filter", "tc", StageHook.Tc, IrList.Of(Block(blocks, "prs"), Block(blocks, "filt")),
            new BoolVerdict(new SlotRef(AcceptSlot, BoolType.Instance), TcActOk, TcActShot),
            TcActShot, RejectPolicy.Drop, StateReset.All, null)
        {
            ParserErrorTarget = Intrinsic("parser_error"),
        });

    public override Block? LowerIntrinsic(string name, IReadOnlyList<IrExpr> args) => null;
}
