using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Run;

/// <summary>A fresh network namespace and a veth pair: <see cref="Inner"/> always in the namespace, <see cref="Outer"/> in the namespace
/// too or in the root namespace; both up. Everything is deleted on dispose.</summary>
internal sealed class VethPair : IDisposable
{
    private VethPair(string ns, string outer, string inner, bool outerInNamespace)
    {
        Namespace = ns;
        Outer = outer;
        Inner = inner;
        OuterInNamespace = outerInNamespace;
    }

    public string Namespace { get; }

    public string Outer { get; }

    public string Inner { get; }

    public bool OuterInNamespace { get; }

    public static VethPair Create(bool outerInNamespace)
    {
        var tag = Random.Shared.Next(0x100000).ToString("x5", System.Globalization.CultureInfo.InvariantCulture);
        var pair = new VethPair($"p4t{tag}", $"p4o{tag}", $"p4i{tag}", outerInNamespace);
        try
        {
            Ip($"netns add {pair.Namespace}");
            var n = outerInNamespace ? $"-n {pair.Namespace} " : "";
            Ip($"{n}link add {pair.Outer} type veth peer name {pair.Inner} netns {pair.Namespace}");
            Ip($"{n}link set {pair.Outer} up");
            Ip($"-n {pair.Namespace} link set {pair.Inner} up");
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    private static void Ip(string args)
    {
        var (code, _, err) = Tooling.Run("ip", args, timeoutMs: 10_000);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {args}: {err}");
        }
    }

    public void Dispose()
    {
        // Deleting the namespace deletes the veth ends in it; a root-namespace end goes with its peer.
        Tooling.Run("ip", $"netns del {Namespace}", timeoutMs: 10_000);
        if (!OuterInNamespace)
        {
            Tooling.Run("ip", $"link del {Outer}", timeoutMs: 10_000);
        }
    }
}
