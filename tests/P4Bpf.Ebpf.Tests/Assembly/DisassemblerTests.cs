using P4Bpf.Ebpf.Assembly;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Tests.Shared;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.Ebpf.Tests.Assembly;

public sealed class DisassemblerTests
{
    public static TheoryData<string, string> Golden() => new()
    {
        { "07 01 00 00 16 00 00 00", "r1 += 22" },
        { "04 01 00 00 fa ff ff ff", "w1 += -6" },
        { "1f 24 00 00 00 00 00 00", "r4 -= r2" },
        { "3c 65 00 00 00 00 00 00", "w5 /= w6" },
        { "3f 21 01 00 00 00 00 00", "r1 s/= r2" },
        { "97 01 01 00 03 00 00 00", "r1 s%= 3" },
        { "c7 03 00 00 05 00 00 00", "r3 s>>= 5" },
        { "67 04 00 00 01 00 00 00", "r4 <<= 1" },
        { "84 01 00 00 00 00 00 00", "w1 = -w1" },
        { "87 01 00 00 00 00 00 00", "r1 = -r1" },
        { "b4 03 00 00 07 00 00 00", "w3 = 7" },
        { "bf 23 00 00 00 00 00 00", "r3 = r2" },
        { "bf 21 08 00 00 00 00 00", "r1 = (s8)r2" },
        { "bc 21 10 00 00 00 00 00", "w1 = (s16)w2" },
        { "dc 00 00 00 10 00 00 00", "r0 = be16 r0" },
        { "d4 00 00 00 20 00 00 00", "r0 = le32 r0" },
        { "d7 00 00 00 40 00 00 00", "r0 = bswap64 r0" },
        { "18 03 00 00 ef cd ab 89 00 00 00 00 67 45 23 01", "r3 = 81985529216486895 ll" },
        { "18 01 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff", "r1 = -1 ll" },
        { "18 11 00 00 05 00 00 00 00 00 00 00 00 00 00 00", "r1 = map_by_fd(5) ll" },
        { "18 21 00 00 05 00 00 00 00 00 00 00 08 00 00 00", "r1 = map_val(map_by_fd(5)) + 8 ll" },
        { "18 31 00 00 07 00 00 00 00 00 00 00 00 00 00 00", "r1 = var_addr(7) ll" },
        { "18 41 00 00 03 00 00 00 00 00 00 00 00 00 00 00", "r1 = code_addr(3) ll" },
        { "18 51 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "r1 = map_by_idx(0) ll" },
        { "18 61 00 00 01 00 00 00 00 00 00 00 10 00 00 00", "r1 = map_val(map_by_idx(1)) + 16 ll" },
        { "61 15 40 00 00 00 00 00", "r5 = *(u32 *)(r1 + 64)" },
        { "61 a1 f8 ff 00 00 00 00", "r1 = *(u32 *)(r10 - 8)" },
        { "91 21 00 00 00 00 00 00", "r1 = *(s8 *)(r2 + 0)" },
        { "73 31 63 00 00 00 00 00", "*(u8 *)(r1 + 99) = r3" },
        { "62 0a fc ff 05 00 00 00", "*(u32 *)(r10 - 4) = 5" },
        { "30 00 00 00 0c 00 00 00", "r0 = *(u8 *)skb[12]" },
        { "48 40 00 00 00 00 00 00", "r0 = *(u16 *)skb[r4]" },
        { "40 40 00 00 02 00 00 00", "r0 = *(u32 *)skb[r4 + 2]" },
        { "db 31 00 00 00 00 00 00", "lock *(u64 *)(r1 + 0) += r3" },
        { "c3 31 40 00 50 00 00 00", "lock *(u32 *)(r1 + 64) &= r3" },
        { "db 31 18 00 01 00 00 00", "r3 = atomic_fetch_add((u64 *)(r1 + 24), r3)" },
        { "c3 31 18 00 a1 00 00 00", "w3 = atomic_fetch_xor((u32 *)(r1 + 24), w3)" },
        { "db 71 20 00 e1 00 00 00", "r7 = xchg_64(r1 + 32, r7)" },
        { "c3 71 20 00 e1 00 00 00", "w7 = xchg32_32(r1 + 32, w7)" },
        { "db 91 28 00 f1 00 00 00", "r0 = cmpxchg_64(r1 + 40, r0, r9)" },
        { "05 00 28 00 00 00 00 00", "goto +40" },
        { "05 00 fe ff 00 00 00 00", "goto -2" },
        { "06 00 00 00 00 00 01 00", "gotol +65536" },
        { "66 06 07 00 fa ff ff ff", "if w6 s> -6 goto +7" },
        { "c5 02 02 00 65 00 00 00", "if r2 s< 101 goto +2" },
        { "be 27 08 00 00 00 00 00", "if w7 <= w2 goto +8" },
        { "45 01 01 00 08 00 00 00", "if r1 & 8 goto +1" },
        { "85 00 00 00 05 00 00 00", "call 5" },
        { "85 10 00 00 2b 00 00 00", "call pc+43" },
        { "85 20 00 00 11 00 00 00", "call kfunc(17)" },
        { "8d 02 00 00 00 00 00 00", "callx r2" },
        { "95 00 00 00 00 00 00 00", "exit" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void PrintsCanonicalKernelSyntaxAndReadsItBack(string hex, string text)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", ""));
        var insn = InstructionDecoder.Decode(bytes).Single();
        Disassembler.Format(insn).Should().Be(text);
        insn.ToString().Should().Be(text);
        Assembler.AssembleToBytes(text).Should().Equal(bytes);
    }

    [Fact]
    public void LabelledDisassemblyNamesTargets()
    {
        var program = InstructionEncoder.Resolve(
        [
            Jmp.JEq.Imm(R1, 0, "out"),
            Alu.Mov.Imm(R0, 1),
            Jmp.CallLocal("f"),
            new AsmInstruction(Jmp.Exit()).WithLabel("out"),
            new AsmInstruction(Alu.Mov.Imm(R0, 2)).WithLabel("f"),
            Jmp.Exit(),
        ]);
        Disassembler.Disassemble(program, new DisassemblyOptions(Labels: true)).Should().Be(
            "\tif r1 == 0 goto L3\n\tr0 = 1\n\tcall L4\nL3:\n\texit\nL4:\n\tr0 = 2\n\texit\n");
        Disassembler.Disassemble(program, new DisassemblyOptions(ShowPc: true)).Should().StartWith("       0:\tif r1 == 0 goto +2\n");
    }

    /// <summary>Our text must equal what llvm-objdump 14 prints for clang-compiled code (objdump's address/bytes columns and
    /// <c>&lt;label&gt;</c> annotations stripped).</summary>
    [Fact]
    public void MatchesLlvmObjdumpOnClangOutput()
    {
        Assert.SkipUnless(Tooling.HasClang, Tooling.NoClangReason);
        var dir = Directory.CreateTempSubdirectory("p4bpf-disasm-");
        try
        {
            var c = Path.Combine(dir.FullName, "t.c");
            File.WriteAllText(c, """
                typedef unsigned long long u64; typedef unsigned int u32; typedef unsigned short u16; typedef unsigned char u8;
                static long (*helper5)(long) = (void *)5;
                __attribute__((noinline)) static int sub(int a, int b) { return a * b + 3; }
                int f(u64 *p, long x, int y) {
                  u32 *q = (u32 *)(p + 8); u16 *h = (u16 *)(p + 10); u8 *b = (u8 *)(p + 12);
                  u64 a = p[1] + 22; a -= x; a *= 3; a /= (u64)x; a %= 7; a |= 1; a &= 0xff; a <<= 3; a >>= 2; a ^= x;
                  long s = (long)a >> 5; s = -s;
                  u32 w = q[0] + y; w = w / (u32)y; w = w % 5; w <<= 2; w >>= 1; int sw = (int)w >> 3;
                  q[1] = w; h[2] = (u16)sw; b[3] = 7; p[2] = 0x123456789abcdefULL; p[3] = -5;
                  __sync_fetch_and_add(p, x); __sync_fetch_and_add(q, y);
                  long old = __sync_fetch_and_add(p + 3, 5); long old2 = __sync_lock_test_and_set(p + 4, 9);
                  long c = __sync_val_compare_and_swap(p + 5, 1, 2); __sync_fetch_and_or(p, 1); __sync_fetch_and_xor(p, 2); __sync_fetch_and_and(p, 3);
                  u32 be = __builtin_bswap32(w); u16 be16 = __builtin_bswap16(h[0]); u64 be64 = __builtin_bswap64(a);
                  if ((int)y < -5) return helper5(old) + sub(y, 3);
                  if (x > 100) return old2 + c;
                  if (w == 7) return be;
                  if ((u32)y > w) return 9;
                  if (x & 8) return be16;
                  return a + s + sw + be64 + *(signed char *)b + *(short *)h + *(int *)q;
                }
                """);
            var o = Path.Combine(dir.FullName, "t.o");
            var bin = Path.Combine(dir.FullName, "t.bin");
            Tooling.Run("clang", $"-O2 -target bpf -mcpu=v3 -c {c} -o {o}").ExitCode.Should().Be(0);
            Tooling.Run("llvm-objcopy", $"-O binary --only-section=.text {o} {bin}").ExitCode.Should().Be(0);
            var dump = Tooling.Run("llvm-objdump", $"-d --no-show-raw-insn {o}");
            dump.ExitCode.Should().Be(0);
            var expected = dump.Stdout.Split('\n')
                .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d+:\t"))
                .Select(l => System.Text.RegularExpressions.Regex.Replace(l[(l.IndexOf('\t') + 1)..], @" <[^<>]*>$", "").Trim())
                .ToList();
            var ours = InstructionDecoder.Decode(File.ReadAllBytes(bin)).Select(Disassembler.Format).ToList();
            // LLVM 14 prints a local call like a helper call (the imm); we print bpftool's unambiguous "call pc+N".
            for (var i = 0; i < ours.Count; i++)
            {
                if (ours[i].StartsWith("call pc", StringComparison.Ordinal))
                {
                    ours[i] = "call " + ours[i][7..].TrimStart('+');
                }
            }
            for (var i = 0; i < Math.Min(ours.Count, expected.Count); i++)
            {
                ours[i].Should().Be(expected[i], $"instruction {i} must print as llvm-objdump prints it");
            }
            ours.Should().HaveCount(expected.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
