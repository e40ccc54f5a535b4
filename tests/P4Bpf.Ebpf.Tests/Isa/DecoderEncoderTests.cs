using P4Bpf.Ebpf.Isa;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.Ebpf.Tests.Isa;

public sealed class DecoderEncoderTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", ""));

    [Fact]
    public void DslEncodesKernelBytes()
    {
        InstructionEncoder.Encode([Alu.Add.Imm(R1, 22)]).Should().Equal(Hex("07 01 00 00 16 00 00 00"));
        InstructionEncoder.Encode([Alu.Mov.Reg32(R6, R3)]).Should().Equal(Hex("bc 36 00 00 00 00 00 00"));
        InstructionEncoder.Encode([Mem.LoadMem(R5, R1, 64, MemSize.W)]).Should().Equal(Hex("61 15 40 00 00 00 00 00"));
        InstructionEncoder.Encode([Mem.LoadImm64(R3, 0x0123456789abcdef)]).Should().Equal(Hex("18 03 00 00 ef cd ab 89 00 00 00 00 67 45 23 01"));
        InstructionEncoder.Encode([Jmp.Exit()]).Should().Equal(Hex("95 00 00 00 00 00 00 00"));
        InstructionEncoder.Encode([Helper.Call(5)]).Should().Equal(Hex("85 00 00 00 05 00 00 00"));
        InstructionEncoder.Encode([Jmp.CallX(R2)]).Should().Equal(Hex("8d 02 00 00 00 00 00 00"));
    }

    [Fact]
    public void SignedDivAndMovsxAreFoldedIntoTheOffset()
    {
        InstructionEncoder.Encode([Alu.SDiv.Reg(R1, R2)]).Should().Equal(Hex("3f 21 01 00 00 00 00 00"));
        InstructionEncoder.Encode([Alu.SMod.Imm32(R1, -3)]).Should().Equal(Hex("94 01 01 00 fd ff ff ff"));
        InstructionEncoder.Encode([Alu.MovSx16.Reg(R1, R2)]).Should().Equal(Hex("bf 21 10 00 00 00 00 00"));
        var decoded = InstructionDecoder.Decode(Hex("bf 21 20 00 00 00 00 00"));
        decoded.Should().ContainSingle().Which.Op.AluOp.Should().Be(AluOp.MovSx32);
        decoded[0].Offset.Should().Be(0, "the variant lives in the opcode, not the offset");
    }

    [Fact]
    public void AtomicsCarryTheOperationInTheOpcode()
    {
        var bytes = Hex("db 31 18 00 01 00 00 00");
        var insn = InstructionDecoder.Decode(bytes).Single();
        insn.Op.IsAtomic.Should().BeTrue();
        insn.Op.AtomicOp.Should().Be(AtomicOp.FetchAdd);
        insn.Imm.Should().Be(0);
        InstructionEncoder.Encode([insn]).Should().Equal(bytes);
        InstructionEncoder.Encode([Mem.Atomic(AtomicOp.CmpXchg, MemSize.W, R1, 8, R2)]).Should().Equal(Hex("c3 21 08 00 f1 00 00 00"));
    }

    [Fact]
    public void LddwIsOneInstructionOfWidthTwo()
    {
        var insns = InstructionDecoder.Decode(Hex("18 01 00 00 88 77 66 55 00 00 00 00 44 33 22 11 95 00 00 00 00 00 00 00"));
        insns.Should().HaveCount(2);
        insns[0].Width.Should().Be(2);
        insns[0].Imm.Should().Be(0x1122334455667788);
        var pseudo = InstructionDecoder.Decode(Hex("18 21 00 00 03 00 00 00 00 00 00 00 08 00 00 00")).Single();
        pseudo.Src.Index.Should().Be((byte)PseudoSource.MapValue);
        pseudo.Imm.Should().Be((8L << 32) | 3);
    }

    [Fact]
    public void OpCodeAccessorsAndSetters()
    {
        var op = new OpCode(0x3f);
        op.Class.Should().Be(OpClass.Alu64);
        op.AluOp.Should().Be(AluOp.Div);
        op.Source.Should().Be(OperandSource.Reg);
        op.WithAluOp(AluOp.SDiv).AluOp.Should().Be(AluOp.SDiv);
        op.WithAluOp(AluOp.SDiv).Raw.Should().Be(0x3f);
        op.WithClass(OpClass.Alu).Raw.Should().Be(0x3c);
        op.WithSource(OperandSource.Imm).Raw.Should().Be(0x37);
        var ld = new OpCode(0x69);
        (ld.Class, ld.Mode, ld.Size).Should().Be((OpClass.Ldx, MemMode.Mem, MemSize.H));
        ld.WithSize(MemSize.DW).Raw.Should().Be(0x79);
        ld.WithMode(MemMode.MemSx).Raw.Should().Be(0x89);
        new OpCode(0x2e).JumpOp.Should().Be(JumpOp.JGt);
        new OpCode(0x05).WithJumpOp(JumpOp.JNe).Raw.Should().Be(0x55);
    }

    [Fact]
    public void TableKnowsExactlyTheIsaOpcodes()
    {
        var valid = OpcodeTable.Entries.Where(e => e.IsValid).Select(e => e.Raw).ToHashSet();
        // 2 ALU classes x (12 binary ops x 2 sources + neg) + le/be/bswap
        // + JMP (11 conds x 2 + ja + call + callx + exit) + JMP32 (11 x 2 + gotol)
        // + lddw + 3 abs + 3 ind + 4 ldx + 3 ldxs + 4 st + 4 stx + 2 atomics
        valid.Count.Should().Be(2 * (12 * 2 + 1) + 3 + (22 + 4) + (22 + 1) + 1 + 3 + 3 + 4 + 3 + 4 + 4 + 2);
        valid.Should().Contain([0x06, 0x8d, 0xd7, 0x91, 0x20, 0x50, 0xc3, 0xdb]);
        valid.Should().NotContain([0x00, 0x8e, 0x96, 0xdf, 0x99, 0x38, 0xd3, 0xf4]);
    }

    [Theory]
    [InlineData("95 00 00 00 00 00 00", IsaErrorKind.TruncatedInstruction, "truncated instruction at PC 0: 7 trailing byte(s)")]
    [InlineData("18 01 00 00 01 00 00 00", IsaErrorKind.IncompleteLddw, "incomplete lddw at PC 0")]
    [InlineData("18 01 00 00 01 00 00 00 95 00 00 00 00 00 00 00", IsaErrorKind.InvalidLddwSecondHalf, "invalid lddw second half at PC 1")]
    [InlineData("b7 00 00 00 00 00 00 00 06 00 00 00 00 00 00 00 8e 00 00 00 00 00 00 00", IsaErrorKind.UnknownOpcode, "unknown opcode 0x8e at PC 2")]
    [InlineData("b7 0b 00 00 00 00 00 00", IsaErrorKind.InvalidRegister, "invalid destination register r11 at PC 0")]
    [InlineData("bf c1 00 00 00 00 00 00", IsaErrorKind.InvalidRegister, "invalid source register r12 at PC 0")]
    [InlineData("95 00 00 00 01 00 00 00", IsaErrorKind.ReservedFieldNonZero, "reserved field imm is non-zero in exit at PC 0")]
    [InlineData("0f 21 00 00 07 00 00 00", IsaErrorKind.ReservedFieldNonZero, "reserved field imm is non-zero in add at PC 0")]
    [InlineData("3f 21 02 00 00 00 00 00", IsaErrorKind.InvalidAluVariant, "invalid offset 2 for div at PC 0")]
    [InlineData("bc 21 20 00 00 00 00 00", IsaErrorKind.InvalidAluVariant, "invalid offset 32 for mov32 at PC 0")]
    [InlineData("dc 01 00 00 18 00 00 00", IsaErrorKind.InvalidEndianWidth, "invalid byte swap width 24 at PC 0")]
    [InlineData("db 21 00 00 02 00 00 00", IsaErrorKind.UnknownAtomicOp, "unknown atomic operation 0x2 at PC 0")]
    [InlineData("18 71 00 00 00 00 00 00 00 00 00 00 00 00 00 00", IsaErrorKind.InvalidRegister, "invalid lddw pseudo source 7 at PC 0")]
    [InlineData("85 30 00 00 00 00 00 00", IsaErrorKind.InvalidRegister, "invalid call kind 3 at PC 0")]
    public void DecoderReportsTypedErrors(string hex, IsaErrorKind kind, string message)
    {
        var act = () => InstructionDecoder.Decode(Hex(hex));
        var e = act.Should().Throw<IsaException>().Which;
        e.Kind.Should().Be(kind);
        e.Message.Should().Be(message);
        InstructionDecoder.TryDecode(Hex(hex), out _, out var error).Should().BeFalse();
        error!.Kind.Should().Be(kind);
    }

    [Fact]
    public void EveryValidOpcodeRoundTrips()
    {
        foreach (var info in OpcodeTable.Entries.Where(e => e.IsValid))
        {
            var imm = info.Shape == OperandShape.Endian ? 32 : info.Shape == OperandShape.Atomic ? (int)AtomicOp.FetchXor : info.UsesImm ? 7 : 0;
            var bytes = new byte[info.Shape == OperandShape.LoadImm64 ? 16 : 8];
            bytes[0] = info.Raw;
            bytes[1] = (byte)((info.UsesDst ? 1 : 0) | (info.UsesSrc ? 2 << 4 : 0));
            bytes[2] = info.UsesOffset ? (byte)3 : (byte)0;
            bytes[4] = (byte)imm;
            if (info.Shape is OperandShape.Call)
            {
                bytes[1] = 0; // helper call
            }
            if (info.Shape is OperandShape.LoadImm64)
            {
                bytes[1] = 1;
            }
            var insn = InstructionDecoder.Decode(bytes);
            InstructionEncoder.Encode(insn).Should().Equal(bytes, $"opcode 0x{info.Raw:x2} ({info.Mnemonic})");
        }
    }

    [Fact]
    public void LabelsResolveAtEncodeTime()
    {
        AsmInstruction[] program =
        [
            Alu.Mov.Imm(R0, 0),
            Jmp.JEq.Imm(R1, 0, "drop"),
            Alu.Mov.Imm(R0, 2),
            Jmp.Ja("out"),
            new AsmInstruction(Alu.Mov.Imm(R0, 1)).WithLabel("drop"),
            new AsmInstruction(Jmp.Exit()).WithLabel("out"),
        ];
        var resolved = InstructionEncoder.Resolve(program);
        resolved[1].Offset.Should().Be(2);
        resolved[3].Offset.Should().Be(1);
        var call = InstructionEncoder.Resolve([Jmp.CallLocal("f"), Jmp.Exit(), new AsmInstruction(Jmp.Exit()).WithLabel("f")]);
        call[0].Imm.Should().Be(1);
        var gotol = InstructionEncoder.Resolve([Mem.LoadImm64(R0, 1), Jmp.Gotol("end"), Mem.LoadImm64(R0, 2), new AsmInstruction(Jmp.Exit()).WithLabel("end")]);
        gotol[1].Imm.Should().Be(2, "lddw counts two slots");
    }

    [Fact]
    public void LabelErrorsAreTyped()
    {
        var undefined = () => InstructionEncoder.Resolve([Jmp.Ja("nowhere"), Jmp.Exit()]);
        undefined.Should().Throw<IsaException>().Which.Message.Should().Be("undefined label 'nowhere' at PC 0");
        var duplicate = () => InstructionEncoder.Resolve([new AsmInstruction(Jmp.Exit()).WithLabel("a"), new AsmInstruction(Jmp.Exit()).WithLabel("a")]);
        duplicate.Should().Throw<IsaException>().Which.Kind.Should().Be(IsaErrorKind.BadLabel);
        var notBranch = () => InstructionEncoder.Resolve([new AsmInstruction(Jmp.Exit(), Target: "a").WithLabel("a")]);
        notBranch.Should().Throw<IsaException>().Which.Message.Should().Contain("cannot target label");
    }

    [Fact]
    public void EncoderRejectsMalformedInstructions()
    {
        var badImm = () => InstructionEncoder.Encode([Alu.Add.Imm(R1, 1L << 40)]);
        badImm.Should().Throw<IsaException>().Which.Kind.Should().Be(IsaErrorKind.ValueOutOfRange);
        var offsetOnAlu = () => InstructionEncoder.Encode([Alu.Add.Imm(R1, 1) with { Offset = 1 }]);
        offsetOnAlu.Should().Throw<IsaException>();
        var badWidth = () => InstructionEncoder.Encode([Alu.ToBe(R1, 8)]);
        badWidth.Should().Throw<IsaException>().Which.Kind.Should().Be(IsaErrorKind.InvalidEndianWidth);
        var unknown = () => InstructionEncoder.Encode([new Instruction(new OpCode(0xff), R0, R0, 0, 0)]);
        unknown.Should().Throw<IsaException>().Which.Message.Should().Be("unknown opcode 0xff at PC 0");
    }
}
