using P4.Config.V1;
using P4Bpf.P4Runtime.P4InfoGen;
using P4InfoMessage = P4.Config.V1.P4Info;

namespace P4Bpf.P4Runtime.Tests;

public sealed class P4InfoBuilderTests
{
    [Theory]
    [InlineData("MyIngress.ipv4_lpm", 0x02, 37375156u)]
    [InlineData("NoAction", 0x01, 21257015u)]
    [InlineData("MyIngress.drop", 0x01, 25652968u)]
    [InlineData("MyIngress.ipv4_forward", 0x01, 28792405u)]
    [InlineData("ingress.tbl_ingress_vlan", 0x02, 44402382u)]
    public void Ids_AreP4cs(string name, uint prefix, uint expected)
    {
        // Values from p4c's output for the tutorials' basic.p4 and the PSA eBPF example.
        var ids = new P4IdAllocator();
        ids.Add((P4Ids.Types.Prefix)prefix, name).Should().BeNull();
        ids.Compute();
        ids[(P4Ids.Types.Prefix)prefix, name].Should().Be(expected);
    }

    [Fact]
    public void Ids_ExplicitIdsAreReservedAndCollisionsProbe()
    {
        var ids = new P4IdAllocator();
        var hash = P4IdAllocator.JenkinsOneAtATime("b") & 0xffffff;
        ids.Add(P4Ids.Types.Prefix.Table, "a", hash).Should().BeNull("a bare @id gets the kind's prefix");
        ids.Add(P4Ids.Types.Prefix.Table, "b").Should().BeNull();
        ids.Add(P4Ids.Types.Prefix.Table, "c", 0x01000005).Should().Contain("prefix");
        ids.Compute();
        ids[P4Ids.Types.Prefix.Table, "a"].Should().Be(0x02000000 | hash);
        ids[P4Ids.Types.Prefix.Table, "b"].Should().Be(0x02000000 | ((hash + 1) & 0xffffff), "linear probing past the reserved id");
    }

    [Fact]
    public void Aliases_AreShortestUniqueSuffixes()
    {
        var aliases = P4InfoBuilder.Aliases(["MyIngress.drop", "MyEgress.drop", "MyIngress.ipv4_lpm", "NoAction"]);
        aliases["MyIngress.drop"].Should().Be("MyIngress.drop");
        aliases["MyIngress.ipv4_lpm"].Should().Be("ipv4_lpm");
        aliases["NoAction"].Should().Be("NoAction");
    }

    [Fact]
    public void Router_P4InfoDescribesEveryObject()
    {
        var info = TestPipeline.Get().P4Info;
        info.PkgInfo.Arch.Should().Be("v1model");
        var lpm = info.Tables.Single(t => t.Preamble.Name == "MyIngress.ipv4_lpm");
        lpm.Preamble.Id.Should().Be(37375156u);
        lpm.Preamble.Alias.Should().Be("ipv4_lpm");
        lpm.Preamble.Doc.Brief.Should().Be("IPv4 routes", "@brief comes from the front end's annotations");
        lpm.Size.Should().Be(200000);
        lpm.MatchFields.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = 1u, Name = "hdr.ipv4.dstAddr", Bitwidth = 32, MatchType = MatchField.Types.MatchType.Lpm });
        lpm.ActionRefs.Select(r => r.Id).Should().Equal(28792405u, 25652968u, 21257015u);
        lpm.InitialDefaultAction.ActionId.Should().Be(25652968u);
        var acl = info.Tables.Single(t => t.Preamble.Name == "MyIngress.acl");
        acl.MatchFields.Select(f => (f.Id, f.Name, f.Bitwidth, f.MatchType)).Should().Equal(
            (1u, "hdr.ipv4.srcAddr", 32, MatchField.Types.MatchType.Ternary), (2u, "hdr.ipv4.protocol", 8, MatchField.Types.MatchType.Ternary));
        var forward = info.Actions.Single(a => a.Preamble.Name == "MyIngress.ipv4_forward");
        forward.Params.Select(p => (p.Id, p.Name, p.Bitwidth)).Should().Equal((1u, "dstAddr", 48), (2u, "port", 9));
        info.Actions.Select(a => a.Preamble.Name).Should().OnlyHaveUniqueItems().And.Contain("NoAction");
        info.Counters.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Size = 512L, Spec = new CounterSpec { Unit = CounterSpec.Types.Unit.Both } });
        info.Counters[0].Preamble.Id.Should().Be(0x12000000 | (P4IdAllocator.JenkinsOneAtATime("MyIngress.port_packets") & 0xffffff));
        var register = info.Registers.Should().ContainSingle().Subject;
        register.Size.Should().Be(512);
        register.TypeSpec.Bitstring.Bit.Bitwidth.Should().Be(8);
        var packetIn = info.ControllerPacketMetadata.Single(c => c.Preamble.Name == "packet_in");
        packetIn.Preamble.Id.Should().Be(0x04000000 | (P4IdAllocator.JenkinsOneAtATime("packet_in") & 0xffffff));
        packetIn.Metadata.Select(m => (m.Id, m.Name, m.Bitwidth)).Should().Equal((1u, "ingress_port", 9), (2u, "_pad", 7));
    }

    [Fact]
    public void Files_TextJsonAndBinaryRoundTrip()
    {
        var info = TestPipeline.Get().P4Info;
        var text = System.Text.Encoding.UTF8.GetString(P4InfoFiles.Serialize(info, P4InfoFiles.Format.Text));
        text.Should().StartWith("# proto-file: p4/config/v1/p4info.proto\n# proto-message: p4.config.v1.P4Info\n");
        text.Should().Contain("tables {\n  preamble {\n    id: 37375156\n    name: \"MyIngress.ipv4_lpm\"\n    alias: \"ipv4_lpm\"\n    doc {\n      brief: \"IPv4 routes\"\n    }\n  }\n  match_fields {\n    id: 1\n    name: \"hdr.ipv4.dstAddr\"\n    bitwidth: 32\n    match_type: LPM\n  }\n");
        text.Should().Contain("size: 200000");
        foreach (var format in new[] { P4InfoFiles.Format.Text, P4InfoFiles.Format.Json, P4InfoFiles.Format.Binary })
        {
            P4InfoFiles.Parse(P4InfoFiles.Serialize(info, format), format).Should().Be(info, $"{format} round trip");
        }
        var json = System.Text.Encoding.UTF8.GetString(P4InfoFiles.Serialize(info, P4InfoFiles.Format.Json));
        json.Should().Contain("\"matchFields\"").And.Contain("\"size\": \"200000\"");
    }

    [Fact]
    public void TextParser_ReportsLocatedErrors()
    {
        var act = () => P4InfoFiles.Parse("tables {\n  preamble { id: 12 nme: \"x\" }\n}\n"u8.ToArray(), P4InfoFiles.Format.Text, "bad.txtpb");
        act.Should().Throw<InvalidDataException>().WithMessage("bad.txtpb: 2:*Preamble has no field 'nme'*");
        var bytes = () => P4InfoFiles.Parse("pkg_info { name: \"a\\x41\\101\" }"u8.ToArray(), P4InfoFiles.Format.Text);
        bytes().PkgInfo.Name.Should().Be("aAA");
        var truncated = () => P4InfoFiles.Parse("tables {"u8.ToArray(), P4InfoFiles.Format.Text);
        truncated.Should().Throw<InvalidDataException>();
    }
}
