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
    public static async Task LiveAsync(IAnsiConsole console, TopReader reader, TimeSpan interval, CancellationToken cancellationToken)
    {
        var first = await reader.ReadAsync().ConfigureAwait(false);
        await console.Live(TopRenderer.Render(first, null)).AutoClear(false).StartAsync(async ctx =>
        {
            var previous = first;
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
                var current = await reader.ReadAsync().ConfigureAwait(false);
                ctx.UpdateTarget(TopRenderer.Render(current, previous));
                ctx.Refresh();
                previous = current;
            }
        }).ConfigureAwait(false);
    }
}
