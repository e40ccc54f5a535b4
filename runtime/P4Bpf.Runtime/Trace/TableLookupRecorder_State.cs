using P4Bpf.EbpfGen.Layout;

namespace P4Bpf.Runtime.Trace;

internal sealed unsafe partial class TableLookupRecorder
{
    private const string IntrinsicsSlot = "$intrinsics", ValidField = "$valid";

    /// <summary>After a stage: its parser outcome goes before the stage's lookups, the valid headers after the stage event.</summary>
    private void OnStageFinished(PacketTrace trace, StageEvent stage)
    {
        if (_state is null)
        {
            return;
        }
        var state = new ReadOnlySpan<byte>(_state, _layout.State.ValueSize);
        _state = null;
        if (HasParser(stage.Stage) && ReadIntrinsic(state, "parser_error") is { } error && ReadIntrinsic(state, "parsed_bytes") is { } parsed)
        {
            var name = error >= 0 && error < _layout.Errors.Count ? _layout.Errors[(int)error] : $"#{error}";
            trace.Insert(_stageStart, new ParserEvent(stage.Stage, name, (int)parsed));
        }
        var headers = new List<TraceHeader>();
        foreach (var slot in _layout.State.Slots.Where(s => s.Role == "header"))
        {
            CollectHeaders(state, slot.Name, slot.Offset, slot.Fields ?? [], headers);
        }
        trace.Add(new HeadersEvent(stage.Stage, headers));
    }

    /// <summary>Whether the stage program starts with a parser: every stage does except v1model's egress (egress, compute checksum, deparser).</summary>
    private bool HasParser(string stage) => !(_layout.Architecture == "v1model" && stage == "egress");

    private long? ReadIntrinsic(ReadOnlySpan<byte> state, string field)
    {
        var slot = _layout.State.Slots.FirstOrDefault(s => s.Name == IntrinsicsSlot);
        var f = slot?.Fields?.FirstOrDefault(x => x.Name == field);
        if (slot is null || f is null || slot.Offset + f.Offset + f.Size > state.Length)
        {
            return null;
        }
        return (long)TableEntryEncoder.ReadField(state, slot.Offset + f.Offset, f.Size, f.Width, f.Encoding);
    }

    /// <summary>Adds every valid header under <paramref name="fields"/> (a header is a struct with a <c>$valid</c> field; stacks and structs nest).</summary>
    private static void CollectHeaders(ReadOnlySpan<byte> state, string prefix, int offset, IReadOnlyList<FieldLayout> fields, List<TraceHeader> headers)
    {
        if (fields.FirstOrDefault(f => f.Name == ValidField) is { } valid)
        {
            if (offset + valid.Offset + valid.Size <= state.Length && !TableEntryEncoder.ReadField(state, offset + valid.Offset, valid.Size, valid.Width, valid.Encoding).IsZero)
            {
                var values = new List<TraceField>();
                foreach (var f in fields)
                {
                    if (f.Name != ValidField && f.Fields is null && offset + f.Offset + f.Size <= state.Length)
                    {
                        values.Add(new TraceField(f.Name, Hex(TableEntryEncoder.ReadField(state, offset + f.Offset, f.Size, f.Width, f.Encoding))));
                    }
                }
                headers.Add(new TraceHeader(prefix, values));
            }
            return;
        }
        foreach (var f in fields.Where(f => f.Fields is not null))
        {
            CollectHeaders(state, prefix + "." + f.Name, offset + f.Offset, f.Fields!, headers);
        }
    }
}
