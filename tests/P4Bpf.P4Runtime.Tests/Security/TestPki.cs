using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>Certificates made in the test: a CA with a server (127.0.0.1/localhost) and a client certificate, and an unrelated CA with its own client certificate; all written as PEM files to a temporary folder.</summary>
internal sealed class TestPki : IDisposable
{
    private TestPki(string dir) => Dir = dir;

    public string Dir { get; }

    public string CaCert => Path.Combine(Dir, "ca.pem");
    public string ServerCert => Path.Combine(Dir, "server.pem");
    public string ServerKey => Path.Combine(Dir, "server.key");
    public string ClientCert => Path.Combine(Dir, "client.pem");
    public string ClientKey => Path.Combine(Dir, "client.key");
    public string OtherCaCert => Path.Combine(Dir, "other-ca.pem");
    public string OtherClientCert => Path.Combine(Dir, "other-client.pem");
    public string OtherClientKey => Path.Combine(Dir, "other-client.key");

    public static TestPki Create()
    {
        var pki = new TestPki(Directory.CreateTempSubdirectory("p4bpf-pki-").FullName);
        using var ca = MakeCa("CN=p4bpf test CA");
        using var other = MakeCa("CN=p4bpf other CA");
        File.WriteAllText(pki.CaCert, ca.ExportCertificatePem());
        File.WriteAllText(pki.OtherCaCert, other.ExportCertificatePem());
        WriteLeaf(ca, "CN=127.0.0.1", server: true, pki.ServerCert, pki.ServerKey);
        WriteLeaf(ca, "CN=controller", server: false, pki.ClientCert, pki.ClientKey);
        WriteLeaf(other, "CN=intruder", server: false, pki.OtherClientCert, pki.OtherClientKey);
        return pki;
    }

    private static X509Certificate2 MakeCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static void WriteLeaf(X509Certificate2 issuer, string name, bool server, string certPath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var cert = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
