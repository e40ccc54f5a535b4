using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Runtime.Stf;

/// <summary><c>add TABLE [PRIORITY] KEY:VALUE… ACTION(ARG:VALUE, …) [= HANDLE]</c> — insert a table entry.</summary>
/// <remarks><c>Priority</c>: The written priority (STF: larger wins), or null when absent. <c>Handle</c>: A name later commands use to refer to this entry (<c>$HANDLE</c>), or null.</remarks>
public sealed record StfAddEntry(
    int Line, StfName Table, long? Priority, EquatableArray<StfKeyMatch> Keys, StfActionCall Action, string? Handle = null)
    : StfCommand(Line)
{
    public override string Keyword => "add";
}

/// <summary><c>setdefault TABLE ACTION(ARG:VALUE, …)</c> — set the table's default action.</summary>
public sealed record StfSetDefault(int Line, StfName Table, StfActionCall Action) : StfCommand(Line)
{
    public override string Keyword => "setdefault";
}

/// <summary><c>remove all</c> — delete every entry of every table.</summary>
public sealed record StfRemoveAll(int Line) : StfCommand(Line)
{
    public override string Keyword => "remove";
}

/// <summary><c>remove TABLE [PRIORITY] KEY:VALUE…</c> or <c>remove TABLE $HANDLE</c> — delete one entry (or, with no keys and no handle, all entries of TABLE).</summary>
public sealed record StfRemoveEntry(
    int Line, StfName Table, long? Priority, EquatableArray<StfKeyMatch> Keys, string? Handle = null)
    : StfCommand(Line)
{
    public override string Keyword => "remove";
}
