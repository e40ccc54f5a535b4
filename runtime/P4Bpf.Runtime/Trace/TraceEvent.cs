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

/// <summary>One named value in a trace (a key field, an action parameter, a header field), as hex of its bit width.</summary>
public sealed record TraceField(string Name, string Value)
{
    public override string ToString() => $"{Name}={Value}";
}

/// <summary>A table lookup: the key bytes as the program built them, hit or miss, and the action chosen.</summary>
/// <remarks>Source is "entry" for the table map, "default" for the default-action map.</remarks>
public sealed record TableEvent(string Table, string Source, string KeyHex, bool Hit, string? Action) : TraceEvent
{
    /// <summary>The key decoded field by field with the layout manifest (empty for default-map lookups or when the key could not be read).</summary>
    public IReadOnlyList<TraceField> Key { get; init; } = [];

    /// <summary>The action is the table's compiled-in default (the default map holds no entry written by the control plane).</summary>
    public bool CompiledDefault { get; init; }

    private string ActionText => Action + (CompiledDefault ? " (compiled default)" : "");

    public override string Text => Source == "default"
        ? $"  table {Table}: miss -> default action {ActionText}"
        : $"  table {Table}: key {(Key.Count > 0 ? string.Join(", ", Key) : KeyHex)} -> {(Hit ? "hit, action " + ActionText : "miss")}";
}

/// <summary>The action a table lookup selected, with its action data as the map value holds it.</summary>
/// <remarks>Data is empty for actions without parameters and for action-profile tables (the data lives in the member map).</remarks>
public sealed record ActionEvent(string Table, string Action, IReadOnlyList<TraceField> Data) : TraceEvent
{
    public override string Text => $"    action {Action}({string.Join(", ", Data)})";
}

/// <summary>Where a stage's parser ended: the parser error (<c>NoError</c> when it accepted) and how many bytes it consumed.</summary>
/// <remarks>Read from the pipeline state after the stage ran (<c>$intrinsics.parser_error</c>, <c>parsed_bytes</c>); placed before the stage's table lookups.</remarks>
public sealed record ParserEvent(string Stage, string Error, int ParsedBytes) : TraceEvent
{
    public bool Accepted => Error == "NoError";

    public override string Text => $"  parser: {(Accepted ? "accept" : "reject, error " + Error)}, {ParsedBytes} bytes parsed";
}

/// <summary>One valid header and its field values.</summary>
public sealed record TraceHeader(string Name, IReadOnlyList<TraceField> Fields);

/// <summary>The headers that are valid when a stage ends (extracted by its parser, or set valid/invalid by its controls), with their fields.</summary>
public sealed record HeadersEvent(string Stage, IReadOnlyList<TraceHeader> Headers) : TraceEvent
{
    public override string Text => $"  headers after {Stage}: {(Headers.Count == 0 ? "none valid" : string.Join(", ", Headers.Select(h => h.Name)))}";
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
