using System.Text.RegularExpressions;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Pcap;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Cli.Demo;

/// <summary>Runs one example end to end: compile, start the switch behind a P4Runtime server on 127.0.0.1 (ephemeral port),
/// let the example's controller program it over gRPC, replay the sample pcaps, write the output pcaps.</summary>
internal static partial class DemoRunner
{
    private static readonly TimeSpan ControllerWait = TimeSpan.FromSeconds(10);

    [GeneratedRegex(@"^in-port(\d+)\.pcap$")]
    private static partial Regex InputPcap();

    public static async Task<DemoResult> RunAsync(string exampleDir, string outputDir, ExampleController controller, TextWriter log, TraceJsonWriter? traceJson = null)
    {
        var name = Path.GetFileName(exampleDir.TrimEnd('/', '\\'));
        var p4 = DemoPipeline.ProgramOf(exampleDir);
        log.WriteLine($"compiling {Rel(p4)} ...");
        var pipeline = DemoPipeline.Compile(p4);
        var inputs = ReadInputs(Path.Combine(exampleDir, "pcaps"));
        Directory.CreateDirectory(outputDir);

        P4Switch? sw = null;
        SwitchDevice? switchDevice = null;
        long digestsRaised = 0;
        // Digests are drained after every replayed packet (not by a timer), so the demo knows how many the controller must handle.
        P4DeviceFactory factory = (program, layout, _) =>
        {
            P4Switch loaded;
            try
            {
                loaded = P4Switch.Load(new CompiledPipeline(program, layout), new SwitchOptions { CpuPort = controller.CpuPort });
            }
            catch (SwitchException ex)
            {
                throw new DeviceException(DeviceErrorKind.Invalid, "the pipeline cannot be loaded: " + ex.Message);
            }
            sw = loaded;
            switchDevice = new SwitchDevice(loaded, ownsSwitch: true, digestPoll: Timeout.InfiniteTimeSpan);
            switchDevice.Digest += (_, _) => Interlocked.Increment(ref digestsRaised);
            return switchDevice;
        };
        using var core = new P4RuntimeCore(new P4RuntimeCoreOptions { DeviceFactory = factory });
        await using var server = await P4RuntimeServer.StartAsync(core, new P4RuntimeServerOptions { Address = "127.0.0.1:0" }).ConfigureAwait(false);
        log.WriteLine($"P4Runtime server listening on {server.Address} (device 1)");
        await using var client = new P4RuntimeClient(server.Address);
        var arbitration = await client.ConnectAsync().ConfigureAwait(false);
        if (!client.IsPrimary)
        {
            throw new CliException($"the controller did not become primary: {arbitration.Status?.Message}");
        }
        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, cookie: 1).ConfigureAwait(false);
        var device = sw ?? throw new CliException("the server committed the pipeline but created no switch");
        log.WriteLine($"pipeline committed over gRPC ({pipeline.Result.Layout!.Architecture}, {pipeline.P4Info.Tables.Count} tables); installing entries ...");
        await controller.InstallAsync(client).ConfigureAwait(false);

