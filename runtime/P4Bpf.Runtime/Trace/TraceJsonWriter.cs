using System.Text.Json;

namespace P4Bpf.Runtime.Trace;

/// <summary>Writes packet traces as JSON lines: one object per event, in the schema of <c>Trace/README.md</c> (version <see cref="SchemaVersion"/>).</summary>
/// <example>
/// <code>
/// using var json = TraceJsonWriter.Create("trace.jsonl");
/// var result = sw.Inject(1, packet, trace: true);
/// json.Write(result.Trace!, packet: 1, stfLine: null);
/// </code>
/// </example>
/// <remarks>Numbers that may exceed 53 bits (field values, key and action data) are hex strings; lengths, ports and counts are numbers.</remarks>
public sealed class TraceJsonWriter : IDisposable
{
    /// <summary>Bumped when a field changes meaning or disappears; new fields and event kinds do not bump it.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8JsonWriter _writer;
    private readonly Lock _lock = new();

    public TraceJsonWriter(Stream stream, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _writer = new Utf8JsonWriter(stream, Options);
    }

    public static TraceJsonWriter Create(string path) => new(File.Create(path));

    /// <summary>Lines written so far.</summary>
    public long Lines { get; private set; }

    /// <summary>Writes every event of <paramref name="trace"/>; <paramref name="packet"/> numbers the injected packet (1-based), <paramref name="stfLine"/> is its STF line.</summary>
    public void Write(PacketTrace trace, long packet, int? stfLine = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < trace.Events.Count; i++)
            {
                WriteEvent(trace.Events[i], packet, i, stfLine);
            }
            _stream.Flush();
        }
    }

    private void WriteEvent(TraceEvent e, long packet, int seq, int? stfLine)
    {
        var w = _writer;
        w.WriteStartObject();
        w.WriteNumber("v", SchemaVersion);
        w.WriteNumber("packet", packet);
        w.WriteNumber("seq", seq);
        if (stfLine is { } line)
        {
            w.WriteNumber("stfLine", line);
        }
        w.WriteString("event", KindOf(e));
        switch (e)
        {
            case PacketInEvent p:
                w.WriteNumber("port", p.Port);
                w.WriteNumber("length", p.Length);
                w.WriteString("path", p.Path);
                break;
            case StageEvent s:
                w.WriteString("stage", s.Stage);
                w.WriteString("copy", s.Copy);
                w.WriteNumber("r0", s.ReturnValue);
                w.WriteNumber("instructions", s.Instructions);
                w.WriteNumber("lengthIn", s.LengthIn);
                w.WriteNumber("lengthOut", s.LengthOut);
                break;
            case ParserEvent p:
                w.WriteString("stage", p.Stage);
                w.WriteBoolean("accepted", p.Accepted);
                w.WriteString("error", p.Error);
                w.WriteNumber("parsedBytes", p.ParsedBytes);
                break;
            case HeadersEvent h:
                w.WriteString("stage", h.Stage);
                w.WriteStartArray("headers");
                foreach (var header in h.Headers)
                {
                    w.WriteStartObject();
                    w.WriteString("name", header.Name);
                    WriteFields(w, "fields", header.Fields);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case TableEvent t:
                w.WriteString("table", t.Table);
                w.WriteString("source", t.Source);
                // P4's hit: a default-map lookup means the table missed, whatever that map held.
                w.WriteBoolean("hit", t.Source != "default" && t.Hit);
                if (t.Source != "default")
                {
                    w.WriteString("keyHex", t.KeyHex);
                    WriteFields(w, "key", t.Key);
                }
                if (t.Action is null)
                {
                    w.WriteNull("action");
                }
                else
                {
                    w.WriteString("action", t.Action);
                }
                w.WriteBoolean("compiledDefault", t.CompiledDefault);
                break;
            case ActionEvent a:
                w.WriteString("table", a.Table);
                w.WriteString("action", a.Action);
                WriteFields(w, "data", a.Data);
                break;
            case DecisionEvent d:
                w.WriteString("what", d.What);
                break;
            case DropEvent d:
                w.WriteString("stage", d.Drop.Stage);
                w.WriteString("reason", d.Drop.Reason.ToString());
                w.WriteString("detail", d.Drop.Detail);
                break;
            case OutputEvent o:
                w.WriteNumber("port", o.Port);
                w.WriteNumber("length", o.Length);
                break;
        }
        w.WriteString("text", e.Text.Trim());
        w.WriteEndObject();
        w.Flush();
        w.Reset();
        _stream.WriteByte((byte)'\n');
        Lines++;
    }

    /// <summary>The <c>event</c> value of each event type.</summary>
    public static string KindOf(TraceEvent e) => e switch
    {
        PacketInEvent => "packet_in",
        StageEvent => "stage",
        ParserEvent => "parser",
        HeadersEvent => "headers",
        TableEvent => "table",
        ActionEvent => "action",
        DecisionEvent => "decision",
        DropEvent => "drop",
        OutputEvent => "packet_out",
        _ => "other",
    };

    private static void WriteFields(Utf8JsonWriter w, string name, IReadOnlyList<TraceField> fields)
    {
        w.WriteStartArray(name);
        foreach (var f in fields)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("value", f.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
