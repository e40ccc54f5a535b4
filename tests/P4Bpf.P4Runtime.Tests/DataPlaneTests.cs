using P4.V1;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Packets through the real switch running the compiled router, programmed over P4Runtime; packet-in and packet-out.</summary>
public sealed class DataPlaneTests : ServerTestBase
{
    [Fact]
    public async Task Packets_AreForwardedAccordingToEntriesWrittenOverP4Runtime()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.PrimaryWithPipelineAsync();
        await c.InsertAsync(Route(c, "10.0.0.0/8", mac: "aa:bb:cc:dd:ee:ff", port: "3"));
        await c.InsertAsync(Route(c, "10.1.0.0/16", mac: "0x020000000001", port: "4"));

        var result = server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(10, 9, 8, 7), ttl: 64));
        var output = result.Outputs.Should().ContainSingle().Subject;
        output.Port.Should().Be(3);
        output.Data[..6].Should().Equal(0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);
        output.Data[22].Should().Be(63);
        server.Switch.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3))).Outputs.Single().Port.Should().Be(4, "the longest prefix wins");
        server.Switch.Inject(1, Packets.Ipv4(Packets.Ip(11, 0, 0, 1))).Outputs.Should().BeEmpty("a miss runs the default drop");

        await c.DeleteAsync(Route(c, "10.1.0.0/16"));
        server.Switch.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3))).Outputs.Single().Port.Should().Be(3);
        await c.ModifyAsync(c.DefaultEntry("ipv4_lpm", "ipv4_forward", new Dictionary<string, string> { ["dstAddr"] = "1", ["port"] = "6" }));
        server.Switch.Inject(1, Packets.Ipv4(Packets.Ip(11, 0, 0, 1))).Outputs.Single().Port.Should().Be(6, "the default entry written over P4Runtime");
    }

    [Fact]
    public async Task PacketIn_CarriesControllerMetadata_PacketOut_LeavesOnTheRequestedPort()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.PrimaryWithPipelineAsync();
        await c.InsertAsync(Route(c, "10.0.0.0/8"));
        await c.InsertAsync(c.Entry("acl", new Dictionary<string, string> { ["protocol"] = "6" }, "to_cpu", priority: 10));

        var tcp = Packets.Ipv4(Packets.Ip(10, 0, 0, 9), protocol: 6);
        server.Switch!.Inject(7, tcp);
        var packetIn = await c.PacketIns.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var ingressPortId = c.P4Info!.PacketIn!.Metadata.Single(m => m.Name == "ingress_port").Id;
        packetIn.Metadata.Single(m => m.MetadataId == ingressPortId).Value.Should().Equal(B(7));
        packetIn.Payload.Length.Should().Be(tcp.Length);
        packetIn.Payload.Span[23].Should().Be(6);

        var outputs = new List<Runtime.Switch.SwitchOutput>();
        server.Switch.PacketOut += outputs.Add;
        var payload = Packets.Ipv4(Packets.Ip(192, 168, 0, 1));
        await c.SendPacketOutAsync(payload, new Dictionary<string, System.Numerics.BigInteger> { ["egress_port"] = 5, ["_pad"] = 0 });
        for (var i = 0; i < 100 && outputs.Count == 0; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        var sent = outputs.Should().ContainSingle().Subject;
        sent.Port.Should().Be(5);
        sent.Data.Should().Equal(payload, "the packet_out header is consumed by the pipeline");

        // Bad metadata is dropped with a StreamError naming the packet.
        await c.SendPacketOutAsync(payload, new Dictionary<string, System.Numerics.BigInteger> { ["egress_port"] = 5 });
        var error = await c.StreamErrors.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        error.CanonicalCode.Should().Be((int)Google.Rpc.Code.InvalidArgument);
        error.PacketOut.Should().NotBeNull();
    }

    [Fact]
    public async Task PacketIns_GoOnlyToThePrimary()
    {
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.PrimaryWithPipelineAsync();
        var backup = await server.ConnectAsync(2);
        await c.InsertAsync(Route(c, "10.0.0.0/8"));
        await c.InsertAsync(c.Entry("acl", new Dictionary<string, string> { ["srcAddr"] = "10.0.0.1" }, "to_cpu", priority: 1));
        server.Switch!.Inject(2, Packets.Ipv4(Packets.Ip(10, 0, 0, 9)));
        (await c.PacketIns.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Payload.Length.Should().BeGreaterThan(0);
        backup.PacketIns.TryRead(out _).Should().BeFalse();
        await backup.SendPacketOutAsync([1, 2, 3]);
        var error = await backup.StreamErrors.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        error.CanonicalCode.Should().Be((int)Google.Rpc.Code.PermissionDenied, "only the primary may send packets");
    }
}
