using Spectre.Console;

namespace P4Bpf.Cli.Top;

/// <summary>The refresh loop of <c>p4bpf top</c>: one frame (<see cref="OnceAsync"/>) or a live view until cancelled (<see cref="LiveAsync"/>).</summary>
internal static class TopSession
{
    /// <summary>Writes one frame. With a positive interval it takes two snapshots that far apart so the frame has rates; with zero, one snapshot and no rates.</summary>
    public static async Task<TopSnapshot> OnceAsync(IAnsiConsole console, TopReader reader, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        TopSnapshot? previous = null;
        if (interval > TimeSpan.Zero)
        {
            previous = await reader.ReadAsync().ConfigureAwait(false);
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
        var current = await reader.ReadAsync().ConfigureAwait(false);
        console.Write(TopRenderer.Render(current, previous));
        return current;
    }

    /// <summary>Redraws the frame in place every <paramref name="interval"/> until <paramref name="cancellationToken"/> fires.</summary>
    /// <remarks>The first read must succeed (a wrong address fails at once); later failed reads show the error in place of the frame and the loop keeps trying.</remarks>
    public static async Task LiveAsync(IAnsiConsole console, TopReader reader, TimeSpan interval, CancellationToken cancellationToken)
    {
        var first = await reader.ReadAsync().ConfigureAwait(false);
        // Without a terminal (output piped to a file) each frame is printed whole rather than cropped to a screen's height.
        var overflow = console.Profile.Capabilities.Interactive ? VerticalOverflow.Ellipsis : VerticalOverflow.Visible;
        await console.Live(TopRenderer.Render(first, null)).AutoClear(false).Overflow(overflow).StartAsync(async ctx =>
        {
            TopSnapshot? previous = first;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                try
                {
                    var current = await reader.ReadAsync().ConfigureAwait(false);
                    ctx.UpdateTarget(TopRenderer.Render(current, previous));
                    previous = current;
                }
                catch (Exception e) when (e is Grpc.Core.RpcException or P4Bpf.P4Runtime.Client.P4RuntimeBatchException or InvalidOperationException)
                {
                    // The server went away or its pipeline changed mid-read: say so and keep trying; rates restart from the next good read.
                    ctx.UpdateTarget(TopRenderer.RenderError(reader.Address, e is Grpc.Core.RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message));
                    previous = null;
                }
                ctx.Refresh();
            }
        }).ConfigureAwait(false);
    }
}
