using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.Runtime.Ports;
using P4Bpf.Tests.Shared;

namespace P4Bpf.Cli.Tests.Run;

/// <summary><c>p4bpf run</c> with Linux interfaces: the software switch on an AF_PACKET port inside a network namespace, and the kernel
/// target attached at XDP to a veth, programmed over P4Runtime. Frames are sent and counted with raw sockets on the veth ends.</summary>
public sealed class RunInterfaceTests
{
    private const string PassIpv4 = """
        #include <core.p4>
        #include <ebpf_model.p4>
        header eth_t { bit<48> dst; bit<48> src; bit<16> type; }
        struct headers_t { eth_t eth; }
        parser prs(packet_in p, out headers_t h) { state start { p.extract(h.eth); transition accept; } }
        control pipe(inout headers_t h, out bool pass) { apply { pass = h.eth.type == 0x0800; } }
        ebpfFilter(prs(), pipe()) main;
        """;

    /// <summary>An Ethernet + IPv4/UDP frame from <paramref name="source"/>, marked by <paramref name="mark"/> in the source MAC.</summary>
    private static byte[] Frame(byte mark, byte[] source, ushort etherType = 0x0800)
    {
        var f = new byte[64];
        byte[] dst = [0x02, 0, 0, 0, 0, 0x01], src = [0x02, 0xaa, 0xbb, 0xcc, 0xdd, mark];
        dst.CopyTo(f, 0);
        src.CopyTo(f, 6);
        f[12] = (byte)(etherType >> 8);
        f[13] = (byte)etherType;
        f[14] = 0x45;
        f[17] = 50; // total length
        f[22] = 64; // ttl
        f[23] = 17; // udp
        source.CopyTo(f, 26);
        byte[] dstIp = [10, 0, 0, 2];
        dstIp.CopyTo(f, 30);
        return f;
    }

    /// <summary>The marks of our frames (source MAC 02:aa:bb:cc:dd:MARK) received on <paramref name="port"/> within <paramref name="window"/>.</summary>
    private static List<byte> Marks(RawSocketPort port, TimeSpan window)
    {
        var marks = new List<byte>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline)
        {
            if (port.TryReceive(out var frame, TimeSpan.FromMilliseconds(50)) && frame.Length >= 12 && frame.AsSpan(6, 5).SequenceEqual(new byte[] { 0x02, 0xaa, 0xbb, 0xcc, 0xdd }))
            {
                marks.Add(frame[11]);
            }
        }
        return marks;
    }

    [Fact]
    public void Software_target_forwards_frames_of_an_interface_port_in_a_namespace()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var veth = VethPair.Create(outerInNamespace: true);
        var program = Path.Combine(Path.GetTempPath(), $"p4bpf-run-{Guid.NewGuid():N}.p4");
        File.WriteAllText(program, PassIpv4);
        try
        {
            using var run = RunProcess.Start(program, "--port", $"1=if:{veth.Outer}@{veth.Namespace}", "--duration", "20");
            run.Output.Should().Contain($"port 1: interface {veth.Outer}");
            using var peer = RawSocketPort.OpenInNamespace(2, veth.Inner, veth.Namespace);
            peer.Send(Frame(1, [10, 1, 1, 1]));
            peer.Send(Frame(2, [10, 1, 1, 2], etherType: 0x86dd));
            peer.Send(Frame(3, [10, 1, 1, 3]));
            Marks(peer, TimeSpan.FromSeconds(2)).Should().Equal([1, 3], "the filter passes IPv4 back out of port 1 and drops the rest");
        }
        finally
        {
            File.Delete(program);
        }
    }

    [Fact]
    public async Task Kernel_target_attaches_at_xdp_serves_the_kernel_maps_and_detaches()
    {
        Assert.SkipUnless(Tooling.HasKernelBpf, Tooling.NoKernelBpfReason);
        using var veth = VethPair.Create(outerInNamespace: false);
        var program = Path.Combine(Tooling.RepoRoot, "examples", "xdp-ddos", "xdp_ddos.p4");
        using var run = RunProcess.Start(program, "--target", "kernel", "--iface", $"1={veth.Outer}", "--duration", "8");
        run.Output.Should().Contain($"attached xdp_ddos (XDP) to {veth.Outer}");
        Tooling.Run("ip", $"link show {veth.Outer}").Stdout.Should().Contain("xdp");

        await using (var client = new P4RuntimeClient(run.Address))
        {
            await client.ConnectAsync(cancellationToken: TestContext.Current.CancellationToken);
            await client.LoadP4InfoAsync();
            await client.InsertAsync(client.Entry("blocklist", new Dictionary<string, string> { ["hdr.ipv4.srcAddr"] = "10.9.0.0/16" }, "block",
                new Dictionary<string, string> { ["slot"] = "5" }));
            var entries = await client.ReadTableAsync("blocklist");
            entries.Should().ContainSingle();
            entries[0].Match.Should().ContainSingle().Which.Lpm.PrefixLen.Should().Be(16);

            // The far end: frames XDP passes reach the stack, where an AF_PACKET socket on the attached interface sees them.
            using var seen = RawSocketPort.Open(1, veth.Outer);
            using var peer = RawSocketPort.OpenInNamespace(2, veth.Inner, veth.Namespace);
            peer.Send(Frame(1, [10, 9, 1, 1]));
            peer.Send(Frame(2, [10, 8, 1, 1]));
            peer.Send(Frame(3, [10, 9, 200, 7]));
            peer.Send(Frame(4, [192, 168, 1, 1]));
            Marks(seen, TimeSpan.FromSeconds(1.5)).Should().Equal([2, 4], "XDP drops the blocked 10.9.0.0/16 sources and passes the others");

            var dropped = await client.ReadCounterAsync("dropped", 5);
            dropped.Should().ContainSingle().Which.Data.PacketCount.Should().Be(2, "the kernel counted both blocked frames in slot 5");
        }

        run.WaitForExit(15_000).Should().Be(0, run.Output);
        Tooling.Run("ip", $"link show {veth.Outer}").Stdout.Should().NotContain("prog/xdp", "the program is detached on exit");
    }

    [Fact]
    public void Kernel_target_refuses_v1model_with_not_supported_yet()
    {
        var program = Path.Combine(Tooling.RepoRoot, "examples", "l2-switch", "l2_switch.p4");
        var cli = Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");
        var (code, _, err) = Tooling.Run("dotnet", $"{cli} run {program} --target kernel --iface 1=lo --grpc-addr 127.0.0.1:0", timeoutMs: 60_000);
        code.Should().NotBe(0);
        err.Should().Contain("not supported yet: attaching v1model");
    }

    [Fact]
    public void Bad_port_and_iface_options_are_located_errors()
    {
        var program = Path.Combine(Tooling.RepoRoot, "examples", "xdp-ddos", "xdp_ddos.p4");
        var cli = Path.Combine(AppContext.BaseDirectory, "p4bpf.dll");
        Tooling.Run("dotnet", $"{cli} run {program} --port 1=eth0").Stderr.Should().Contain("bad --port '1=eth0'");
        Tooling.Run("dotnet", $"{cli} run {program} --iface 1=veth0").Stderr.Should().Contain("--iface is for --target kernel");
        Tooling.Run("dotnet", $"{cli} run {program} --target kernel").Stderr.Should().Contain("needs at least one --iface");
    }
}
