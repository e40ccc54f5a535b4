using P4Bpf.P4Runtime.Client;

namespace P4Bpf.Cli.Demo;

/// <summary>Feeds the stream's PacketIns and digest lists to an example controller (one handler at a time) and counts the PacketIns and
/// digest entries it handled.</summary>
internal sealed class ControllerPump(P4RuntimeClient client, ExampleController controller)
{
    private readonly SemaphoreSlim _handler = new(1, 1);
    private readonly SemaphoreSlim _progress = new(0);
    private long _handled;
    private long _digestsHandled;

    /// <summary>The first error a handler raised; the pump stops feeding after it.</summary>
    public Exception? Error { get; private set; }

    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Digest entries (data items of the digest lists) the controller has handled.</summary>
    public long DigestsHandled => Interlocked.Read(ref _digestsHandled);

    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(
        Loop(client.PacketIns, async p =>
        {
            await controller.OnPacketInAsync(client, p).ConfigureAwait(false);
            Interlocked.Increment(ref _handled);
            _progress.Release();
        }, cancellationToken),
        Loop(client.Digests, async d =>
        {
            await controller.OnDigestAsync(client, d).ConfigureAwait(false);
            Interlocked.Add(ref _digestsHandled, d.Data.Count);
            _progress.Release();
        }, cancellationToken));

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

    /// <summary>Waits until the controller has handled <paramref name="count"/> packet-ins and <paramref name="digests"/> digest entries,
    /// failed, or the timeout passed.</summary>
    public async Task WaitHandledAsync(long count, TimeSpan timeout, long digests = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((Handled < count || DigestsHandled < digests) && Error is null)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _progress.WaitAsync(left).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
