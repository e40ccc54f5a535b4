using P4.Config.V1;
using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.P4Runtime.Core;

/// <summary>A P4Info action profile or selector, the tables it implements and its realisation in the layout.</summary>
public sealed class ActionProfileSchema
{
    public ActionProfileSchema(ActionProfile info, ActionProfileLayout layout, IReadOnlyList<TableSchema> tables)
    {
        Info = info;
        Layout = layout;
        Tables = tables;
        SumOfMembers = info.SelectorSizeSemanticsCase == ActionProfile.SelectorSizeSemanticsOneofCase.SumOfMembers;
    }

    public ActionProfile Info { get; }

    public ActionProfileLayout Layout { get; }

    public IReadOnlyList<TableSchema> Tables { get; }

    public uint Id => Info.Preamble.Id;

    public string Name => Info.Preamble.Name;

    public bool IsSelector => Info.WithSelector;

    /// <summary>Group size counts members (else the sum of weights, the P4Info default).</summary>
    public bool SumOfMembers { get; }

    /// <summary>Data-plane slots per group (a member takes one slot per unit of its reduced weight).</summary>
    public int TargetMaxGroupSize => Layout.MaxGroupSize;

    /// <summary>The table of this profile that has action <paramref name="actionId"/>, if any.</summary>
    public TableSchema? TableWithAction(uint actionId) => Tables.FirstOrDefault(t => t.ActionRefs.ContainsKey(actionId));
}
