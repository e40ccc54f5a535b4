using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Server;

/// <summary>How to run a P4Runtime server.</summary>
public sealed record P4RuntimeServerOptions
{
    /// <summary>Listen address (<c>HOST:PORT</c>; port 0 picks a free one). Default: the IANA port on loopback.</summary>
    public string Address { get; init; } = "127.0.0.1:9559";

    /// <summary>Largest accepted request message (pipelines and big batches); the spec advises raising gRPC's 4 MB default. Larger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = 64 << 20;

    /// <summary>Most updates in one WriteRequest; larger batches fail with RESOURCE_EXHAUSTED and nothing is applied.</summary>
    public int MaxUpdatesPerWrite { get; init; } = 100_000;

    /// <summary>Most concurrent HTTP/2 streams (RPCs) per client connection.</summary>
    public int MaxConcurrentStreams { get; init; } = 1000;

    /// <summary>TLS (and mutual TLS when it names client CAs); null serves plain-text HTTP/2 (h2c).</summary>
    public ServerTls? Tls { get; init; }

    /// <summary>Allow plain text on a non-loopback address (otherwise startup refuses it).</summary>
    public bool AllowInsecure { get; init; }

    /// <summary>Where startup warnings go (default: standard error).</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>Put exception details in statuses (tests and development only).</summary>
    public bool DetailedErrors { get; init; }

    /// <summary>Log level for ASP.NET Core and gRPC (default: warnings).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Also serve p4bpf's <c>SwitchStats</c> service (port counts and drop reasons, p4bpf/switch_stats.proto) on the same listener.</summary>
    public bool OfferSwitchStats { get; init; } = true;

    /// <summary>Extra logging providers (e.g. forwarding to a test's output).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}

/// <summary>A running P4Runtime gRPC server (Kestrel, HTTP/2 over TLS or plain text) over a <see cref="P4RuntimeCore"/>.</summary>
public sealed class P4RuntimeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private P4RuntimeServer(WebApplication app, P4RuntimeCore core, string address)
    {
        this.app = app;
        Core = core;
        Address = address;
    }

    public P4RuntimeCore Core { get; }

    /// <summary>The bound address as <c>http://HOST:PORT</c> or <c>https://HOST:PORT</c> (the real port when 0 was asked for).</summary>
    public string Address { get; }

    /// <summary>Starts listening; a bad address, bad limits or plain text on a non-loopback address without <see cref="P4RuntimeServerOptions.AllowInsecure"/> give an <see cref="ArgumentException"/>.</summary>
    public static async Task<P4RuntimeServer> StartAsync(P4RuntimeCore core, P4RuntimeServerOptions options, CancellationToken cancellationToken = default)
    {
        var (ip, port) = ParseAddress(options.Address);
        ListenerSecurity.Check(ip, options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        if (options.Tls is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(ip, port, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                if (options.Tls is { } tls)
                {
                    ListenerSecurity.UseTls(l, tls);
                }
            });
            k.Limits.MaxRequestBodySize = null;
            k.Limits.Http2.MaxStreamsPerConnection = options.MaxConcurrentStreams;
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
            o.MaxSendMessageSize = null;
            o.EnableDetailedErrors = options.DetailedErrors;
        });
        builder.Services.AddSingleton(core);
        builder.Services.AddSingleton(new P4RuntimeLimits(options.MaxUpdatesPerWrite));
        var app = builder.Build();
        app.MapGrpcService<P4RuntimeService>();
        if (options.OfferSwitchStats)
        {
            app.MapGrpcService<SwitchStatsService>();
        }
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"{(options.Tls is null ? "http" : "https")}://{options.Address}";
        return new P4RuntimeServer(app, core, bound);
    }

    /// <summary>Parses <c>HOST:PORT</c> (<c>[v6]:PORT</c> for IPv6; <c>localhost</c> is loopback).</summary>
    public static (IPAddress Ip, int Port) ParseAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
        {
            throw new ArgumentException($"bad listen address '{address}' (expected HOST:PORT)");
        }
        var host = address[..colon].Trim('[', ']');
        var ip = host is "localhost" ? IPAddress.Loopback : host is "*" or "" ? IPAddress.Any
            : IPAddress.TryParse(host, out var parsed) ? parsed : throw new ArgumentException($"bad listen host '{host}' (use an IP address)");
        return (ip, port);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
