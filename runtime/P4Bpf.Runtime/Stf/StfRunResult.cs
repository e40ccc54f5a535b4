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

    /// <summary>Called after each injected packet (tools: JSON traces, pcaps of failing tests); it gets a trace when <see cref="Trace"/> or <see cref="TracePackets"/> is set.</summary>
    public Action<StfPacketRun>? OnPacket { get; init; }

    /// <summary>Record a trace for <see cref="OnPacket"/> without writing it to the log.</summary>
    public bool TracePackets { get; init; }
}

/// <summary>One injected packet of an STF run: its line, port and bytes, what the runner received for it (port outputs and packet-ins), and its trace.</summary>
public sealed record StfPacketRun(int Line, int Port, byte[] Data, IReadOnlyList<Switch.SwitchOutput> Received, Trace.PacketTrace? Trace);
