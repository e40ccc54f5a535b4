using Grpc.Core;
using P4.V1;
using SetAction = P4.V1.SetForwardingPipelineConfigRequest.Types.Action;
using ResponseType = P4.V1.GetForwardingPipelineConfigRequest.Types.ResponseType;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Capabilities, SetForwardingPipelineConfig (every action) and GetForwardingPipelineConfig (every response type) over loopback.</summary>
public sealed class PipelineConfigTests : ServerTestBase
{
    [Fact]
    public async Task Capabilities_ReportVersion_UnknownDeviceIsNotFound()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = await server.ConnectAsync();
        (await client.CapabilitiesAsync()).Should().Be("1.5.0");
        var error = await RpcError(() => client.Stub.CapabilitiesAsync(new CapabilitiesRequest { DeviceId = 99 }).ResponseAsync);
        error.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task BeforeAPipeline_GetIsUnset_WriteAndReadAreFailedPrecondition()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = await server.ConnectAsync();
        (await client.GetPipelineAsync()).Should().BeNull();
        (await RpcError(() => client.WriteAsync([]))).StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await RpcError(() => client.ReadAsync(new Entity { TableEntry = new TableEntry() }))).StatusCode.Should().Be(StatusCode.FailedPrecondition);
        var other = new Client.P4RuntimeClient(server.Address, deviceId: 5);
        await using (other)
        {
            (await RpcError(() => other.WriteAsync([]))).StatusCode.Should().Be(StatusCode.NotFound, "unknown device comes first");
        }
    }

    [Fact]
    public async Task SetPipeline_EveryAction()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = await server.ConnectAsync(3);
        var pipeline = TestPipeline.Get();

        // VERIFY checks and changes nothing; a broken device config is INVALID_ARGUMENT.
        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 1, SetAction.Verify);
        (await client.GetPipelineAsync()).Should().BeNull();
        (await RpcError(() => client.SetPipelineAsync(pipeline.P4Info, [1, 2, 3], 1, SetAction.Verify))).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await RpcError(() => client.SetPipelineAsync(null, null, null, SetAction.VerifyAndCommit))).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await RpcError(() => client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 1, SetAction.Unspecified))).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await RpcError(() => client.SetPipelineAsync(null, null, null, SetAction.Commit))).StatusCode.Should().Be(StatusCode.NotFound, "nothing saved");

        // VERIFY_AND_SAVE: writes go to the saved config and are realised by COMMIT.
        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 11, SetAction.VerifyAndSave);
        await client.InsertAsync(Route(client, "10.0.0.0/8"));
        server.Switch.Should().BeNull("nothing is realised before COMMIT");
        (await RpcError(() => client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 11, SetAction.Commit))).StatusCode.Should().Be(StatusCode.InvalidArgument, "COMMIT takes no config");
        await client.SetPipelineAsync(null, null, null, SetAction.Commit);
        server.Switch!.Control.ReadEntries("MyIngress.ipv4_lpm").Should().ContainSingle("the saved write was replayed");
        (await client.ReadTableAsync("ipv4_lpm")).Should().ContainSingle();

        // RECONCILE_AND_COMMIT keeps the forwarding state in a new data plane.
        var before = server.Switch;
        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 12, SetAction.ReconcileAndCommit);
        server.Switch.Should().NotBeSameAs(before);
        server.Switch!.Control.ReadEntries("MyIngress.ipv4_lpm").Should().ContainSingle();
        (await client.GetPipelineAsync(ResponseType.CookieOnly))!.Cookie.Cookie_.Should().Be(12);

        // VERIFY_AND_COMMIT clears the forwarding state.
        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, 13, SetAction.VerifyAndCommit);
        (await client.ReadTableAsync("ipv4_lpm")).Should().BeEmpty();
        server.Switch!.Control.ReadEntries("MyIngress.ipv4_lpm").Should().BeEmpty();
    }

    [Fact]
    public async Task GetPipeline_EveryResponseType_AndLegacyWrapper()
    {
        await using var server = await LoopbackServer.StartAsync();
        var client = await server.ConnectAsync(3);
        var pipeline = TestPipeline.Get();
        var wrapped = new P4.Tmp.P4DeviceConfig { Reassign = true, DeviceData = Google.Protobuf.ByteString.CopyFrom(pipeline.DeviceConfig) };
        await client.SetPipelineAsync(pipeline.P4Info, Google.Protobuf.MessageExtensions.ToByteArray(wrapped), 42);

        var all = (await client.GetPipelineAsync(ResponseType.All))!;
        all.P4Info.Should().Be(pipeline.P4Info);
        all.P4DeviceConfig.Length.Should().BeGreaterThan(pipeline.DeviceConfig.Length - 1);
        all.Cookie.Cookie_.Should().Be(42);
        var cookie = (await client.GetPipelineAsync(ResponseType.CookieOnly))!;
        cookie.P4Info.Should().BeNull();
        cookie.P4DeviceConfig.IsEmpty.Should().BeTrue();
        cookie.Cookie.Cookie_.Should().Be(42);
        var info = (await client.GetPipelineAsync(ResponseType.P4InfoAndCookie))!;
        info.P4Info.Should().Be(pipeline.P4Info);
        info.P4DeviceConfig.IsEmpty.Should().BeTrue();
        var device = (await client.GetPipelineAsync(ResponseType.DeviceConfigAndCookie))!;
        device.P4Info.Should().BeNull();
        device.P4DeviceConfig.IsEmpty.Should().BeFalse();

        await client.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig, null);
        (await client.GetPipelineAsync(ResponseType.CookieOnly))!.Cookie.Should().BeNull("the cookie is returned only when it was set");
    }

    [Fact]
    public async Task SetPipeline_FromABackup_IsPermissionDenied()
    {
        await using var server = await LoopbackServer.StartAsync();
        _ = await server.ConnectAsync(10);
        var backup = await server.ConnectAsync(3);
        backup.IsPrimary.Should().BeFalse();
        var pipeline = TestPipeline.Get();
        (await RpcError(() => backup.SetPipelineAsync(pipeline.P4Info, pipeline.DeviceConfig))).StatusCode.Should().Be(StatusCode.PermissionDenied);
    }
}
