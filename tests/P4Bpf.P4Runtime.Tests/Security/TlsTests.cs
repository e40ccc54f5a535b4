using Grpc.Core;
using P4.V1;
using P4Bpf.P4Runtime.Client;
using P4Bpf.P4Runtime.Security;
using P4Bpf.P4Runtime.Server;

namespace P4Bpf.P4Runtime.Tests.Security;

/// <summary>TLS and mutual TLS on a real Kestrel listener on 127.0.0.1, with certificates made in the test.</summary>
public sealed class TlsTests : ServerTestBase, IDisposable
{
    private readonly TestPki pki = TestPki.Create();

    public void Dispose() => pki.Dispose();

    private static P4RuntimeServerOptions Options(ServerTls tls) => new() { Address = "127.0.0.1:0", DetailedErrors = true, Tls = tls };

    private static async Task<CapabilitiesResponse> Capabilities(string address, ClientTls? tls)
    {
        await using var client = new P4RuntimeClient(address, tls: tls);
        return await client.Stub.CapabilitiesAsync(new CapabilitiesRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
    }

    /// <summary>The call failed in the TLS handshake (the client refused the server, or the server tore the connection down).</summary>
    private static bool IsTlsFailure(RpcException e)
    {
        for (var ex = e.Status.DebugException; ex is not null; ex = ex.InnerException)
        {
            if (ex is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The server tore the connection down before any RPC ran (under TLS 1.3 the client may learn it only when the HTTP/2 preface gets no answer: Unavailable; else the handshake fails: Internal).</summary>
    private static async Task Refusal(Func<Task> call)
    {
        var e = await RpcError(call);
        e.StatusCode.Should().BeOneOf([StatusCode.Unavailable, StatusCode.Internal], "the connection fails during or right after the handshake, depending on timing");
        e.Status.DebugException.Should().NotBeNull();
    }

    [Fact]
    public async Task TlsClient_TrustingTheCa_CallsCapabilities()
    {
        await using var server = await LoopbackServer.StartAsync(options: Options(ServerTls.FromPemFiles(pki.ServerCert, pki.ServerKey)));
        server.Address.Should().StartWith("https://");

        var reply = await Capabilities(server.Address, ClientTls.FromPemFiles(pki.CaCert, null, null, null));
        reply.P4RuntimeApiVersion.Should().NotBeEmpty();
        var port = new Uri(server.Address).Port;
        (await Capabilities($"127.0.0.1:{port}", ClientTls.FromPemFiles(pki.CaCert, null, null, "localhost"))).P4RuntimeApiVersion.Should().NotBeEmpty("the certificate also names localhost");
    }

    [Fact]
    public async Task TlsServer_RefusesPlainTextClients_AndClientsRefuseAnUntrustedOrMisnamedServer()
    {
        await using var server = await LoopbackServer.StartAsync(options: Options(ServerTls.FromPemFiles(pki.ServerCert, pki.ServerKey)));
        var port = new Uri(server.Address).Port;

        await RpcError(() => Capabilities($"http://127.0.0.1:{port}", null));
        (await RpcError(() => Capabilities(server.Address, ClientTls.FromPemFiles(pki.OtherCaCert, null, null, null)))).Should().Match<RpcException>(e => IsTlsFailure(e), "the server certificate does not chain to the CA the client trusts");
        (await RpcError(() => Capabilities(server.Address, ClientTls.FromPemFiles(pki.CaCert, null, null, "switch.example")))).Should().Match<RpcException>(e => IsTlsFailure(e), "the certificate does not name switch.example");
    }

    [Fact]
    public async Task MutualTls_AdmitsOnlyClientsWithACertificateFromTheClientCa()
    {
        var tls = ServerTls.FromPemFiles(pki.ServerCert, pki.ServerKey, pki.CaCert);
        tls.MutualTls.Should().BeTrue();
        await using var server = await LoopbackServer.StartAsync(options: Options(tls));

        // A controller with a certificate of the CA gets a full session: arbitration, pipeline, writes.
        var good = ClientTls.FromPemFiles(pki.CaCert, pki.ClientCert, pki.ClientKey, null);
        (await Capabilities(server.Address, good)).P4RuntimeApiVersion.Should().NotBeEmpty();
        await using (var controller = new P4RuntimeClient(server.Address, 1, 5, tls: good))
        {
            (await controller.ConnectAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).Status.Code.Should().Be(0);
            var pipeline = TestPipeline.Get();
            await controller.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 1);
            await controller.InsertAsync(Route(controller, "10.0.0.0/8"));
            (await controller.ReadTableAsync("ipv4_lpm")).Should().ContainSingle();
        }

        // No certificate, or one from an unrelated CA: the handshake is refused and no RPC runs.
        await Refusal(() => Capabilities(server.Address, ClientTls.FromPemFiles(pki.CaCert, null, null, null)));
        await Refusal(() => Capabilities(server.Address, ClientTls.FromPemFiles(pki.CaCert, pki.OtherClientCert, pki.OtherClientKey, null)));
        // A server certificate is not a client certificate even though it comes from the right CA.
        await Refusal(() => Capabilities(server.Address, ClientTls.FromPemFiles(pki.CaCert, pki.ServerCert, pki.ServerKey, null)));
        (await Capabilities(server.Address, good)).P4RuntimeApiVersion.Should().NotBeEmpty("refused handshakes leave the server serving");
    }

    [Fact]
    public void BadPemFiles_GiveErrorsNamingTheFile()
    {
        var missing = Path.Combine(pki.Dir, "nope.pem");
        var ex = Assert.Throws<ArgumentException>(() => ServerTls.FromPemFiles(missing, pki.ServerKey));
        ex.Message.Should().Contain("nope.pem").And.Contain("no such file");
        Assert.Throws<ArgumentException>(() => ServerTls.FromPemFiles(pki.ServerCert, pki.ClientKey)).Message.Should().Contain("server.pem", "the key does not match");
        var garbage = Path.Combine(pki.Dir, "garbage.pem");
        File.WriteAllText(garbage, "not a certificate");
        Assert.Throws<ArgumentException>(() => ServerTls.FromPemFiles(pki.ServerCert, pki.ServerKey, garbage)).Message.Should().Contain("garbage.pem");
        Assert.Throws<ArgumentException>(() => ClientTls.FromPemFiles(null, pki.ClientCert, null, null)).Message.Should().Contain("both");
        Assert.Throws<ArgumentException>(() => new P4RuntimeClient("http://127.0.0.1:1", tls: new ClientTls())).Message.Should().Contain("plain-text");
    }
}
