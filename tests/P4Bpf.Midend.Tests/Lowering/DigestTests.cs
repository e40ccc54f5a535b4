using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Architectures;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>v1model digest(): the struct is pushed to the digest queue and counted.</summary>
public sealed class DigestTests
{
    [Fact]
    public void DigestPushesTheStruct()
    {
        using var run = TestCompiler.Runner("v1_digest");
        var digest = run.Layout.Digests.Should().ContainSingle().Subject;
        TestCompiler.SetStateField(run, V1Model.StandardMetadataSlot, "ingress_port", 7);
        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2)));
        run.StateField(ArchitectureModel.IntrinsicsSlot, "digest_count").Should().Be(1);
        var value = run.Map(digest.Map).Queue.Should().ContainSingle().Subject;
        var mac = digest.Fields.First(f => f.Name == "mac");
        var port = digest.Fields.First(f => f.Name == "port");
        TableEntryEncoder.ReadField(value, mac.Offset, mac.Size, mac.Width, mac.Encoding).Should().Be(0x66778899aabb);
        TableEntryEncoder.ReadField(value, port.Offset, port.Size, port.Width, port.Encoding).Should().Be(7);
        run.Run("ingress", Arp());
        run.Map(digest.Map).Queue.Should().ContainSingle("no digest for non-IPv4");
        run.StateField(ArchitectureModel.IntrinsicsSlot, "digest_count").Should().Be(1, "the count is a pipeline slot the harness resets, not the program");
    }
}
