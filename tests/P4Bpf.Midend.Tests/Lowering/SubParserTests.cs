using P4Bpf.Midend.Architectures;
using static P4Bpf.Midend.Tests.Lowering.Packets;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Sub-parser calls are inlined: copy-in, the callee's states, copy-out, then the rest of the calling state.</summary>
public sealed class SubParserTests
{
    [Fact]
    public void SubParserExtractsAndCopiesOut()
    {
        using var run = TestCompiler.Runner("v1_subparser");
        var packet = Ipv4(Ip(10, 0, 0, 2));
        run.Run("ingress", packet);
        ((ulong)run.StateField(V1Model.StandardMetadataSlot, "egress_spec")).Should().Be(2);
        var output = run.Run("egress", packet).Packet;
        output[15].Should().Be(111, "10 before the call, +1 in the sub-parser (inout), +100 after it");
        output.Length.Should().Be(packet.Length);
    }

    [Fact]
    public void SubParserRejectRejectsTheParser()
    {
        using var run = TestCompiler.Runner("v1_subparser");
        run.Run("ingress", Ipv4(Ip(10, 0, 0, 2), version: 6));
        run.StateField(V1Model.StandardMetadataSlot, "parser_error").Should().Be(Ir.IrProgram.CoreErrors.AsImmutableArray().IndexOf("NoMatch"), "the sub-parser's select has no match for version 6");
    }
}
