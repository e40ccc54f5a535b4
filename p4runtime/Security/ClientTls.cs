using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace P4Bpf.P4Runtime.Security;

/// <summary>TLS for a P4Runtime client: which CAs to trust for the server, an optional client certificate (mutual TLS) and the name to check.</summary>
/// <param name="RootCas">CAs the server certificate must chain to; null trusts the system store.</param>
/// <param name="ClientCertificate">Presented to servers that ask for one (mutual TLS).</param>
/// <param name="ServerName">The name checked against the server certificate (default: the host of the address).</param>
public sealed record ClientTls(X509Certificate2Collection? RootCas = null, X509Certificate2? ClientCertificate = null, string? ServerName = null)
{
    /// <summary>Loads <c>--tls-ca</c>, <c>--tls-cert</c>/<c>--tls-key</c> (both or neither) PEM files.</summary>
    public static ClientTls FromPemFiles(string? caPath, string? certPath, string? keyPath, string? serverName)
    {
        if ((certPath is null) != (keyPath is null))
        {
            throw new ArgumentException("a TLS client certificate needs both a certificate and a key file");
        }
        return new ClientTls(
            caPath is null ? null : PemFiles.LoadCertificates(caPath, "TLS CA"),
            certPath is null ? null : PemFiles.LoadCertificateWithKey(certPath, keyPath!, "TLS client certificate"),
            serverName);
    }

    /// <summary>Applies these settings to a handler's SSL options.</summary>
    /// <remarks>The HTTP handler sets the TLS target host from the address, so <see cref="ServerName"/> is checked here against the certificate instead.</remarks>
    internal void Apply(SslClientAuthenticationOptions ssl)
    {
        if (ClientCertificate is { } mine)
        {
            ssl.ClientCertificates = [mine];
            // Always offer our certificate, whatever issuer list the server advertises; the server decides.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => mine;
        }
        if (RootCas is { Count: > 0 } || ServerName is not null)
        {
            ssl.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => ValidateServer(certificate as X509Certificate2, chain, errors);
        }
    }

    private bool ValidateServer(X509Certificate2? server, X509Chain? chain, SslPolicyErrors errors)
    {
        if (server is null)
        {
            return false;
        }
        var nameOk = ServerName is null ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 : server.MatchesHostname(ServerName);
        if (!nameOk)
        {
            return false;
        }
        return RootCas is { Count: > 0 } roots
            ? CertificateTrust.ChainsTo(server, roots, CertificateTrust.ServerAuth, CertificateTrust.Intermediates(chain))
            : (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
    }
}
