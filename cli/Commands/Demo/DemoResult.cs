using System.Globalization;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Cli.Demo;

/// <summary>What a demo run did: packets per port, drops, table hits, the controller's report and the output pcaps.</summary>
internal sealed class DemoResult(string example, string architecture, string address, string outputDir)
{
    public string Example { get; } = example;

    public string Architecture { get; } = architecture;

    /// <summary>The P4Runtime server's address during the run.</summary>
    public string Address { get; } = address;

    public string OutputDir { get; } = outputDir;

    public SortedDictionary<int, long> PacketsIn { get; } = [];

    /// <summary>Packets sent out of each port (the CPU port's packets go to the controller instead and are counted in <see cref="PacketIns"/>).</summary>
    public SortedDictionary<int, long> PacketsOut { get; } = [];

    public SortedDictionary<int, string> OutputPcaps { get; } = [];

    /// <summary>Drops by "stage: reason".</summary>
    public SortedDictionary<string, long> Drops { get; } = new(StringComparer.Ordinal);

    /// <summary>Lookups per table of the replayed packets: hits (an entry matched) and misses (the default action ran).</summary>
    public SortedDictionary<string, (long Hits, long Misses)> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Packets the pipeline sent to the controller.</summary>
    public long PacketIns { get; set; }

    /// <summary>Digest messages the pipeline sent to the controller.</summary>
    public long Digests { get; set; }

    public List<string> ControllerReport { get; } = [];

    public long TotalIn => PacketsIn.Values.Sum();

    public long TotalOut => PacketsOut.Values.Sum();

    public long TotalDropped => Drops.Values.Sum();

    internal void Record(InjectResult r)
    {
        foreach (var d in r.Drops)
        {
            var key = $"{d.Stage}: {d.Reason}";
            Drops[key] = Drops.GetValueOrDefault(key) + 1;
        }
        foreach (var t in r.Trace?.OfType<TableEvent>() ?? [])
        {
            var (hits, misses) = Tables.GetValueOrDefault(t.Table);
            if (t.Source == "default")
            {
                misses++;
            }
            else if (t.Hit)
            {
                hits++;
            }
            else
            {
                continue;
            }
            Tables[t.Table] = (hits, misses);
        }
    }

    /// <summary>The summary a newcomer reads: what went in, what came out where, what the tables did, where the pcaps are.</summary>
    public void Print(TextWriter w, string? description)
    {
        string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        w.WriteLine();
        w.WriteLine($"== p4bpf demo: {Example} ({Architecture}) ==");
        if (description is not null)
        {
            w.WriteLine(description);
        }
        w.WriteLine();
        w.WriteLine($"packets in:  {N(TotalIn)}  ({string.Join(", ", PacketsIn.Select(p => $"port {p.Key}: {N(p.Value)}"))})");
        w.WriteLine($"packets out: {N(TotalOut)}  ({(PacketsOut.Count == 0 ? "none" : string.Join(", ", PacketsOut.Select(p => $"port {p.Key}: {N(p.Value)}")))})");
        if (PacketIns > 0)
        {
            w.WriteLine($"to the controller (packet-in): {N(PacketIns)}");
        }
        if (Digests > 0)
        {
            w.WriteLine($"to the controller (digest): {N(Digests)}");
        }
        w.WriteLine($"dropped:     {N(TotalDropped)}");
        foreach (var (why, n) in Drops)
        {
            w.WriteLine($"  {N(n),6}  {why}");
        }
        w.WriteLine();
        w.WriteLine("table lookups (hits / misses):");
        foreach (var (table, (hits, misses)) in Tables)
        {
            w.WriteLine($"  {table,-32} {N(hits),6} / {N(misses)}");
        }
        if (ControllerReport.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("the controller (over P4Runtime):");
            foreach (var line in ControllerReport)
            {
                w.WriteLine("  " + line);
            }
        }
        w.WriteLine();
        w.WriteLine(OutputPcaps.Count == 0 ? $"no packets left the switch; nothing written to {OutputDir}" : "output pcaps (open with tcpdump -r or Wireshark):");
        foreach (var (port, path) in OutputPcaps)
        {
            w.WriteLine($"  port {port}: {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
        }
    }
}
