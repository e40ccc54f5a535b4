using System.Security.Cryptography.X509Certificates;

namespace P4Bpf.P4Runtime.Security;

/// <summary>TLS for the P4Runtime server: its certificate and, for mutual TLS, the CAs a client certificate must chain to.</summary>
/// <param name="Certificate">The server certificate with its private key.</param>
/// <param name="ClientCas">When set, every client must present a certificate chaining to one of these (and only these) CAs.</param>
public sealed record ServerTls(X509Certificate2 Certificate, X509Certificate2Collection? ClientCas = null)
{
    public bool MutualTls => ClientCas is { Count: > 0 };

    /// <summary>Loads <c>--tls-cert</c>, <c>--tls-key</c> and optionally <c>--tls-client-ca</c> PEM files.</summary>
    public static ServerTls FromPemFiles(string certPath, string keyPath, string? clientCaPath = null) =>
        new(PemFiles.LoadCertificateWithKey(certPath, keyPath, "TLS certificate"),
            clientCaPath is null ? null : PemFiles.LoadCertificates(clientCaPath, "TLS client CA"));
}
