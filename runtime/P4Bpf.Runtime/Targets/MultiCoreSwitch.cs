using System.Collections.Concurrent;
using P4Bpf.Ebpf.Engine;
using P4Bpf.Ebpf.Loading;
using P4Bpf.Ebpf.Maps;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Runtime.Control;
using P4Bpf.Runtime.Switch;

namespace P4Bpf.Runtime.Targets;

/// <summary>The software target on N cores: one loaded object (maps shared, per-CPU maps with N slots) and N worker threads, each with its own
/// run contexts, pipeline state and per-CPU slot index. Packets are spread by <see cref="FlowHash"/>, so a flow stays on one worker and in order.</summary>
/// <remarks>
/// Table writes through <see cref="Control"/> apply while traffic flows: each map update is atomic per entry (the maps never expose a torn value),
/// so every packet sees either the old or the new entry. Table hit/miss tracing is not recorded on this target (stage and verdict events are).
/// </remarks>
public sealed class MultiCoreSwitch : ISwitch
{
    private readonly BpfEngine _engine;
    private readonly P4Switch[] _lanes;
    private readonly BlockingCollection<Action>[] _queues;
    private readonly Thread[] _threads;

    private MultiCoreSwitch(CompiledPipeline pipeline, SwitchOptions options, int workers)
    {
        Pipeline = pipeline;
        Options = options;
        try
        {
            _engine = BpfEngine.Load(pipeline.Object, options.Engine with { PossibleCpus = workers, Cpu = 0 }, pipeline.Layout.Program);
        }
        catch (Exception e) when (e is LoadException or EngineException)
        {
            throw new SwitchException($"cannot load {pipeline.Layout.Program}: {e.Message}");
        }
        Replication = new PacketReplicationEngine();
        Control = new SwitchControl(this);
        _lanes = new P4Switch[workers];
        _queues = new BlockingCollection<Action>[workers];
        _threads = new Thread[workers];
        try
        {
            for (var i = 0; i < workers; i++)
            {
                _lanes[i] = new P4Switch(pipeline, options, _engine, i, this);
            }
            Control.InstallInitialEntries();
        }
        catch
        {
            foreach (var l in _lanes)
            {
                l?.Dispose();
            }
            _engine.Dispose();
            throw;
        }
        for (var i = 0; i < workers; i++)
        {
            var queue = _queues[i] = new BlockingCollection<Action>();
            _threads[i] = new Thread(() =>
            {
                foreach (var work in queue.GetConsumingEnumerable())
                {
                    work();
                }
            }) { IsBackground = true, Name = $"p4bpf worker {i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Loads <paramref name="pipeline"/> for <paramref name="workers"/> worker threads (the per-CPU maps get that many slots).</summary>
    public static MultiCoreSwitch Load(CompiledPipeline pipeline, int workers, SwitchOptions? options = null)
    {
        if (workers < 1 || workers > 1024)
        {
            throw new SwitchException($"workers must be 1…1024, not {workers}");
        }
        return new MultiCoreSwitch(pipeline, options ?? SwitchOptions.Default, workers);
    }

    public CompiledPipeline Pipeline { get; }

    public LayoutManifest Layout => Pipeline.Layout;

    public string Architecture => Pipeline.Layout.Architecture;

    public SwitchOptions Options { get; }

    public SwitchControl Control { get; }

    public PacketReplicationEngine Replication { get; }

    public SwitchStatistics Statistics { get; } = new();

    public int Workers => _lanes.Length;

    /// <summary>The engine holding the shared maps and programs.</summary>
    public BpfEngine Engine => _engine;

    public IMapAccess? FindMap(string name) => _engine.Object.Map(name);

    /// <summary>The worker a packet goes to.</summary>
    public int WorkerOf(ReadOnlySpan<byte> packet) => (int)(FlowHash.Compute(packet) % (uint)_lanes.Length);

    /// <summary>Processes one packet on its flow's worker and waits for the result.</summary>
    public InjectResult Inject(int port, ReadOnlySpan<byte> packet, bool trace = false)
    {
        var lane = _lanes[WorkerOf(packet)];
        var data = packet.ToArray();
        var done = new TaskCompletionSource<InjectResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queues[Array.IndexOf(_lanes, lane)].Add(() =>
        {
            try
            {
                done.SetResult(lane.Inject(port, data, trace));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        var result = done.Task.GetAwaiter().GetResult();
        Statistics.Record(port, data.Length, result.Outputs, result.Drops);
        return result;
    }

    /// <summary>Processes a batch: each worker takes its flows' packets in arrival order, all workers in parallel; results come back in input order.</summary>
    public IReadOnlyList<InjectResult> InjectBatch(IReadOnlyList<(int Port, byte[] Data)> packets, bool trace = false)
    {
        var results = new InjectResult[packets.Count];
        var perWorker = new List<int>[_lanes.Length];
        for (var w = 0; w < perWorker.Length; w++)
        {
            perWorker[w] = [];
        }
        for (var i = 0; i < packets.Count; i++)
        {
            perWorker[WorkerOf(packets[i].Data)].Add(i);
        }
        using var done = new CountdownEvent(_lanes.Length);
        Exception? failure = null;
        for (var w = 0; w < _lanes.Length; w++)
        {
            var lane = _lanes[w];
            var mine = perWorker[w];
            _queues[w].Add(() =>
            {
                try
                {
                    foreach (var i in mine)
                    {
                        results[i] = lane.Inject(packets[i].Port, packets[i].Data, trace);
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                }
                finally
                {
                    done.Signal();
                }
            });
        }
        done.Wait();
        if (failure is not null)
        {
            throw new SwitchException($"a worker failed: {failure.Message}");
        }
        for (var i = 0; i < results.Length; i++)
        {
            Statistics.Record(packets[i].Port, packets[i].Data.Length, results[i].Outputs, results[i].Drops);
        }
        return results;
    }

    public void Dispose()
    {
        foreach (var q in _queues)
        {
            q?.CompleteAdding();
        }
        foreach (var t in _threads)
        {
            t?.Join();
        }
        foreach (var q in _queues)
        {
            q?.Dispose();
        }
        foreach (var l in _lanes)
        {
            l?.Dispose();
        }
        _engine.Dispose();
    }
}
