using Grpc.Core;
using P4Bpf.Cli.Top;
using P4Bpf.P4Runtime.Client;
using Spectre.Console;

namespace P4Bpf.Cli.Commands;

internal static partial class RunCommand
{
    /// <summary>The refresh interval of <c>--top</c>, or null without it; checked before anything is compiled or served.</summary>
    private static TimeSpan? TopOption(bool top, string intervalText, string? tlsCert)
    {
        if (!top)
        {
            return null;
        }
        if (tlsCert is not null)
        {
            throw new CliException("not supported yet: --top with --tls-cert (run `p4bpf top --addr HOST:PORT --tls-ca …` in another terminal)", 2);
        }
        TimeSpan interval;
        try
        {
            interval = TopInterval.Parse(intervalText);
        }
        catch (FormatException e)
        {
            throw new CliException("--top-interval: " + e.Message, 2);
        }
        return interval < TimeSpan.FromMilliseconds(50) ? throw new CliException("--top-interval must be at least 50ms", 2) : interval;
    }

    /// <summary>Runs the live view of <c>p4bpf top</c> against this server's own address (a P4Runtime client, as <c>top</c> reads) until <paramref name="stop"/>.
    /// A failure of the view is reported on stderr and leaves the server running.</summary>
    private static async Task ShowTopAsync(string address, ulong deviceId, TimeSpan interval, CancellationToken stop)
    {
        await Task.Yield();
        try
        {
            await using var client = new P4RuntimeClient(address, deviceId);
            await TopSession.LiveAsync(AnsiConsole.Console, new TopReader(client, address), interval, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is RpcException or P4RuntimeBatchException or InvalidOperationException or ArgumentException)
        {
            if (!stop.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"p4bpf: --top: {address}: {(e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message)}").ConfigureAwait(false);
            }
        }
    }
}
