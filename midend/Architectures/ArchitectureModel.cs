using P4Bpf.Midend.Ir;

namespace P4Bpf.Midend.Architectures;

/// <summary>What an architecture (ebpf_model, xdp_model, v1model, PSA) contributes to a program: its state slots, its stage programs and its intrinsics.</summary>
/// <remarks>
/// Every architecture puts its pipeline slots (role <see cref="SlotRole.Pipeline"/>) first in the state area, starting with
/// <see cref="IntrinsicsSlot"/>; the switch harness reads and writes exactly those slots (their layout is in the layout manifest).
/// </remarks>
public abstract class ArchitectureModel
{
    /// <summary>The slot every architecture has first: flags and values the harness acts on.</summary>
    public const string IntrinsicsSlot = "$intrinsics";

    /// <summary>The common intrinsic metadata: drop flag, clone/resubmit/recirculate requests, multicast group, parser error and the parsed length.</summary>
    public static readonly StructType Intrinsics = StructType.Create(
        "p4bpf_intrinsics",
        ("drop", BoolType.Instance),
        ("resubmit", BitType.Bit8),
        ("recirculate", BitType.Bit8),
        ("clone_type", BitType.Bit8),
        ("clone_session", BitType.Bit32),
        ("mcast_grp", BitType.Bit32),
        ("egress_port", BitType.Bit32),
        ("parser_error", BitType.Bit32),
        ("parsed_bytes", BitType.Bit32),
        ("packet_length", BitType.Bit32),
        ("digest_count", BitType.Bit32));

    /// <summary>Clone types written to <c>$intrinsics.clone_type</c>.</summary>
    public const int CloneNone = 0, CloneI2E = 1, CloneE2E = 2;

    public abstract string Name { get; }

    /// <summary>The package's block parameters in order (e.g. <c>parse</c>, <c>filter</c>).</summary>
    public abstract IReadOnlyList<string> PackageBlocks { get; }

    /// <summary>The architecture's slots, placed first in the state area in this order.</summary>
    public abstract IReadOnlyList<(string Name, IrType Type, SlotRole Role)> Slots { get; }

    /// <summary>The stage programs, given the user block bound to each package parameter.</summary>
    public abstract IrList<IrStage> CreateStages(IReadOnlyDictionary<string, string> blocks);

    /// <summary>Lowers a call of an architecture function (mark_to_drop, clone, resubmit …) to IR, or returns null when the name is not one.</summary>
    public abstract Block? LowerIntrinsic(string name, IReadOnlyList<IrExpr> args);

    /// <summary>The state layout holding the architecture slots followed by the program's own slots.</summary>
    public StateLayout BuildState(IEnumerable<(string Name, IrType Type, SlotRole Role)> programSlots) =>
        StateLayout.Build(Slots.Concat(programSlots));

    protected static SlotRef IntrinsicsRef => new(IntrinsicsSlot, Intrinsics);

    protected static FieldRef Intrinsic(string field) => FieldRef.Of(IntrinsicsRef, field);

    protected static AssignStmt Set(IrExpr target, long value) => new(target, IrConstant.Of(value, target.Type));

    protected static AssignStmt Set(IrExpr target, IrExpr value) =>
        new(target, value.Type.Equals(target.Type) ? value : new CastExpr(value, target.Type));

    protected static string Block(IReadOnlyDictionary<string, string> blocks, string parameter) =>
        blocks.TryGetValue(parameter, out var name) ? name : throw new ArgumentException($"package parameter {parameter} is not bound");

    /// <summary>The models we know, by the name used on the command line (<c>--arch</c>).</summary>
    public static ArchitectureModel? Get(string name) => name switch
    {
        "ebpf" or "ebpf_model" or "filter" => new EbpfModel(),
        "xdp" or "xdp_model" => new XdpModel(),
        "v1model" => new V1Model(),
        "psa" => new PsaModel(),
        _ => null,
    };

    public static IReadOnlyList<string> Names => ["ebpf_model", "xdp_model", "v1model", "psa"];
}
