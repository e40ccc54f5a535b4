namespace P4Bpf.Ebpf.Assembly;

/// <summary>Assembly text that could not be assembled, located at a 1-based line and column.</summary>
public sealed class AssemblyException(int line, int column, string reason)
    : Exception($"{line}:{column}: error: {reason}")
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The message without the location.</summary>
    public string Reason { get; } = reason;
}
