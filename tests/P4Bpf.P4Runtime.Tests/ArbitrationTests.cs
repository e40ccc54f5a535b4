using Grpc.Core;
using P4.V1;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Client arbitration between controllers over loopback (§6.4, §16.3).</summary>
public sealed class ArbitrationTests : ServerTestBase
{
    private static async Task<MasterArbitrationUpdate> Next(Client.P4RuntimeClient c) =>
        await c.ArbitrationUpdates.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

    [Fact]
    public async Task PrimaryBackupAndTakeOver()
    {
        await using var server = await LoopbackServer.StartAsync();
        var a = await server.ConnectAsync(5);
        a.LastArbitration!.Status.Code.Should().Be((int)Google.Rpc.Code.Ok);
        a.LastArbitration.ElectionId.Low.Should().Be(5);
        a.LastArbitration.DeviceId.Should().Be(1);

        var b = await server.ConnectAsync(3);
        b.LastArbitration!.Status.Code.Should().Be((int)Google.Rpc.Code.AlreadyExists, "a backup learns that a primary exists");
        b.LastArbitration.ElectionId.Low.Should().Be(5, "the highest election id seen");
        var pipeline = TestPipeline.Get();
        await a.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig);
        await b.LoadP4InfoAsync();
        (await RpcError(() => b.InsertAsync(Route(b, "10.0.0.0/8")))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await b.ReadTableAsync()).Should().BeEmpty("backups may read");

        // A higher election id takes over; everybody is told.
        var c = await server.ConnectAsync(9);
        c.IsPrimary.Should().BeTrue();
        (await Next(a)).Status.Code.Should().Be((int)Google.Rpc.Code.AlreadyExists);
        (await Next(b)).Status.Code.Should().Be((int)Google.Rpc.Code.AlreadyExists);
        (await RpcError(() => a.InsertAsync(Route(a, "10.0.0.0/8")))).StatusCode.Should().Be(StatusCode.PermissionDenied, "the old primary is demoted");
        await c.LoadP4InfoAsync();
        await c.InsertAsync(Route(c, "10.0.0.0/8"));

        // The primary leaves: no automatic fail-over, the others hear there is no primary.
        await c.DisposeAsync();
        (await Next(a)).Status.Code.Should().Be((int)Google.Rpc.Code.NotFound);
        (await Next(b)).Status.Code.Should().Be((int)Google.Rpc.Code.NotFound);
        (await RpcError(() => a.InsertAsync(Route(a, "11.0.0.0/8")))).StatusCode.Should().Be(StatusCode.PermissionDenied);

        // Re-arbitrating with an id below the highest seen stays backup; at least the highest wins.
        (await a.ArbitrateAsync(8, cancellationToken: TestContext.Current.CancellationToken)).Status.Code.Should().Be((int)Google.Rpc.Code.NotFound);
        var promoted = await a.ArbitrateAsync(9, cancellationToken: TestContext.Current.CancellationToken);
        promoted.Status.Code.Should().Be((int)Google.Rpc.Code.Ok);
        await a.InsertAsync(Route(a, "11.0.0.0/8"));
    }

    [Fact]
    public async Task DuplicateElectionIdAndUnknownDevice_EndTheStream()
    {
        await using var server = await LoopbackServer.StartAsync();
        _ = await server.ConnectAsync(5);
        var dup = new Client.P4RuntimeClient(server.Address, 1, 5);
        await using (dup)
        {
            (await RpcError(() => dup.ConnectAsync())).StatusCode.Should().Be(StatusCode.InvalidArgument);
        }
        var unknown = new Client.P4RuntimeClient(server.Address, 77, 1);
        await using (unknown)
        {
            (await RpcError(() => unknown.ConnectAsync())).StatusCode.Should().Be(StatusCode.NotFound);
        }
    }

    [Fact]
    public async Task RolesAreArbitratedSeparately()
    {
        await using var server = await LoopbackServer.StartAsync();
        var a = await server.ConnectAsync(5);
        var other = await server.ConnectAsync(1, role: "monitor");
        other.IsPrimary.Should().BeTrue("each role has its own primary");
        other.LastArbitration!.Role.Name.Should().Be("monitor");
        a.IsPrimary.Should().BeTrue();
    }
}
