using P4Bpf.Runtime.Ports;
using P4Bpf.Runtime.Switch;
using P4Bpf.Runtime.Tests.StfRun;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Runtime.Tests.Ports;

/// <summary>AF_PACKET ports on veth pairs whose peers live in a network namespace the test creates and deletes (root only).</summary>
public sealed class RawSocketPortTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);
    private readonly string _ns = $"p4bpf-t{Environment.ProcessId % 100000}-{Random.Shared.Next(1000)}";
    private readonly List<string> _links = [];
    private bool _nsCreated;

    /// <summary>Interface names unique to this test instance (other worktrees may run the same tests at the same time).</summary>
    private readonly string _tag = Random.Shared.Next(0x10000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root"
        && (File.Exists("/usr/sbin/ip") || File.Exists("/sbin/ip") || File.Exists("/usr/bin/ip"));

    private string If(string name) => $"p4b{_tag}{name}";

    private static void Ip(string args)
    {
        var (code, _, err) = Tooling.Run("ip", args, timeoutMs: 10_000);
        code.Should().Be(0, $"ip {args}: {err}");
    }

    /// <summary>Creates veth pair <c>rootSide</c> (here) ↔ <c>nsSide</c> (in the namespace), both up, IPv6 off to keep them quiet.</summary>
    private void VethPair(string rootSide, string nsSide)
    {
        if (!_nsCreated)
        {
            Ip($"netns add {_ns}");
            _nsCreated = true;
        }
        Ip($"link add {rootSide} type veth peer name {nsSide}");
        _links.Add(rootSide);
        Ip($"link set {nsSide} netns {_ns}");
        File.WriteAllText($"/proc/sys/net/ipv6/conf/{rootSide}/disable_ipv6", "1");
        Ip($"netns exec {_ns} sysctl -qw net.ipv6.conf.{nsSide}.disable_ipv6=1");
        Ip($"link set {rootSide} up");
        Ip($"netns exec {_ns} ip link set {nsSide} up");
    }

    private static byte[] Frame(byte marker, int length = 60)
    {
        var f = new byte[length];
        Convert.FromHexString("02000000000102000000000288b5").CopyTo(f, 0);   // local MACs, ethertype 0x88b5 (local experimental)
        f[14] = marker;
        return f;
    }

    /// <summary>Receives until a frame whose byte 14 is <paramref name="marker"/> arrives (other traffic is ignored) or the wait ends.</summary>
    private static byte[]? ReceiveMarked(RawSocketPort port, byte marker, int offset = 14)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (port.TryReceive(out var p, deadline - DateTime.UtcNow) && p.Length > offset && p[offset] == marker)
            {
                return p;
            }
        }
        return null;
    }

    [Fact]
    public void Frames_cross_a_veth_pair_into_and_out_of_a_namespace()
    {
        Assert.SkipUnless(IsRoot, "needs root and iproute2 (ip netns, veth)");
        VethPair(If("A0"), If("B0"));
        using var here = RawSocketPort.Open(0, If("A0"));
        using var there = RawSocketPort.OpenInNamespace(1, If("B0"), _ns);
        here.Ifindex.Should().BeGreaterThan(0);
        there.Send(Frame(0x5a));
        ReceiveMarked(here, 0x5a).Should().Equal(Frame(0x5a));
        here.Send(Frame(0xa5, 100));
        ReceiveMarked(there, 0xa5).Should().Equal(Frame(0xa5, 100));
        // Our own transmissions are not echoed back to us.
        ReceiveMarked(here, 0xa5).Should().BeNull();
    }

    [Fact]
    public void A_switch_forwards_between_two_interfaces()
    {
        Assert.SkipUnless(IsRoot, "needs root and iproute2 (ip netns, veth)");
        VethPair(If("A0"), If("B0"));
        VethPair(If("A1"), If("B1"));
        using var port0 = RawSocketPort.Open(0, If("A0"));
        using var port1 = RawSocketPort.Open(1, If("A1"));
        using var sender = RawSocketPort.OpenInNamespace(0, If("B0"), _ns);
        using var receiver = RawSocketPort.OpenInNamespace(1, If("B1"), _ns);
        // v1_match.p4 parses 12 bytes (op, addr, port, five results) and sends everything to port 1; t_exact writes r_exact.
        var folder = Path.Combine(Tooling.RepoRoot, "tests", "P4Bpf.Runtime.Tests", "testdata", "stf-p4");
        using var sw = P4Switch.Load(StfFromP4Tests.Compile(Path.Combine(folder, "v1_match.p4")));
        sw.Control.AddEntry(new Control.TableEntry("t_exact", [new Control.FieldMatch.Exact(0x0000_0000)], "set_exact", [0x77]));
        var frame = Frame(0x42);   // bytes 0-11 are the P4 header here: op 02, addr 00000000, port 0001, results 000000 …
        sender.Send(frame);
        var deadline = DateTime.UtcNow + Wait;
        var forwarded = 0;
        while (forwarded == 0 && DateTime.UtcNow < deadline)
        {
            if (port0.TryReceive(out var p, TimeSpan.FromMilliseconds(200)) && p.Length > 14 && p[14] == 0x42)
            {
                foreach (var o in sw.Inject(port0.Number, p).Outputs)
                {
                    o.Port.Should().Be(1);
                    port1.Send(o.Data);
                    forwarded++;
                }
            }
        }
        forwarded.Should().Be(1);
        var expected = (byte[])frame.Clone();
        expected[7] = 0x77;   // r_exact
        ReceiveMarked(receiver, 0x42).Should().Equal(expected);
    }

    [Fact]
    public void Bad_interfaces_and_namespaces_are_typed_errors()
    {
        Assert.SkipUnless(IsRoot, "needs root");
        FluentActions.Invoking(() => RawSocketPort.Open(0, "p4b-nosuch0")).Should().Throw<IOException>().WithMessage("*no such interface*");
        FluentActions.Invoking(() => RawSocketPort.OpenInNamespace(0, "lo", "p4bpf-nosuch-ns")).Should().Throw<IOException>().WithMessage("*p4bpf-nosuch-ns*");
    }

    public void Dispose()
    {
        foreach (var l in _links)
        {
            Tooling.Run("ip", $"link del {l}", timeoutMs: 10_000);
        }
        if (_nsCreated)
        {
            Tooling.Run("ip", $"netns del {_ns}", timeoutMs: 10_000);
        }
    }
}
