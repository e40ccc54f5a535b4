using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.Ebpf.Tests.Assembly;

public sealed class AssemblerTests
{
    [Theory]
    [InlineData("mov32 %r1, -13", "b4 01 00 00 f3 ff ff ff")]
    [InlineData("mov %r1, 0xffffffff", "b7 01 00 00 ff ff ff ff")]
    [InlineData("ldxh %r0, [%r1+2]", "69 10 02 00 00 00 00 00")]
    [InlineData("ldxdw %r0, [%r10-8]", "79 a0 f8 ff 00 00 00 00")]
    [InlineData("ldxw %r0, [%r1]", "61 10 00 00 00 00 00 00")]
    [InlineData("ldxsb %r0, [%r1+1]", "91 10 01 00 00 00 00 00")]
    [InlineData("stb [%r10-1], 0x2a", "72 0a ff ff 2a 00 00 00")]
    [InlineData("stxdw [%r10-16], %r1", "7b 1a f0 ff 00 00 00 00")]
    [InlineData("lock add [%r10-8], %r1", "db 1a f8 ff 00 00 00 00")]
    [InlineData("lock fetch xor32 [%r10-4], %r3", "c3 3a fc ff a1 00 00 00")]
    [InlineData("lock xchg [%r10-8], %r1", "db 1a f8 ff e1 00 00 00")]
    [InlineData("lock cmpxchg32 [%r10-8], %r1", "c3 1a f8 ff f1 00 00 00")]
    [InlineData("be16 %r0", "dc 00 00 00 10 00 00 00")]
    [InlineData("le64 %r0", "d4 00 00 00 40 00 00 00")]
    [InlineData("swap32 %r0", "d7 00 00 00 20 00 00 00")]
    [InlineData("bswap16 %r0", "d7 00 00 00 10 00 00 00")]
    [InlineData("neg32 %r2", "84 02 00 00 00 00 00 00")]
    [InlineData("sdiv32 %r1, %r2", "3c 21 01 00 00 00 00 00")]
    [InlineData("smod %r1, -3", "97 01 01 00 fd ff ff ff")]
    [InlineData("movsx1632 %r4, %r3", "bc 34 10 00 00 00 00 00")]
    [InlineData("movsx3264 %r0, %r9", "bf 90 20 00 00 00 00 00")]
    [InlineData("jne %r1, 0x0, +1", "55 01 01 00 00 00 00 00")]
    [InlineData("jsle32 %r1, %r2, -1", "de 21 ff ff 00 00 00 00")]
    [InlineData("ja32 +3", "06 00 00 00 03 00 00 00")]
    [InlineData("call 5", "85 00 00 00 05 00 00 00")]
    [InlineData("call %r2", "8d 02 00 00 00 00 00 00")]
    [InlineData("call local +2", "85 10 00 00 02 00 00 00")]
    [InlineData("lddw %r0, 0x1122334455667788", "18 00 00 00 88 77 66 55 00 00 00 00 44 33 22 11")]
    [InlineData("ldabsh 12", "28 00 00 00 0c 00 00 00")]
    [InlineData("ldindb %r3, 4", "50 30 00 00 04 00 00 00")]
    public void AssemblesUbpfSyntax(string text, string hex) =>
        Assembler.AssembleToBytes(text).Should().Equal(Convert.FromHexString(hex.Replace(" ", "")));

    [Fact]
    public void ResolvesLabelsInBothSyntaxesAndTheImplicitExitLabel()
    {
        var program = Assembler.Assemble("""
            # comment line
            mov %r0, 0        # trailing comment
            jeq %r1, 0, done
            r0 = 1
            if r1 > 5 goto done
            call local f
            ja exit
            done:
            exit
            f: r0 = 7
            exit
            """);
        program.Select(i => i.ToString()).Should().Equal(
            "r0 = 0", "if r1 == 0 goto +4", "r0 = 1", "if r1 > 5 goto +2", "call pc+2", "goto +0", "exit", "r0 = 7", "exit");
    }

    [Theory]
    [InlineData("foo %r1, 2", 1, 1, "unknown mnemonic 'foo'")]
    [InlineData("r0 = 1\nmov %r11, 1", 2, 5, "expected a register but found '%r11'")]
    [InlineData("jeq %r1, 0, nowhere\nexit", 1, 13, "undefined label 'nowhere'")]
    [InlineData("a:\nexit\na: exit", 3, 1, "duplicate label 'a' (first defined on line 1)")]
    [InlineData("r1 += w2", 1, 7, "expected a 64-bit (rN) register in an ALU operation")]
    [InlineData("r1 = 0x100000000", 1, 6, "an immediate 0x100000000 is out of range")]
    [InlineData("w1 = 5 ll", 1, 1, "lddw needs a 64-bit (rN) destination")]
    [InlineData("r0 = *(u24 *)(r1 + 0)", 1, 8, "unknown type 'u24' (expected u8, u16, u32, u64, s8, s16 or s32)")]
    [InlineData("if r1 ~ 2 goto +1", 1, 7, "unexpected character '~'")]
    [InlineData("if r1 = 2 goto +1", 1, 7, "expected a comparison operator but found '='")]
    [InlineData("exit 5", 1, 6, "unexpected '5' after the instruction")]
    [InlineData("r0 = be24 r0", 1, 1, "invalid byte swap width 24")]
    [InlineData("ldxh %r0, [%r1+2", 1, 17, "expected ']' but found end of line")]
    [InlineData("goto +40000", 1, 6, "a jump offset 40000 is out of range")]
    [InlineData("r1 = -r2", 1, 7, "negation must name the destination register")]
    public void ReportsLocatedErrors(string text, int line, int column, string reason)
    {
        var act = () => Assembler.Assemble(text);
        var e = act.Should().Throw<AssemblyException>().Which;
        (e.Line, e.Column, e.Reason).Should().Be((line, column, reason));
        e.Message.Should().Be($"{line}:{column}: error: {reason}");
        Assembler.TryAssemble(text, out _, out var error).Should().BeFalse();
        error!.Line.Should().Be(line);
    }

    [Fact]
    public void KernelAndUbpfSpellingsAgree()
    {
        Assembler.AssembleToBytes("r1 = *(u16 *)(r2 - 4)").Should().Equal(Assembler.AssembleToBytes("ldxh %r1, [%r2-4]"));
        Assembler.AssembleToBytes("lock *(u32 *)(r1 + 4) += w3").Should().Equal(Assembler.AssembleToBytes("lock add32 [%r1+4], %r3"));
        Assembler.AssembleToBytes("w0 = cmpxchg32_32(r1 + 8, w0, w2)").Should().Equal(Assembler.AssembleToBytes("lock cmpxchg32 [%r1+8], %r2"));
        Assembler.AssembleToBytes("gotol +1\nexit\nexit").Should().Equal(Assembler.AssembleToBytes("ja32 +1\nexit\nexit"));
        InstructionEncoder.Encode(Assembler.Assemble("r1 s>>= 3")).Should().Equal(InstructionEncoder.Encode([Alu.Arsh.Imm(R1, 3)]));
    }
}
