namespace P4Bpf.Runtime.Stf;

/// <summary>One STF statement; <see cref="Line"/> is its 1-based line in the file.</summary>
/// <remarks>
/// The hierarchy is closed: table commands (StfCommand_Tables.cs), packet commands (StfCommand_Packets.cs),
/// traffic-manager commands (StfCommand_TrafficManager.cs) and extern commands (StfCommand_Externs.cs).
/// </remarks>
public abstract record StfCommand(int Line)
{
    /// <summary>The command keyword as written in STF (<c>add</c>, <c>expect</c>, …).</summary>
    public abstract string Keyword { get; }

    /// <summary>The command as STF text (see <see cref="StfFormatter"/>).</summary>
    public sealed override string ToString() => StfFormatter.Format(this);
}
