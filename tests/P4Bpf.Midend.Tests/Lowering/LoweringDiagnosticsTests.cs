using P4Bpf.EbpfGen;

namespace P4Bpf.Midend.Tests.Lowering;

/// <summary>Constructs the lowering does not support yet give located "not supported yet" diagnostics, never exceptions.</summary>
public sealed class LoweringDiagnosticsTests
{
    private const string Prelude = """
        #include <core.p4>
        #include <v1model.p4>
        header h_t { bit<8> a; bit<8> b; }
        struct headers_t { h_t h; }
        struct meta_t { bit<8> x; }
        parser P(packet_in pk, out headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
            state start { pk.extract(hdr.h); transition accept; }
        }
        control VC(inout headers_t hdr, inout meta_t m) { apply { } }
        control E(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) { apply { } }
        control CC(inout headers_t hdr, inout meta_t m) { apply { } }
        control D(packet_out pk, in headers_t hdr) { apply { pk.emit(hdr.h); } }

        """;

    private const string Main = "\nV1Switch(P(), VC(), I(), E(), CC(), D()) main;\n";

    private static CompilationResult Compile(string ingress) => P4Compiler.CompileText(Prelude + ingress + Main, "t.p4");

    [Fact]
    public void UnsupportedExtern_IsALocatedDiagnostic()
    {
        var result = Compile("""
            control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
                register<headers_t>(16) cells;
                apply { }
            }
            """);
        result.Success.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Contain("t.p4(14,").And.Contain("error P4E4001: not supported yet: a register of");
    }

    [Fact]
    public void ProgramWithoutMain_IsReported()
    {
        var result = P4Compiler.CompileText(Prelude, "t.p4");
        result.Success.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Contain("P4E4001").And.Contain("'main'");
    }

    [Fact]
    public void ArchitectureOverride_MustBeKnown()
    {
        var result = P4Compiler.CompileText(Prelude + "control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) { apply { } }" + Main, "t.p4",
            new CompileOptions { Architecture = "tofino" });
        result.Errors.Should().ContainSingle().Which.Should().Contain("architecture 'tofino'");
    }

    [Fact]
    public void FunctionsInline_WithCopyInCopyOutAndEarlyReturn()
    {
        var result = Compile("""
            bit<8> clamp(in bit<8> v, inout bit<8> count) {
                count = count + 1;
                if (v > 100) { return 100; }
                return v;
            }
            control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
                apply { hdr.h.b = clamp(hdr.h.a, m.x); sm.egress_spec = 1; }
            }
            """);
        result.Errors.Should().BeEmpty();
        var text = P4Bpf.Midend.Ir.IrPrinter.Print(result.LoweredIr!);
        text.Should().Contain("$clamp_v").And.Contain("$returned").And.Contain("m.x = $clamp_count");
        using var run = new EbpfGen.Tests.Harness.PipelineRunner(result.Code!);
        run.Run("ingress", [150, 7]);
        run.Run("egress", [150, 7]).Packet.Should().Equal([150, 100]);
        run.Run("ingress", [42, 7]);
        run.Run("egress", [42, 7]).Packet.Should().Equal([42, 42]);
    }

    [Fact]
    public void SubControl_IsInlinedPerInstanceWithItsOwnTable()
    {
        var result = Compile("""
            control Sub(inout bit<8> v) {
                action set(bit<8> x) { v = x; }
                table t { key = { v : exact; } actions = { set; NoAction; } default_action = NoAction(); }
                apply { t.apply(); }
            }
            control I(inout headers_t hdr, inout meta_t m, inout standard_metadata_t sm) {
                Sub() first;
                Sub() second;
                apply { first.apply(hdr.h.a); second.apply(hdr.h.b); sm.egress_spec = 1; }
            }
            """);
        result.Errors.Should().BeEmpty();
        result.Ir!.Tables.Select(t => t.Name).Should().Equal("I.first.t", "I.second.t");
        using var run = new EbpfGen.Tests.Harness.PipelineRunner(result.Code!);
        run.AddEntry("I.first.t", [new Ir.ExactMatch(1)], "I.first.set", [10]);
        run.AddEntry("I.second.t", [new Ir.ExactMatch(2)], "I.second.set", [20]);
        run.Run("ingress", [1, 2]);
        run.Run("egress", [1, 2]).Packet.Should().Equal([10, 20]);
    }
}
