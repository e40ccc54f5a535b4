using System.Numerics;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;

namespace P4Bpf.Midend.Tests;

public sealed class PassTests
{
    private static IrConstant B(BigInteger v, int w, bool signed = false) => IrConstant.Bits(v, w, signed);

    private static SlotRef X8 => new("x", BitType.Bit8);

    [Theory]
    [InlineData(BinaryOp.Add, 200, 100, 8, false, 44)]
    [InlineData(BinaryOp.Sub, 1, 2, 8, false, 255)]
    [InlineData(BinaryOp.Mul, 16, 17, 8, false, 16)]
    [InlineData(BinaryOp.Div, 200, 7, 8, false, 28)]
    [InlineData(BinaryOp.Mod, 200, 7, 8, false, 4)]
    [InlineData(BinaryOp.Shl, 0x81, 1, 8, false, 2)]
    [InlineData(BinaryOp.Shl, 1, 9, 8, false, 0)]
    [InlineData(BinaryOp.Shr, 0x80, 7, 8, false, 1)]
    [InlineData(BinaryOp.AddSat, 200, 100, 8, false, 255)]
    [InlineData(BinaryOp.SubSat, 5, 10, 8, false, 0)]
    [InlineData(BinaryOp.AddSat, 100, 100, 8, true, 127)]
    [InlineData(BinaryOp.SubSat, -100, 100, 8, true, -128)]
    [InlineData(BinaryOp.Add, 127, 1, 8, true, -128)]
    [InlineData(BinaryOp.Shr, -128, 3, 8, true, -16)]
    [InlineData(BinaryOp.BitXor, 0xf0, 0xff, 8, false, 0x0f)]
    public void ConstantFolding_FollowsP4Arithmetic(BinaryOp op, long l, long r, int width, bool signed, long expected)
    {
        var type = new BitType(width, signed);
        var rightType = op is BinaryOp.Shl or BinaryOp.Shr ? BitType.Bit32 : type;
        var folded = ConstantFolding.Fold(new BinaryExpr(op, IrConstant.Of(l, type), IrConstant.Of(r, rightType), type));
        folded.Should().Be(IrConstant.Of(expected, type));
    }

    [Fact]
    public void ConstantFolding_SliceConcatCastComparisons()
    {
        ConstantFolding.Fold(new SliceExpr(B(0xabcd, 16), 11, 4)).Should().Be(B(0xbc, 8));
        ConstantFolding.Fold(new ConcatExpr(B(0xab, 8), B(0xcd, 8))).Should().Be(B(0xabcd, 16));
        ConstantFolding.Fold(new CastExpr(B(-1, 8, true), new BitType(16, true))).Should().Be(B(-1, 16, true));
        ConstantFolding.Fold(new CastExpr(B(-1, 8, true), BitType.Bit8)).Should().Be(B(255, 8));
        ConstantFolding.Fold(BinaryExpr.Make(BinaryOp.Lt, B(-1, 8, true), B(1, 8, true))).Should().Be(IrConstant.Bool(true));
        ConstantFolding.Fold(BinaryExpr.Make(BinaryOp.And, IrConstant.Bool(true), BinaryExpr.Make(BinaryOp.Eq, X8, B(1, 8))))
            .Should().Be(BinaryExpr.Make(BinaryOp.Eq, X8, B(1, 8)));
        ConstantFolding.Fold(new MuxExpr(IrConstant.Bool(false), B(1, 8), B(2, 8))).Should().Be(B(2, 8));
    }

    [Fact]
    public void StrengthReduction_PowersOfTwoBecomeShiftsAndMasks()
    {
        StrengthReduction.Reduce(BinaryExpr.Make(BinaryOp.Mul, X8, B(8, 8)))
            .Should().Be(new BinaryExpr(BinaryOp.Shl, X8, IrConstant.Of(3, BitType.Bit32), BitType.Bit8));
        StrengthReduction.Reduce(BinaryExpr.Make(BinaryOp.Div, X8, B(4, 8)))
            .Should().Be(new BinaryExpr(BinaryOp.Shr, X8, IrConstant.Of(2, BitType.Bit32), BitType.Bit8));
        StrengthReduction.Reduce(BinaryExpr.Make(BinaryOp.Mod, X8, B(16, 8)))
            .Should().Be(BinaryExpr.Make(BinaryOp.BitAnd, X8, B(15, 8)));
        StrengthReduction.Reduce(BinaryExpr.Make(BinaryOp.Add, X8, B(0, 8))).Should().Be(X8);
        StrengthReduction.Reduce(BinaryExpr.Make(BinaryOp.BitAnd, X8, B(255, 8))).Should().Be(X8);
        StrengthReduction.Reduce(BinaryExpr.Make(BinaryOp.Mul, X8, B(0, 8))).Should().Be(B(0, 8));
    }

