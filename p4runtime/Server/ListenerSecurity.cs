using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Server;

/// <summary>Startup checks and TLS setup of the server's listener.</summary>
internal static class ListenerSecurity
{
    /// <summary>Validates limits and refuses plain text on a non-loopback address unless insecure mode is asked for (then warns).</summary>
    public static void Check(IPAddress ip, P4RuntimeServerOptions options)
    {
        if (options.MaxReceiveMessageSize <= 0)
        {
            throw new ArgumentException($"max receive message size must be positive (got {options.MaxReceiveMessageSize})");
        }
        if (options.MaxUpdatesPerWrite <= 0)
        {
            throw new ArgumentException($"max updates per write must be positive (got {options.MaxUpdatesPerWrite})");
        }
        if (options.MaxConcurrentStreams <= 0)
        {
            throw new ArgumentException($"max concurrent streams must be positive (got {options.MaxConcurrentStreams})");
        }
        if (options.Tls is not null || IPAddress.IsLoopback(ip))
        {
            return;
        }
        if (!options.AllowInsecure)
        {
            throw new ArgumentException(
                $"refusing to serve plain-text P4Runtime on non-loopback address {ip}: anyone who can reach it could reprogram the switch. "
                + "Give a TLS certificate and key (--tls-cert, --tls-key, and --tls-client-ca for mutual TLS), or pass --insecure to accept the risk");
        }
        (options.Warn ?? Console.Error.WriteLine)(
            $"p4bpf: warning: serving plain-text P4Runtime on non-loopback address {ip} (--insecure): traffic is unauthenticated and unencrypted");
    }

    /// <summary>HTTPS with the server certificate; with client CAs, a client certificate chaining to one of them (and only them) is required.</summary>
    public static void UseTls(ListenOptions listen, ServerTls tls)
    {
        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = tls.Certificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CheckCertificateRevocation = false,
        };
        if (tls.ClientCas is { Count: > 0 } cas)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, chain, _) =>
                CertificateTrust.ChainsTo(certificate, cas, CertificateTrust.ClientAuth, CertificateTrust.Intermediates(chain));
        }
        listen.UseHttps(https);
    }
}
