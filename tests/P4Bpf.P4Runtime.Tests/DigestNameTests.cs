using System.Numerics;
using P4.Config.V1;
using P4.V1;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;

namespace P4Bpf.P4Runtime.Tests;

/// <summary>Digests are named as p4c names them (v1model: after the data type, <c>digest_N</c> for a type without a name), and the
/// server still pairs each P4Info digest with the layout's stream.</summary>
public sealed class DigestNameTests : ServerTestBase
{
    private static readonly Lazy<TestPipeline> Digests = new(() => TestPipeline.Compile("digests.p4"));

    [Theory]
    [InlineData("test_digest_t", 387015589u)]
    [InlineData("digest_0", 401776493u)]
    public void Ids_AreP4cs(string name, uint expected)
    {
        // Values from p4c's P4Info for programs with digest(1, meta.test_digest) (a test_digest_t) and digest(5, { hdr.ethernet.srcAddr }).
        var ids = new P4IdAllocator();
        ids.Add(P4Ids.Types.Prefix.Digest, name).Should().BeNull();
        ids.Compute();
        ids[P4Ids.Types.Prefix.Digest, name].Should().Be(expected);
    }

    [Fact]
    public void ControlPlaneNames_FollowTheDataType()
    {
        var names = DigestNames.ControlPlaneNames(["$digest_struct_learn_t", "$digest_struct_tuple2", "MyIngress.d", "$digest_header_h_t", "$digest_bit<8>", "$digest_struct_anon", "$digest_header_union_u_t"]);
        names.Should().Equal(new Dictionary<string, string>
        {
            ["$digest_struct_learn_t"] = "learn_t",
            ["$digest_struct_tuple2"] = "digest_0",
            ["MyIngress.d"] = "MyIngress.d",
            ["$digest_header_h_t"] = "h_t",
            ["$digest_bit<8>"] = "digest_1",
            ["$digest_struct_anon"] = "digest_2",
            ["$digest_header_union_u_t"] = "u_t",
        });
    }

    [Fact]
    public void Learn_DigestIsNamedAfterItsStruct()
    {
        var digest = DigestTests.Learn.Value.P4Info.Digests.Should().ContainSingle().Subject;
        digest.Preamble.Name.Should().Be("learn_t");
        digest.Preamble.Alias.Should().Be("learn_t");
        digest.Preamble.Id.Should().Be(0x17000000 | (P4IdAllocator.JenkinsOneAtATime("learn_t") & 0xffffff));
        digest.TypeSpec.Struct.Name.Should().Be("learn_t");
    }

    [Fact]
    public void Digests_OneNamedAfterTheStructOneAfterItsPosition()
    {
        var p = Digests.Value;
        var info = p.P4Info;
        info.Digests.Select(d => d.Preamble.Name).Should().BeEquivalentTo(["mac_learn_t", "digest_0"], "two calls with mac_learn_t data share one digest");
        var named = info.Digests.Single(d => d.Preamble.Name == "mac_learn_t");
        named.TypeSpec.Struct.Name.Should().Be("mac_learn_t");
        info.TypeInfo.Structs["mac_learn_t"].Members.Select(m => m.Name).Should().Equal("src", "port");
        var unnamed = info.Digests.Single(d => d.Preamble.Name == "digest_0");
        unnamed.Preamble.Id.Should().Be(401776493u, "p4c's id of digest_0");
        unnamed.TypeSpec.TypeSpecCase.Should().Be(P4DataTypeSpec.TypeSpecOneofCase.Tuple);
        unnamed.TypeSpec.Tuple.Members.Should().ContainSingle().Which.Bitstring.Bit.Bitwidth.Should().Be(16);

        // The server pairs every layout stream with its P4Info digest.
        var schema = PipelineSchema.Create(info, p.Result.Layout!);
        schema.DigestStreams.Values.Select(s => s.Digest.Preamble.Name).Should().BeEquivalentTo(["mac_learn_t", "digest_0"]);
        schema.DigestStreams.Should().AllSatisfy(s => s.Value.Layout.Name.Should().Be(s.Key));
    }

    [Fact]
    public void P4InfoDigestWithoutAStream_IsRejected()
    {
        var p = Digests.Value;
        var info = p.P4Info.Clone();
        info.Digests[0].Preamble.Name = "no_such_t";
        var act = () => PipelineSchema.Create(info, p.Result.Layout!);
        act.Should().Throw<P4RuntimeException>().WithMessage("*digest no_such_t is not in the device config's layout*");
    }

    [Fact]
    public async Task DigestLists_ArriveForBothDigests()
    {
        var p = Digests.Value;
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(p.P4Info, p.DeviceConfig, 1);
        await c.EnableDigestAsync("mac_learn_t", maxTimeoutNs: 0, maxListSize: 1, ackTimeoutNs: 0);
        await c.EnableDigestAsync("digest_0", maxTimeoutNs: 0, maxListSize: 1, ackTimeoutNs: 0);

        server.Switch!.Inject(3, Frame(0x0800));
        var learn = await NextAsync(c);
        learn.DigestId.Should().Be(p.P4Info.Digests.Single(d => d.Preamble.Name == "mac_learn_t").Preamble.Id);
        learn.Data.Should().ContainSingle().Which.Struct.Members.Select(V).Should().Equal(new BigInteger(0x0a0b0c0d0e0f), new BigInteger(3));

        server.Switch!.Inject(2, Frame(0x0806));
        var arp = await NextAsync(c);
        arp.DigestId.Should().Be(learn.DigestId, "digest<mac_learn_t>(2, {dst, port}) is the same digest");
        arp.Data.Single().Struct.Members.Select(V).Should().Equal(new BigInteger(0x010203040506), new BigInteger(2));

        server.Switch!.Inject(4, Frame(0x88b5));
        var other = await NextAsync(c);
        other.DigestId.Should().Be(p.P4Info.Digests.Single(d => d.Preamble.Name == "digest_0").Preamble.Id);
        other.Data.Single().DataCase.Should().Be(P4Data.DataOneofCase.Tuple, "the data's shape follows the P4Info type_spec");
        other.Data.Single().Tuple.Members.Select(V).Should().Equal(new BigInteger(0x88b5));
    }

    private static BigInteger V(P4Data x) => new(x.Bitstring.Span, isUnsigned: true, isBigEndian: true);

    private static async Task<DigestList> NextAsync(Client.P4RuntimeClient c)
    {
        using var cts = new CancellationTokenSource(5000);
        return await c.Digests.ReadAsync(cts.Token);
    }

    private static byte[] Frame(ushort type)
    {
        var p = new byte[64];
        byte[] dst = [1, 2, 3, 4, 5, 6], src = [0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f];
        dst.CopyTo(p, 0);
        src.CopyTo(p, 6);
        p[12] = (byte)(type >> 8);
        p[13] = (byte)type;
        return p;
    }
}
