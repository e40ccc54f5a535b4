namespace P4Bpf.Runtime.Trace;

/// <summary>One step of a packet's way through the switch.</summary>
public abstract record TraceEvent
{
    /// <summary>The line the text trace shows for this event.</summary>
    public abstract string Text { get; }
}

/// <summary>The packet entered the switch (or re-entered it: resubmit, recirculate).</summary>
public sealed record PacketInEvent(int Port, int Length, string Path) : TraceEvent
{
    public override string Text => $"packet in: port {Port}, {Length} bytes ({Path})";
}

/// <summary>A stage program ran: its return value, instructions, and packet length before/after.</summary>
public sealed record StageEvent(string Stage, string Copy, ulong ReturnValue, long Instructions, int LengthIn, int LengthOut) : TraceEvent
{
    public override string Text => $"stage {Stage}{(Copy.Length > 0 ? " [" + Copy + "]" : "")}: r0={ReturnValue}, {Instructions} insns, {LengthIn} -> {LengthOut} bytes";
}

/// <summary>A table lookup: the key bytes as the program built them, hit or miss, and the action chosen.</summary>
/// <remarks>Source is "entry" for the table map, "default" for the default-action map.</remarks>
public sealed record TableEvent(string Table, string Source, string KeyHex, bool Hit, string? Action) : TraceEvent
{
    public override string Text => Source == "default"
        ? $"  table {Table}: miss -> default action {Action}"
        : $"  table {Table}: key {KeyHex} -> {(Hit ? "hit, action " + Action : "miss")}";
}

/// <summary>A decision of the harness or traffic manager (egress port, multicast, clone, resubmit, recirculate).</summary>
public sealed record DecisionEvent(string What) : TraceEvent
{
    public override string Text => "  " + What;
}

/// <summary>A drop with its reason.</summary>
public sealed record DropEvent(Switch.SwitchDrop Drop) : TraceEvent
{
    public override string Text => "  " + Drop;
}

/// <summary>A packet sent out of a port.</summary>
public sealed record OutputEvent(int Port, int Length) : TraceEvent
{
    public override string Text => $"  out: port {Port}, {Length} bytes";
}