    private static IrProgram ProgramWith(Block body, params IrAction[] actions)
    {
        var state = StateLayout.Build([("x", BitType.Bit8, SlotRole.Local), ("y", BitType.Bit8, SlotRole.Local)]);
        return new IrProgram("p", "test", state, IrList<IrParser>.Empty, IrList.Of(new IrControl("c", body)), actions.ToIrList(),
            IrList<IrTable>.Empty, IrList<IrExtern>.Empty, IrList<IrStage>.Empty, IrProgram.CoreErrors);
    }

    private static AssignStmt SetX(int v) => new(X8, B(v, 8));

    [Fact]
    public void Pipeline_FoldsBranchesRemovesDeadCodeAndLowersSwitch()
    {
        var body = Block.Of(
            new IfStmt(BinaryExpr.Make(BinaryOp.Eq, B(1, 8), B(1, 8)), Block.Of(SetX(1)), Block.Of(SetX(2))),
            new SwitchStmt(new SlotRef("y", BitType.Bit8), IrList.Of(
                new SwitchCase(IrList.Of<BigInteger>(1), Block.Empty),
                new SwitchCase(IrList.Of<BigInteger>(2), Block.Of(SetX(3))),
                new SwitchCase(IrList.Of<BigInteger>(3), Block.Of(SetX(4)))), Block.Of(SetX(5))),
            new AssignStmt(X8, X8),
            ExitStmt.Instance,
            SetX(9));
        var (lowered, errors) = MidendPipeline.Run(ProgramWith(body));
        errors.Should().BeEmpty();
        var text = IrPrinter.Print(lowered.Controls[0].Body);
        text.Should().Be(
            """
            {
              x = 1:bit<8>
              if (y == 1:bit<8>) || (y == 2:bit<8>)
                x = 3:bit<8>
              else
                if y == 3:bit<8>
                  x = 4:bit<8>
                else
                  x = 5:bit<8>
              exit
            }

            """.Replace("\r", ""));
    }

    [Fact]
    public void Rewriter_ReturnsSameInstanceWhenNothingChanges()
    {
        var program = ProgramWith(Block.Of(new AssignStmt(X8, BinaryExpr.Make(BinaryOp.Add, X8, new SlotRef("y", BitType.Bit8)))));
        new ConstantFolding().Run(program, new PassContext(MidendOptions.Default)).Should().BeSameAs(program);
        new DeadCodeRemoval().Run(program, new PassContext(MidendOptions.Default)).Should().BeSameAs(program);
    }

    [Fact]
    public void Validation_ReportsUnknownNames()
    {
        var program = ProgramWith(Block.Of(
            new AssignStmt(new SlotRef("nope", BitType.Bit8), B(1, 8)),
            new ApplyTableStmt("t", null, null),
            new CallActionStmt("a", IrList<IrExpr>.Empty)));
        var (_, errors) = MidendPipeline.Run(program);
        errors.Select(e => e.Code).Should().Equal(4100, 4101, 4102);
        errors[0].ToString().Should().Be("error P4E4100: control c: unknown slot nope");
    }

    [Fact]
    public void ConstantFolding_ReportsDivisionByZero()
    {
        var (_, errors) = MidendPipeline.Run(ProgramWith(Block.Of(new AssignStmt(X8, BinaryExpr.Make(BinaryOp.Div, B(4, 8), B(0, 8))))));
        errors.Should().ContainSingle().Which.Code.Should().Be(4001);
    }

    [Fact]
    public void HeaderUnion_ValidityIsExplicit()
    {
        var a = HeaderType.Create("a_t", ("f", BitType.Bit8));
        var b = HeaderType.Create("b_t", ("g", BitType.Bit16));
        var u = HeaderUnionType.Create("u_t", ("a", a), ("b", b));
        var state = StateLayout.Build([("u", u, SlotRole.Header), ("ok", BoolType.Instance, SlotRole.Local)]);
        var uref = new SlotRef("u", u);
        var body = Block.Of(
            new SetValidityStmt(FieldRef.Of(uref, "b"), true),
            new AssignStmt(new SlotRef("ok", BoolType.Instance), new IsValidExpr(uref)));
        var program = new IrProgram("p", "test", state, IrList<IrParser>.Empty, IrList.Of(new IrControl("c", body)), IrList<IrAction>.Empty,
            IrList<IrTable>.Empty, IrList<IrExtern>.Empty, IrList<IrStage>.Empty, IrProgram.CoreErrors);
        var (lowered, errors) = MidendPipeline.Run(program);
        errors.Should().BeEmpty();
        IrPrinter.Print(lowered.Controls[0].Body).Should().Be("{\n  setInvalid u.a\n  setValid u.b\n  ok = u.a.isValid() || u.b.isValid()\n}\n");
    }

