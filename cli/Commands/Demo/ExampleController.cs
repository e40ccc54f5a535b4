using System.Numerics;
using P4.V1;
using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Cli.Demo;

/// <summary>The controller of one example pipeline (<c>examples/NAME/Controller.cs</c>): it talks to the switch only through a
/// <see cref="P4RuntimeClient"/> — over gRPC, as any P4Runtime controller would.</summary>
/// <remarks>The demo calls <see cref="InstallAsync"/> once after the pipeline is committed, hands it every PacketIn and digest list,
/// calls <see cref="OnTickAsync"/> as capture time advances, and <see cref="ReportAsync"/> at the end.</remarks>
internal abstract class ExampleController
{
    /// <summary>The example folder name under <c>examples/</c>.</summary>
    public abstract string Example { get; }

    /// <summary>One sentence saying what the pipeline does, for the demo's header.</summary>
    public abstract string Description { get; }

    /// <summary>The switch port that stands for the controller (packet-in/packet-out), or null when the program has none.</summary>
    public virtual int? CpuPort => null;

    /// <summary>How often (in capture time) <see cref="OnTickAsync"/> runs during a replay; null: never.</summary>
    public virtual TimeSpan? TickInterval => null;

    /// <summary>Installs the example's entries (tables, multicast groups, clone sessions, digests).</summary>
    public abstract Task InstallAsync(P4RuntimeClient client);

    /// <summary>Handles one packet the pipeline sent to the controller.</summary>
    public virtual Task OnPacketInAsync(P4RuntimeClient client, PacketIn packet) => Task.CompletedTask;

    /// <summary>Handles one digest list.</summary>
    public virtual Task OnDigestAsync(P4RuntimeClient client, DigestList digests) => Task.CompletedTask;

    /// <summary>Runs periodically in capture time (see <see cref="TickInterval"/>).</summary>
    public virtual Task OnTickAsync(P4RuntimeClient client, TimeSpan captureTime) => Task.CompletedTask;

    /// <summary>Lines for the demo's summary: what the controller reads back (counters, registers) and what it did.</summary>
    public virtual Task<IReadOnlyList<string>> ReportAsync(P4RuntimeClient client) => Task.FromResult<IReadOnlyList<string>>(Log.ToList());

    /// <summary>What the controller did, in order (shown by the default <see cref="ReportAsync"/>).</summary>
    protected List<string> Log { get; } = [];

    /// <summary>PacketOuts this controller sent (the demo waits until the switch has processed them).</summary>
    public long PacketOutsSent => Interlocked.Read(ref _packetOuts);

    private long _packetOuts;

    /// <summary>Sends a PacketOut with its packet_out metadata by name, counting it.</summary>
    protected async Task PacketOutAsync(P4RuntimeClient client, byte[] payload, IReadOnlyDictionary<string, BigInteger> metadata)
    {
        await client.SendPacketOutAsync(payload, metadata).ConfigureAwait(false);
        Interlocked.Increment(ref _packetOuts);
    }

    protected static Dictionary<string, string> Args(params (string Name, string Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);

    /// <summary>A packet-in metadata value by name (from the P4Info packet_in header).</summary>
    protected static BigInteger Metadata(P4RuntimeClient client, PacketIn packet, string name)
    {
        var header = client.P4Info?.PacketIn ?? throw new InvalidOperationException("the P4Info has no packet_in header");
        var m = header.Metadata.FirstOrDefault(x => x.Name == name) ?? throw new KeyNotFoundException($"packet_in has no metadata {name}");
        var value = packet.Metadata.FirstOrDefault(x => x.MetadataId == m.Id)?.Value;
        return value is null ? BigInteger.Zero : new BigInteger(value.Span, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Inserts (or replaces) a clone session sending copies to the given ports.</summary>
    protected static Task CloneSessionAsync(P4RuntimeClient client, uint session, params uint[] ports)
    {
        var entry = new CloneSessionEntry { SessionId = session };
        entry.Replicas.AddRange(ports.Select(p => new Replica { Port = P4Runtime.Core.ByteStrings.Canonical(p), Instance = 0 }));
        return client.WriteAsync(Update.Types.Type.Insert, new Entity { PacketReplicationEngineEntry = new PacketReplicationEngineEntry { CloneSessionEntry = entry } });
    }

    /// <summary>Packets and bytes of every entry's direct counter in a table, with the entry's match rendered.</summary>
    protected static async Task<List<(string Match, long Packets, long Bytes)>> DirectCountersAsync(P4RuntimeClient client, string table)
    {
        var entries = await client.ReadTableAsync(table, withCounters: true).ConfigureAwait(false);
        return entries.Select(e => (MatchSummary.Render(client, e), e.CounterData?.PacketCount ?? 0, e.CounterData?.ByteCount ?? 0)).ToList();
    }

    /// <summary>Every cell of a counter (packets, bytes).</summary>
    protected static async Task<Dictionary<long, (long Packets, long Bytes)>> CountersAsync(P4RuntimeClient client, string counter)
    {
        var cells = await client.ReadCounterAsync(counter).ConfigureAwait(false);
        return cells.ToDictionary(c => c.Index?.Index_ ?? 0, c => (c.Data?.PacketCount ?? 0, c.Data?.ByteCount ?? 0));
    }
}
