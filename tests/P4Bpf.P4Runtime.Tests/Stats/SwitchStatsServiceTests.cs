using Grpc.Core;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Security;
using P4Bpf.P4Runtime.Server;
using P4Bpf.P4Runtime.Tests.Security;

namespace P4Bpf.P4Runtime.Tests.Stats;

/// <summary>p4bpf.SwitchStats on the P4Runtime listener: it shares the listener's mutual TLS, and reports the switch's own counts.</summary>
public sealed class SwitchStatsServiceTests : ServerTestBase, IDisposable
{
    private readonly TestPki pki = TestPki.Create();

    public void Dispose() => pki.Dispose();

    [Fact]
    public async Task UnderMutualTls_AnswersCertifiedClients_WithTheSwitchsCounts_AndRefusesOthers()
    {
        var options = new P4RuntimeServerOptions { Address = "127.0.0.1:0", DetailedErrors = true, Tls = ServerTls.FromPemFiles(pki.ServerCert, pki.ServerKey, pki.CaCert) };
        await using var server = await LoopbackServer.StartAsync(options: options);
        var good = ClientTls.FromPemFiles(pki.CaCert, pki.ClientCert, pki.ClientKey, null);
        await using var controller = new P4RuntimeClient(server.Address, 1, 5, tls: good);
        (await controller.ConnectAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Status.Code.Should().Be(0);
        var pipeline = TestPipeline.Get();
        await controller.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 1);
        await controller.InsertAsync(Route(controller, "10.0.0.0/8", port: "6"));
        var packet = Packets.Ipv4(0x0a000001);
        server.Switch!.Inject(2, packet);
        server.Switch.Inject(2, packet);

        var stats = await controller.GetSwitchStatsAsync(TestContext.Current.CancellationToken);
        stats.Should().NotBeNull();
        var own = server.Switch.Statistics;
        stats!.Ports.Select(p => (p.Port, p.RxPackets, p.RxBytes, p.TxPackets, p.TxBytes))
            .Should().Equal(own.Ports.Select(p => ((uint)p.Port, (ulong)p.RxPackets, (ulong)p.RxBytes, (ulong)p.TxPackets, (ulong)p.TxBytes)));
        stats.Ports.Should().HaveCount(2);
        stats.Ports.Single(p => p.Port == 6).TxPackets.Should().Be(2);
        (stats.Received, stats.Sent, stats.Dropped).Should().Be((2UL, 2UL, 0UL));

        // No client certificate: the handshake is refused before the service runs.
        await using var anonymous = new P4RuntimeClient(server.Address, 1, tls: ClientTls.FromPemFiles(pki.CaCert, null, null, null));
        var refused = await RpcError(() => anonymous.GetSwitchStatsAsync(TestContext.Current.CancellationToken));
        refused.StatusCode.Should().BeOneOf(StatusCode.Unavailable, StatusCode.Internal);
    }
}
