using System.Runtime.InteropServices;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Security;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Targets;
using P4Bpf.Runtime.Pcap;
using P4Bpf.Runtime.Ports;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Trace;

namespace P4Bpf.Cli.Commands;

internal static partial class RunCommand
{
    /// <summary>Loads the pipeline on the target, serves P4Runtime and moves packets until Ctrl-C, SIGTERM or <paramref name="duration"/>;
    /// disposing the core on the way out unloads the pipeline (the kernel target detaches from its interfaces).</summary>
    private static int Serve(string name, string architecture, string target, P4RuntimeServerOptions serverOptions, ulong deviceId, int? cpuPort,
        IReadOnlyList<PortSpec> specs, IReadOnlyList<IfaceSpec> ifaces, IReadOnlyDictionary<int, RawSocketPort> interfaces, IReadOnlyDictionary<int, PcapWriter> writers,
        double delay, double duration, TraceJsonWriter? traceWriter, RoleConfigFile? roles, TimeSpan? top, P4.V1.ForwardingPipelineConfig config)
    {
        P4Switch? current = null;
        var outputLock = new Lock();
        P4DeviceFactory factory;
        if (target == "kernel")
        {
            factory = KernelFactory(ifaces, _ => { });
        }
        else
        {
            factory = SwitchDevice.Factory(new SwitchOptions { CpuPort = cpuPort }, sw =>
            {
                current = sw;
                sw.PacketOut += o =>
                {
                    SendToInterface(interfaces, o);
                    lock (outputLock)
                    {
                        if (writers.TryGetValue(o.Port, out var w))
                        {
                            w.Write(o.Data, DateTime.UtcNow.Ticks * 100);
                        }
                    }
                };
            });
            if (target == "smartnic")
            {
                factory = SmartNicFactory(factory);
            }
        }
        using var core = new P4RuntimeCore(new P4RuntimeCoreOptions { DeviceIds = [deviceId], DeviceFactory = factory, Roles = roles });
        // The compiled program is the initial pipeline, as simple_switch_grpc starts with its JSON; controllers may replace it.
        try
        {
            core.Device(deviceId).SetPipeline(P4.V1.SetForwardingPipelineConfigRequest.Types.Action.VerifyAndCommit, config);
        }
        catch (Exception e) when (e is DeviceException or P4RuntimeException)
        {
            throw new CliException($"cannot load {name} on the {target} target: {e.Message}");
        }
        P4RuntimeServer server;
        try
        {
            server = P4RuntimeServer.StartAsync(core, serverOptions).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            throw new CliException($"cannot listen on {serverOptions.Address}: {e.Message}");
        }
        var security = serverOptions.Tls is null ? "plain text" : serverOptions.Tls.MutualTls ? "mutual TLS" : "TLS";
        var roleText = roles is null ? "" : $", roles {string.Join(", ", roles.Roles.Keys.Order(StringComparer.Ordinal))}{(roles.AllowDefaultRole ? " + default" : "")}";
        var targetText = target == "software" ? "" : $", {target} target";
        Console.WriteLine($"p4bpf: {name} ({architecture}{targetText}) serving P4Runtime on {server.Address} ({security}), device {deviceId}{roleText}");
        foreach (var p in interfaces.Values)
        {
            Console.WriteLine($"port {p.Number}: interface {p.InterfaceName} (ifindex {p.Ifindex})");
        }
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        using var sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        if (duration > 0)
        {
            cts.CancelAfter(TimeSpan.FromSeconds(duration));
        }
        var receivers = StartReceivers(interfaces, () => current, cts.Token);
        var topView = top is { } interval ? ShowTopAsync(server.Address, deviceId, interval, cts.Token) : Task.CompletedTask;
        try
        {
            InjectPcaps(specs, () => current, delay, traceWriter, cts.Token);
            server.WaitAsync(cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            cts.Cancel();
            foreach (var t in receivers)
            {
                t.Join();
            }
            topView.GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return 0;
    }

    private static void InjectPcaps(IReadOnlyList<PortSpec> specs, Func<P4Switch?> current, double delay, TraceJsonWriter? traceWriter, CancellationToken stop)
    {
        if (!specs.Any(s => s.Input is not null))
        {
            return;
        }
        long traced = 0;
        Task.Delay(TimeSpan.FromSeconds(delay), stop).GetAwaiter().GetResult();
        foreach (var spec in specs.Where(s => s.Input is not null))
        {
            using var stream = File.OpenRead(spec.Input!);
            var (records, error) = PcapReader.ReadAll(stream);
            if (error is not null)
            {
                throw new CliException($"{spec.Input}: {error.Message}");
            }
            foreach (var r in records)
            {
                var injected = current()?.Inject(spec.Port, r.Data, trace: traceWriter is not null);
                if (traceWriter is not null && injected?.Trace is { } trace)
                {
                    traceWriter.Write(trace, ++traced);
                }
            }
            Console.WriteLine($"injected {records.Count} packets on port {spec.Port}");
        }
    }
}
