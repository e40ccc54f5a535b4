namespace P4Bpf.Runtime.Stf;

/// <summary>One expectation that did not hold (or a command that could not run), at its STF line.</summary>
public sealed record StfFailure(int Line, string Message)
{
    public string Format(string file) => $"{file}:{Line}: {Message}";
}

/// <summary>The outcome of running an STF script: passed when every expectation held and every command ran.</summary>
public sealed record StfRunResult(IReadOnlyList<StfFailure> Failures, IReadOnlyList<string> Log, int PacketsSent, int PacketsReceived, int PacketsExpected)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>Options of the STF runner.</summary>
public sealed record StfRunOptions
{
    public static StfRunOptions Default { get; } = new();

    /// <summary>Record a packet trace for every injected packet into the log.</summary>
    public bool Trace { get; init; }
}
