using Grpc.Core;
using P4Bpf.EbpfGen;
using P4Bpf.Ebpf.Elf;
using P4Bpf.P4Runtime.Core;
using P4Bpf.P4Runtime.P4InfoGen;
using UpdateType = P4.V1.Update.Types.Type;

namespace P4Bpf.P4Runtime.Tests;

/// <summary><c>@max_group_size(N)</c> on an action selector sizes its groups in the data plane (N selection slots instead of the
/// default 16) and in the P4Info, so the server accepts groups whose weights add up to N; p4c's selector size annotations.</summary>
public sealed class SelectorGroupSizeTests : ServerTestBase
{
    private const string Selector = "action_selector(HashAlgorithm.crc16, 32w64, 32w16) ecmp;";

    private static CompilationResult Compile(string annotations)
    {
        var text = File.ReadAllText(TestPipeline.DataPath("ecmp.p4"));
        text.Should().Contain(Selector);
        return P4Compiler.CompileText(text.Replace(Selector, annotations + " " + Selector, StringComparison.Ordinal), TestPipeline.DataPath("ecmp.p4"));
    }

    private static (P4.Config.V1.P4Info Info, byte[] Config) Pipeline(CompilationResult result)
    {
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        var info = P4InfoBuilder.Build(result.Ir!, FrontEndExtras.From(result.Front!, result.Ir!));
        info.Success.Should().BeTrue(string.Join("\n", info.Errors));
        return (info.Info!, new DeviceConfigPackage(ElfWriter.Write(result.Object!), result.Layout!.ToJson()).ToBytes());
    }

