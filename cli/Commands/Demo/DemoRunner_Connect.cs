using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Cli.Demo;

internal static partial class DemoRunner
{
    /// <summary>Runs an example's controller against a P4Runtime server that is already running (e.g. <c>p4bpf run</c>): commits the
    /// example's pipeline to device 1, installs the entries, then serves PacketIns and digests for <paramref name="serveFor"/>
    /// (forever when null, until <paramref name="cancellationToken"/>), and returns the controller's report.</summary>
    public static async Task<IReadOnlyList<string>> ConnectAsync(string exampleDir, string address, ExampleController controller, TextWriter log,
        TimeSpan? serveFor, CancellationToken cancellationToken)
    {
        var p4 = DemoPipeline.ProgramOf(exampleDir);
        log.WriteLine($"compiling {Rel(p4)} ...");
        var pipeline = DemoPipeline.Compile(p4);
        await using var client = new P4RuntimeClient(address);
        try
        {
            var arbitration = await client.ConnectAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!client.IsPrimary)
            {
                throw new CliException($"{address}: the controller did not become primary: {arbitration.Status?.Message}");
            }
            await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, cookie: 1).ConfigureAwait(false);
            log.WriteLine($"{address}: pipeline committed ({pipeline.Result.Layout!.Architecture}); installing entries ...");
            await controller.InstallAsync(client).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pump = new ControllerPump(client, controller);
            var pumpTask = pump.RunAsync(stop.Token);
            try
            {
                await Task.Delay(serveFor ?? Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await stop.CancelAsync().ConfigureAwait(false);
            await pumpTask.ConfigureAwait(false);
            if (pump.Error is { } error)
            {
                throw new CliException($"the {controller.Example} controller failed: {error.Message}");
            }
            return await controller.ReportAsync(client).ConfigureAwait(false);
        }
        catch (Grpc.Core.RpcException e)
        {
            throw new CliException($"{address}: {e.Status.StatusCode}: {e.Status.Detail}");
        }
        catch (P4RuntimeBatchException e)
        {
            throw new CliException($"{address}: {e.Message}");
        }
    }
}
