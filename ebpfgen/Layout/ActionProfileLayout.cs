namespace P4Bpf.EbpfGen.Layout;

/// <summary>
/// An action profile or action selector shared by the tables in <see cref="Tables"/>. Entries of those tables hold a reference
/// (see <see cref="TableLayout.MemberRefOffset"/>): u32 kind at the table's action-id offset (1 member, 2 group; 0 none),
/// u32 priority, u32 member or group id at <c>MemberRefOffset</c>.
/// </summary>
/// <param name="Kind"><c>profile</c> or <c>selector</c>.</param>
/// <param name="MembersMap">HASH: u32 member id → action id + parameters in the tables' value layout (<see cref="MemberValueSize"/> bytes).</param>
/// <param name="GroupsMap">Selectors: HASH u32 group id → u32 member count, u32 0, then <see cref="MaxGroupSize"/> u32 member ids;
/// the data plane picks member <c>hash(selector keys) mod count</c>.</param>
/// <param name="Algorithm">Selectors: the hash over the selector keys (crc16, crc32, identity …).</param>
public sealed record ActionProfileLayout(
    string Name,
    string Kind,
    string MembersMap,
    string? GroupsMap,
    long Size,
    int MemberValueSize,
    int MaxGroupSize,
    string? Algorithm,
    IReadOnlyList<string> Tables)
{
    /// <summary>Reference kinds in a table entry's value.</summary>
    public const int RefMember = 1, RefGroup = 2;

    /// <summary>Bytes of a group value.</summary>
    public int GroupValueSize => 8 + (4 * MaxGroupSize);
}
