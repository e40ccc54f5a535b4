using System.CommandLine;
using Grpc.Core;
using P4Bpf.Cli.Top;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Security;
using Spectre.Console;

namespace P4Bpf.Cli.Commands;

/// <summary><c>p4bpf top --addr HOST:PORT</c>: a live view of a running switch: tables, counters and meters read over P4Runtime, and port counts and drop reasons through p4bpf.SwitchStats when the server offers it.</summary>
internal static class TopCommand
{
    public static Command Create()
    {
        var addr = new Option<string>("--addr") { Description = "P4Runtime server HOST:PORT.", DefaultValueFactory = _ => "127.0.0.1:9559" };
        var deviceId = new Option<ulong>("--device-id") { Description = "Device id.", DefaultValueFactory = _ => 1 };
        var interval = new Option<string>("--interval") { Description = "Refresh interval (500ms, 1s, 2m).", DefaultValueFactory = _ => "1s" };
        var once = new Option<bool>("--once") { Description = "Print one frame and exit (two reads one interval apart for rates; --interval 0 for a single read)." };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "Connect over TLS; the server certificate must chain to these PEM CA certificates." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM client certificate for mutual TLS (needs --tls-key)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var tlsServerName = new Option<string?>("--tls-server-name") { Description = "Name the server certificate must carry (default: the host of --addr)." };
        var command = new Command("top", "Live view of a running switch: port rates and drops by reason (p4bpf servers), table entry counts, counters, rates and meter configurations over P4Runtime (Ctrl+C to quit).") { addr, deviceId, interval, once, tlsCa, tlsCert, tlsKey, tlsServerName };
        command.SetAction(parse => CliErrors.Guard(() =>
        {
            var address = parse.GetValue(addr)!;
            TimeSpan period;
            try
            {
                period = TopInterval.Parse(parse.GetValue(interval)!);
            }
            catch (FormatException e)
            {
                throw new CliException(e.Message, 2);
            }
            if (!parse.GetValue(once) && period < TimeSpan.FromMilliseconds(50))
            {
                throw new CliException("--interval must be at least 50ms for the live view", 2);
            }
            var (ca, cert, key, name) = (parse.GetValue(tlsCa), parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(tlsServerName));
            P4RuntimeClient client;
            try
            {
                // Any --tls-* option means TLS (without --tls-ca the system store is trusted), as for `p4bpf ctl`.
                var tls = ca is null && cert is null && key is null && name is null ? null : ClientTls.FromPemFiles(ca, cert, key, name);
                client = new P4RuntimeClient(address, parse.GetValue(deviceId), tls: tls);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, 2);
            }
            using var cts = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cts.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var reader = new TopReader(client, address);
                if (parse.GetValue(once))
                {
                    TopSession.OnceAsync(AnsiConsole.Console, reader, period, cts.Token).GetAwaiter().GetResult();
                }
                else
                {
                    TopSession.LiveAsync(AnsiConsole.Console, reader, period, cts.Token).GetAwaiter().GetResult();
                }
                return 0;
            }
            catch (RpcException e)
            {
                throw new CliException($"{address}: {e.StatusCode}: {e.Status.Detail}");
            }
            catch (P4RuntimeBatchException e)
            {
                throw new CliException($"{address}: {e.Message}");
            }
            catch (OperationCanceledException)
            {
                return 130;
            }
            catch (InvalidOperationException e)
            {
                throw new CliException($"{address}: {e.Message}");
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
                client.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }));
        return command;
    }
}
