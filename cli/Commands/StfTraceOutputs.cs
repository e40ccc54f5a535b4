using P4Bpf.Runtime.Pcap;
using P4Bpf.Runtime.Stf;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Cli.Commands;

/// <summary>What <c>p4bpf stf --trace-json FILE --trace-pcap DIR</c> writes besides the verdict: the packet traces as JSON lines, and for a
/// failing test the input, expected and actual packets of every port as pcap files.</summary>
internal sealed class StfTraceOutputs : IDisposable
{
    private readonly TraceJsonWriter? _json;
    private readonly string? _pcapDir;
    private readonly List<StfPacketRun> _runs = [];

    public StfTraceOutputs(string? jsonPath, string? pcapDir)
    {
        _pcapDir = pcapDir;
        if (jsonPath is not null)
        {
            try
            {
                _json = TraceJsonWriter.Create(jsonPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliException($"--trace-json: cannot write {jsonPath}: {e.Message}", StfCommand.ExitUsage);
            }
        }
    }

    public bool WantsTraces => _json is not null;

    public bool Active => _json is not null || _pcapDir is not null;

    /// <summary>The runner's per-packet hook.</summary>
    public void OnPacket(StfPacketRun run)
    {
        _runs.Add(run);
        if (_json is not null && run.Trace is { } trace)
        {
            _json.Write(trace, _runs.Count, run.Line);
        }
    }

    /// <summary>Writes the pcaps of a failed run into the directory: <c>in-portN.pcap</c> (what the test sent on port N), <c>expected-portN.pcap</c>
    /// (what it expected there; don't-care nibbles are written as 0) and <c>actual-portN.pcap</c> (what the switch emitted there).</summary>
    /// <remarks>Timestamps are synthetic and keep the test's order: packet k goes in at k ms, what it produced 1 µs later; expectation k is at k ms.</remarks>
    public IReadOnlyList<string> WritePcaps(StfScript script)
    {
        if (_pcapDir is null)
        {
            return [];
        }
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(_pcapDir);
            var inputs = _runs.Select((r, i) => (r.Port, r.Data, Time: Ms(i + 1)));
            var expected = script.Commands.OfType<StfExpect>().Where(e => e.Pattern is not null)
                .Select((e, i) => (e.Port, Data: e.Pattern!.Value.ToArray(), Time: Ms(i + 1)));
            var actual = _runs.SelectMany((r, i) => r.Received.Select(o => (o.Port, o.Data, Time: Ms(i + 1) + 1000))).ToList();
            var outputPorts = expected.Select(e => e.Port).Union(actual.Select(a => a.Port)).Order().ToList();
            written.AddRange(WritePorts("in", inputs, []));
            // Every port something was expected on or came out of gets both files (one may be empty), to compare side by side.
            written.AddRange(WritePorts("expected", expected, outputPorts));
            written.AddRange(WritePorts("actual", actual, outputPorts));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--trace-pcap: cannot write into {_pcapDir}: {e.Message}", StfCommand.ExitUsage);
        }
        return written;
    }

    private static long Ms(int k) => k * 1_000_000L;

    private List<string> WritePorts(string kind, IEnumerable<(int Port, byte[] Data, long Time)> packets, IReadOnlyList<int> alwaysPorts)
    {
        var files = new List<string>();
        var byPort = packets.ToLookup(p => p.Port);
        foreach (var port in byPort.Select(g => g.Key).Union(alwaysPorts).Order())
        {
            var path = Path.Combine(_pcapDir!, $"{kind}-port{port}.pcap");
            using (var writer = PcapWriter.Create(path))
            {
                foreach (var p in byPort[port])
                {
                    writer.Write(p.Data, p.Time);
                }
            }
            files.Add(path);
        }
        return files;
    }

    public void Dispose() => _json?.Dispose();
}
