using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Cli.Demo;

/// <summary>Feeds the stream's PacketIns and digest lists to an example controller (one handler at a time) and counts the PacketIns it handled.</summary>
internal sealed class ControllerPump(P4RuntimeClient client, ExampleController controller)
{
    private readonly SemaphoreSlim _handler = new(1, 1);
    private readonly SemaphoreSlim _progress = new(0);
    private long _handled;

    /// <summary>The first error a handler raised; the pump stops feeding after it.</summary>
    public Exception? Error { get; private set; }

    public long Handled => Interlocked.Read(ref _handled);

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
        Loop(client.PacketIns, async p =>
        {
            await controller.OnPacketInAsync(client, p).ConfigureAwait(false);
            Interlocked.Increment(ref _handled);
            _progress.Release();
        }, cancellationToken),
        Loop(client.Digests, d => controller.OnDigestAsync(client, d), cancellationToken));

    private async Task Loop<T>(System.Threading.Channels.ChannelReader<T> reader, Func<T, Task> handle, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _handler.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await handle(item).ConfigureAwait(false);
                }
                finally
                {
                    _handler.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is Grpc.Core.RpcException or P4RuntimeBatchException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            Error ??= e;
            _progress.Release();
        }
    }

    /// <summary>Waits until the controller has handled <paramref name="count"/> packet-ins, failed, or the timeout passed.</summary>
    public async Task WaitHandledAsync(long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Handled < count && Error is null)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _progress.WaitAsync(left).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