    [Fact]
    public async Task MaxGroupSize_SizesTheGroupsAndTheP4Info()
    {
        var result = Compile("@max_group_size(40)");
        var (info, config) = Pipeline(result);
        result.Layout!.ActionProfiles.Single(p => p.Name == "MyIngress.ecmp").MaxGroupSize.Should().Be(40);
        result.Layout!.ActionProfiles.Single(p => p.Name == "MyIngress.tagger").MaxGroupSize.Should().Be(0, "a plain profile has no groups");
        var ecmp = info.ActionProfiles.Single(p => p.Preamble.Name == "MyIngress.ecmp");
        ecmp.MaxGroupSize.Should().Be(40);
        ecmp.Preamble.Annotations.Should().BeEmpty("p4c keeps the selector size annotations out of the preamble");

        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        await c.SetPipelineAsync(info, config, 1);
        for (uint m = 1; m <= 3; m++)
        {
            await c.WriteAsync(UpdateType.Insert, c.Member("ecmp", m, "set_nexthop", new Dictionary<string, string> { ["port"] = (m + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ["dmac"] = "0x02000000000" + (m + 1) }));
        }
        // 13 + 13 + 14 = 40 slots: more than the default 16, exactly what the program asked for.
        await c.WriteAsync(UpdateType.Insert, c.Group("ecmp", 10, [(1, 13), (2, 13), (3, 14)], maxSize: 40));
        await c.InsertAsync(c.GroupEntry("route", new Dictionary<string, string> { ["hdr.ipv4.dstAddr"] = "10.0.0.0/8" }, 10));
        var ports = Enumerable.Range(1, 60).Select(s => server.Switch!.Inject(1, Packets.Ipv4(Packets.Ip(10, 1, 2, 3), Packets.Ip(192, 168, 7, s))).Outputs.Single().Port).ToList();
        ports.Distinct().Order().Should().Equal([2, 3, 4]);

        var tooBig = await BatchError(() => c.WriteAsync(UpdateType.Insert, c.Group("ecmp", 11, [(1, 20), (2, 21)], maxSize: 40)));
        tooBig.Errors.Single().Code.Should().Be(StatusCode.ResourceExhausted, "41 slots do not fit in a group of 40");
        var overMax = await BatchError(() => c.WriteAsync(UpdateType.Insert, c.Group("ecmp", 12, [(1, 1)], maxSize: 41)));
        overMax.Errors.Single().Code.Should().Be(StatusCode.InvalidArgument, "max_size is at most the P4Info's max_group_size");
    }

    [Fact]
    public void SelectorSizeSemantics_AreInTheP4Info()
    {
        var (info, _) = Pipeline(Compile("@selector_size_semantics(\"sum_of_members\") @max_member_weight(8)"));
        var ecmp = info.ActionProfiles.Single(p => p.Preamble.Name == "MyIngress.ecmp");
        ecmp.SumOfMembers.MaxMemberWeight.Should().Be(8);
        ecmp.MaxGroupSize.Should().Be(0);
        Pipeline(Compile("@selector_size_semantics(\"sum_of_weights\")")).Info.ActionProfiles.Single(p => p.Preamble.Name == "MyIngress.ecmp")
            .SelectorSizeSemanticsCase.Should().Be(P4.Config.V1.ActionProfile.SelectorSizeSemanticsOneofCase.SumOfWeights);
    }

    [Fact]
    public async Task MaxGroupSize_AboveTheBound_CompilesButThePipelineIsRefused()
    {
        var result = Compile("@max_group_size(512)");
        var (info, config) = Pipeline(result);
        result.Layout!.ActionProfiles.Single(p => p.Name == "MyIngress.ecmp").MaxGroupSize.Should().Be(256, "the layout caps a group at 256 slots");
        info.ActionProfiles.Single(p => p.Preamble.Name == "MyIngress.ecmp").MaxGroupSize.Should().Be(512, "the P4Info says what the program asked for");
        await using var server = await LoopbackServer.StartAsync();
        var c = await server.ConnectAsync(10);
        var error = await RpcError(() => c.SetPipelineAsync(info, config, 1));
        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("max_group_size 512 exceeds what the compiled data plane holds (256 slots per group)");
    }

    [Fact]
    public void MaxGroupSize_FromAMacro()
    {
        var text = "#define GROUP_SIZE 24\n" + File.ReadAllText(TestPipeline.DataPath("ecmp.p4")).Replace(Selector, "@max_group_size(GROUP_SIZE) " + Selector, StringComparison.Ordinal);
        var result = P4Compiler.CompileText(text, TestPipeline.DataPath("ecmp.p4"));
        result.Success.Should().BeTrue(string.Join("\n", result.Errors));
        result.Layout!.ActionProfiles.Single(p => p.Name == "MyIngress.ecmp").MaxGroupSize.Should().Be(24);
    }

    [Fact]
    public void MaxGroupSize_OnAnInlineSelector_AndIgnoredOnAPlainProfile()
    {
        var text = File.ReadAllText(TestPipeline.DataPath("ecmp.p4"));
        text = text.Replace("implementation = ecmp;", "@max_group_size(20) implementation = action_selector(HashAlgorithm.crc16, 32w64, 32w16);", StringComparison.Ordinal)
            .Replace("implementation = tagger;", "@max_group_size(20) implementation = action_profile(32w8);", StringComparison.Ordinal);
        var result = P4Compiler.CompileText(text, TestPipeline.DataPath("ecmp.p4"));
        var (info, _) = Pipeline(result);
        var route = result.Layout!.ActionProfiles.Single(p => p.Tables.Contains("MyIngress.route"));
        route.MaxGroupSize.Should().Be(20);
        info.ActionProfiles.Single(p => p.Preamble.Name == route.Name).MaxGroupSize.Should().Be(20);
        var tag = result.Layout!.ActionProfiles.Single(p => p.Tables.Contains("MyIngress.tag"));
        info.ActionProfiles.Single(p => p.Preamble.Name == tag.Name).MaxGroupSize.Should().Be(0, "p4c ignores @max_group_size on a profile without a selector");
    }

    [Theory]
    [InlineData("@max_group_size(0)", "positive decimal integer")]
    [InlineData("@max_group_size(many)", "positive decimal integer")]
    public void MaxGroupSize_OutOfBounds_IsAnError(string annotation, string message)
    {
        var result = Compile(annotation);
        result.Success.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Contain(message);
    }
}
