
namespace P4Bpf.Front;

/// <summary>The architecture headers (<c>core.p4</c>, <c>v1model.p4</c>, …) embedded in this assembly, served for <c>#include &lt;…&gt;</c>.</summary>
public static class ArchitectureHeaders
{
    private const string Prefix = "include/";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Headers = new(Load);

    /// <summary>Include paths that p4c's target folders use for the same standard header (e.g. <c>bmv2/psa.p4</c>).</summary>
    private static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bmv2/psa.p4"] = "psa.p4",
        ["dpdk/psa.p4"] = "psa.p4",
    };

    /// <summary>The file names of the embedded headers, sorted.</summary>
    public static IReadOnlyList<string> Names => Headers.Value.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Looks up an embedded header by its file name (e.g. <c>core.p4</c>).</summary>
    public static bool TryGet(string fileName, out string text)
    {
        if (Aliases.TryGetValue(fileName, out var alias))
        {
            fileName = alias;
        }
        if (Headers.Value.TryGetValue(fileName, out var found))
        {
            text = found;
            return true;
        }
        text = "";
        return false;
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        var assembly = typeof(ArchitectureHeaders).Assembly;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name);
            if (stream is null)
            {
                continue;
            }
            using var reader = new StreamReader(stream);
            result[name[Prefix.Length..]] = reader.ReadToEnd();
        }
        return result;
    }
}
