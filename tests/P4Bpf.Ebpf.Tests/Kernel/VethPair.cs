using P4Bpf.Tests.Shared;

namespace P4Bpf.Ebpf.Tests.Kernel;

/// <summary>A veth pair for attach tests: <see cref="HostInterface"/> in our namespace, its peer in a fresh network namespace,
/// so frames <see cref="SendFromNamespace"/> sends out of the peer arrive on the host end. Dispose deletes the namespace and the pair.</summary>
internal sealed class VethPair : IDisposable
{
    private VethPair(string ns, string host, string peer)
    {
        Namespace = ns;
        HostInterface = host;
        PeerInterface = peer;
    }

    public string Namespace { get; }

    public string HostInterface { get; }

    public string PeerInterface { get; }

    public static bool CanCreate => Tooling.HasKernelBpf && (File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip"));

    public const string CannotCreateReason = "requires root and iproute2 to create a veth pair in a network namespace";

    public static VethPair Create()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var pair = new VethPair($"p4bpf-{id}", $"p4h{id}", $"p4n{id}");
        try
        {
            Ip($"netns add {pair.Namespace}");
            Ip($"link add {pair.HostInterface} type veth peer name {pair.PeerInterface} netns {pair.Namespace}");
            // No IPv6 addresses, so no DAD or router solicitations: the only frames crossing the pair are the test's.
            Ip($"link set {pair.HostInterface} addrgenmode none");
            Ip($"-n {pair.Namespace} link set {pair.PeerInterface} addrgenmode none");
            Ip($"link set {pair.HostInterface} up");
            Ip($"-n {pair.Namespace} link set {pair.PeerInterface} up");
            Ip($"-n {pair.Namespace} link set lo up");
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="count"/> broadcast frames (EtherType 0x88b5, local experimental) out of the peer, into the host end.</summary>
    public void SendFromNamespace(int count)
    {
        var frame = new byte[60];
        frame.AsSpan(0, 6).Fill(0xff);
        frame[6] = 0x02;
        frame[11] = 0x01;
        frame[12] = 0x88;
        frame[13] = 0xb5;
        NamespaceSocket.Send(Namespace, PeerInterface, frame, count);
    }

    private static void Ip(string arguments)
    {
        var (code, stdout, stderr) = Tooling.Run("ip", arguments, timeoutMs: 30_000);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed ({code}): {stdout}{stderr}");
        }
    }

    public void Dispose()
    {
        // Deleting the namespace deletes the peer, which deletes the host end too; the explicit delete covers a half-made pair.
        Tooling.Run("ip", $"link del {HostInterface}", timeoutMs: 30_000);
        Tooling.Run("ip", $"netns del {Namespace}", timeoutMs: 30_000);
    }
}