    [Fact]
    public void ExpandEmit_StructAndStack()
    {
        var h = HeaderType.Create("h_t", ("f", BitType.Bit8));
        var s = StructType.Create("s_t", ("one", h), ("many", new HeaderStackType(h, 2)), ("meta", BitType.Bit32));
        var state = StateLayout.Build([("hdr", s, SlotRole.Header)]);
        var program = new IrProgram("p", "test", state, IrList<IrParser>.Empty,
            IrList.Of(new IrControl("d", Block.Of(new EmitStmt(new SlotRef("hdr", s))))), IrList<IrAction>.Empty,
            IrList<IrTable>.Empty, IrList<IrExtern>.Empty, IrList<IrStage>.Empty, IrProgram.CoreErrors);
        var (lowered, _) = MidendPipeline.Run(program);
        IrPrinter.Print(lowered.Controls[0].Body).Should().Be(
            "{\n  emit hdr.one\n  emit hdr.many[0:bit<32>]\n  emit hdr.many[1:bit<32>]\n}\n");
    }

    [Fact]
    public void Layout_HeadersHaveValidByteAndAlignedFields()
    {
        var ipv4 = HeaderType.Create("ipv4_t", ("version", new BitType(4)), ("ihl", new BitType(4)), ("totalLen", BitType.Bit16),
            ("src", BitType.Bit32), ("wide", new BitType(128)));
        ipv4.WireBits.Should().Be(4 + 4 + 16 + 32 + 128);
        ipv4.Fields.Select(f => f.StorageOffset).Should().Equal(1, 2, 4, 8, 12);
        ipv4.Fields.Select(f => f.BitOffset).Should().Equal(0, 4, 8, 24, 56);
        ipv4.StorageBytes.Should().Be(32);
        var state = new V1Model().BuildState([("hdr", ipv4, SlotRole.Header)]);
        state.Slot("$intrinsics").Offset.Should().Be(0);
        state.Slot("hdr").Offset.Should().Be(state.Slot("standard_metadata").Offset + V1Model.StandardMetadata.StorageBytes);
    }

    [Fact]
    public void Architectures_DescribeTheirStages()
    {
        var v1 = new V1Model().CreateStages(new Dictionary<string, string> { ["p"] = "P", ["vr"] = "V", ["ig"] = "I", ["eg"] = "E", ["ck"] = "C", ["dep"] = "D" });
        v1.Select(s => (s.Name, string.Join(",", s.Blocks), s.Deparser)).Should().Equal(("ingress", "P,V,I", null), ("egress", "E,C", "D"));
        new V1Model().LowerIntrinsic("mark_to_drop", [])!.Statements.Should().HaveCount(2);
        ArchitectureModel.Get("psa").Should().BeOfType<PsaModel>();
        ArchitectureModel.Get("ebpf_model")!.CreateStages(new Dictionary<string, string> { ["prs"] = "p", ["filt"] = "f" })[0].Section.Should().Be("tc");
        ArchitectureModel.Get("nope").Should().BeNull();
    }

    [Fact]
    public void PassList_IsDescribed()
    {
        var names = MidendPipeline.Describe(MidendOptions.Default).Select(p => p.Name.Trim()).ToList();
        names.Should().Contain(["IrValidation", "ExpandEmit", "SwitchLowering", "ConstantFolding", "StrengthReduction", "DeadCodeRemoval"]);
        MidendPipeline.Describe(MidendOptions.Default).Should().OnlyContain(p => p.Description.Length > 10);
    }
}

public sealed class ParserUnrollTests
{
    [Fact]
    public void StackLoop_BecomesAcyclicWithConstantIndices()
    {
        var h = HeaderType.Create("h_t", ("last", BitType.Bit8));
        var stack = new HeaderStackType(h, 2);
        var state = StateLayout.Build([("s", stack, SlotRole.Header)]);
        var s = new SlotRef("s", stack);
        var next = new StackElementRef(s, new StackNextIndexRef(s), h);
        var last = FieldRef.Of(new StackElementRef(s, BinaryExpr.Make(BinaryOp.Sub, new StackNextIndexRef(s), IrConstant.Of(1, BitType.Bit32)), h), "last");
        var parser = new IrParser("p", "start", IrList.Of(
            new ParserState("start", Block.Of(new ExtractStmt(next, null)),
                new SelectTransition(IrList.Of<IrExpr>(last), IrList.Of(
                    new SelectCase(IrList.Of<Keyset>(new ExactKeyset(0)), "start"),
                    new SelectCase(IrList.Of<Keyset>(DefaultKeyset.Instance), IrParser.Accept))))));
        var program = new IrProgram("p", "test", state, IrList.Of(parser), IrList<IrControl>.Empty, IrList<IrAction>.Empty,
            IrList<IrTable>.Empty, IrList<IrExtern>.Empty, IrList<IrStage>.Empty, IrProgram.CoreErrors);
        var (lowered, errors) = MidendPipeline.Run(program);
        errors.Should().BeEmpty();
        var text = IrPrinter.Print(lowered);
        text.Should().Contain("""
              state start
                extract s[0:bit<32>]
                s.$next = 1:bit<32>
                transition select(s[0:bit<32>].last) { (0): start$1; (default): accept }
              state start$1
                extract s[1:bit<32>]
                s.$next = 2:bit<32>
                transition select(s[1:bit<32>].last) { (0): start$2; (default): accept }
              state start$2
                verify false error 3
            """.Replace("\r", ""));
    }
}
