using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace P4Bpf.P4Runtime.Security;

/// <summary>Loads PEM certificates and keys; every failure is an <see cref="ArgumentException"/> naming the file.</summary>
public static class PemFiles
{
    /// <summary>A certificate with its private key (<paramref name="certPath"/> may hold the chain after the leaf).</summary>
    public static X509Certificate2 LoadCertificateWithKey(string certPath, string keyPath, string what)
    {
        RequireFile(keyPath, what + " key");
        return Guard(certPath, what, () =>
        {
            using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            // Re-import through PKCS#12 so the key is usable by SslStream on every platform (ephemeral keys are not on Windows).
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        });
    }

    /// <summary>All certificates of a PEM bundle (at least one).</summary>
    public static X509Certificate2Collection LoadCertificates(string path, string what)
    {
        var collection = Guard(path, what, () =>
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates;
        });
        return collection.Count > 0 ? collection : throw new ArgumentException($"{what} '{path}': no PEM certificate in the file");
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"{what} '{path}': no such file");
        }
    }

    private static T Guard<T>(string path, string what, Func<T> load)
    {
        RequireFile(path, what);
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ArgumentException($"{what} '{path}': {ex.Message}", ex);
        }
    }
}