        var result = new DemoResult(name, pipeline.Result.Layout.Architecture, server.Address, outputDir);
        var writers = new Dictionary<int, PcapWriter>();
        var writeLock = new Lock();
        long now = inputs.Count > 0 ? inputs[0].Record.TimestampNanoseconds : 0;
        void OnOutput(SwitchOutput o)
        {
            lock (writeLock)
            {
                if (!writers.TryGetValue(o.Port, out var w))
                {
                    var path = Path.Combine(outputDir, $"out-port{o.Port}.pcap");
                    writers[o.Port] = w = PcapWriter.Create(path);
                    result.OutputPcaps[o.Port] = path;
                }
                w.Write(o.Data, Interlocked.Read(ref now));
                result.PacketsOut[o.Port] = result.PacketsOut.GetValueOrDefault(o.Port) + 1;
            }
        }
        long punted = 0;
        device.PacketOut += OnOutput;
        device.Control.PacketIn += _ => Interlocked.Increment(ref punted);
        using var stop = new CancellationTokenSource();
        var pump = new ControllerPump(client, controller);
        var pumpTask = pump.RunAsync(stop.Token);
        try
        {
            var ticks = controller.TickInterval is { } interval && inputs.Count > 0 ? (Start: inputs[0].Record.TimestampNanoseconds, Interval: interval) : default;
            long nextTick = ticks.Interval > TimeSpan.Zero ? ticks.Start + (long)ticks.Interval.TotalNanoseconds : long.MaxValue;
            long injected = 0;
            foreach (var (port, record) in inputs)
            {
                while (record.TimestampNanoseconds >= nextTick)
                {
                    await controller.OnTickAsync(client, TimeSpan.FromTicks((nextTick - ticks.Start) / 100)).ConfigureAwait(false);
                    nextTick += (long)ticks.Interval.TotalNanoseconds;
                }
                Interlocked.Exchange(ref now, record.TimestampNanoseconds);
                result.PacketsIn[port] = result.PacketsIn.GetValueOrDefault(port) + 1;
                var r = device.Inject(port, record.Data, trace: true);
                result.Record(r);
                if (traceJson is not null && r.Trace is { } trace)
                {
                    traceJson.Write(trace, result.PacketsIn.Values.Sum());
                }
                // Let the controller react to this packet's packet-ins before the next packet arrives, so runs are repeatable.
                injected++;
                switchDevice?.PollDigests();
                await pump.WaitHandledAsync(Interlocked.Read(ref punted), ControllerWait, Interlocked.Read(ref digestsRaised)).ConfigureAwait(false);
                await WaitInjectedAsync(device, injected + controller.PacketOutsSent).ConfigureAwait(false);
            }
            result.PacketIns = Interlocked.Read(ref punted);
            result.Digests = Interlocked.Read(ref digestsRaised);
            result.ControllerReport.AddRange(await controller.ReportAsync(client).ConfigureAwait(false));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pumpTask.ConfigureAwait(false);
            device.PacketOut -= OnOutput;
            lock (writeLock)
            {
                foreach (var w in writers.Values)
                {
                    w.Dispose();
                }
            }
        }
        if (pump.Error is { } error)
        {
            throw new CliException($"the {name} controller failed: {error.Message}");
        }
        return result;
    }

    /// <summary>Waits until the switch has processed <paramref name="count"/> packets (the replayed ones plus the controller's PacketOuts).</summary>
    private static async Task WaitInjectedAsync(P4Switch device, long count)
    {
        var deadline = DateTime.UtcNow + ControllerWait;
        while (device.Statistics.Injected < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>Every <c>in-portN.pcap</c>, merged by timestamp (ties: lower port first, then file order).</summary>
    internal static List<(int Port, PcapRecord Record)> ReadInputs(string pcapDir)
    {
        var all = new List<(int Port, int Index, PcapRecord Record)>();
        if (Directory.Exists(pcapDir))
        {
            foreach (var file in Directory.GetFiles(pcapDir, "in-port*.pcap"))
            {
                var m = InputPcap().Match(Path.GetFileName(file));
                if (!m.Success)
                {
                    continue;
                }
                var port = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                using var stream = File.OpenRead(file);
                var (records, error) = PcapReader.ReadAll(stream);
                if (error is not null)
                {
                    throw new CliException($"{file}: {error}");
                }
                all.AddRange(records.Select((r, i) => (port, i, r)));
            }
        }
        if (all.Count == 0)
        {
            throw new CliException($"no sample packets: {pcapDir}/in-portN.pcap");
        }
        return all.OrderBy(x => x.Record.TimestampNanoseconds).ThenBy(x => x.Port).ThenBy(x => x.Index).Select(x => (x.Port, x.Record)).ToList();
    }

    private static string Rel(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
