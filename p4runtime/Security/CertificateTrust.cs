using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace P4Bpf.P4Runtime.Security;

/// <summary>Chain validation against an explicit set of CA certificates only (the system store is ignored).</summary>
public static class CertificateTrust
{
    /// <summary>TLS Web Server Authentication (RFC 5280 id-kp-serverAuth).</summary>
    public static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <summary>TLS Web Client Authentication (RFC 5280 id-kp-clientAuth).</summary>
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>True when <paramref name="certificate"/> chains to one of <paramref name="roots"/>, is valid now and allows <paramref name="usage"/>.</summary>
    /// <param name="extra">Intermediates the peer sent (may be null).</param>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots, Oid usage, X509Certificate2Collection? extra = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        if (extra is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(extra);
        }
        try
        {
            return chain.Build(certificate);
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                // The chain hands out its own copies; never dispose a certificate the caller owns.
                if (!ReferenceEquals(element.Certificate, certificate) && !Owned(roots, element.Certificate) && (extra is null || !Owned(extra, element.Certificate)))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }

    private static bool Owned(X509Certificate2Collection collection, X509Certificate2 candidate)
    {
        foreach (var certificate in collection)
        {
            if (ReferenceEquals(certificate, candidate))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The intermediates of a chain the TLS stack built (everything past the leaf).</summary>
    internal static X509Certificate2Collection? Intermediates(X509Chain? chain)
    {
        if (chain is null)
        {
            return null;
        }
        var result = new X509Certificate2Collection();
        foreach (var certificate in chain.ChainPolicy.ExtraStore)
        {
            result.Add(certificate);
        }
        return result;
    }
}
