using P4Bpf.P4Runtime.Security;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>The chain check mutual TLS relies on: only the given CAs, and the right key usage.</summary>
public sealed class CertificateTrustTests
{
    [Fact]
    public void ChainsTo_AcceptsOnlyCertificatesOfTheGivenCa_WithTheRightUsage()
    {
        using var pki = TestPki.Create();
        var ca = PemFiles.LoadCertificates(pki.CaCert, "CA");
        var other = PemFiles.LoadCertificates(pki.OtherCaCert, "CA");
        using var client = PemFiles.LoadCertificateWithKey(pki.ClientCert, pki.ClientKey, "client");
        using var intruder = PemFiles.LoadCertificateWithKey(pki.OtherClientCert, pki.OtherClientKey, "intruder");
        using var server = PemFiles.LoadCertificateWithKey(pki.ServerCert, pki.ServerKey, "server");

        CertificateTrust.ChainsTo(client, ca, CertificateTrust.ClientAuth).Should().BeTrue();
        CertificateTrust.ChainsTo(intruder, ca, CertificateTrust.ClientAuth).Should().BeFalse("another CA's certificate");
        CertificateTrust.ChainsTo(intruder, other, CertificateTrust.ClientAuth).Should().BeTrue();
        CertificateTrust.ChainsTo(client, other, CertificateTrust.ClientAuth).Should().BeFalse();
        CertificateTrust.ChainsTo(server, ca, CertificateTrust.ClientAuth).Should().BeFalse("a server certificate is not for client authentication");
        CertificateTrust.ChainsTo(server, ca, CertificateTrust.ServerAuth).Should().BeTrue();
        CertificateTrust.ChainsTo(ca[0], other, CertificateTrust.ServerAuth).Should().BeFalse("a self-signed CA outside the set");
    }
}
