using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Assembly;

/// <summary>The uBPF/bpf_conformance syntax: <c>mov32 %r1, -13</c>, <c>ldxh %r0, [%r1+2]</c>, <c>jne %r1, 0x0, fail</c>, <c>lock fetch add [%r10-8], %r1</c>, <c>call local f</c>.</summary>
internal sealed partial class AsmLineParser
{
    private static readonly Dictionary<string, AluOp> UbpfAluOps = new(StringComparer.Ordinal)
    {
        ["add"] = AluOp.Add, ["sub"] = AluOp.Sub, ["mul"] = AluOp.Mul, ["div"] = AluOp.Div, ["sdiv"] = AluOp.SDiv,
        ["or"] = AluOp.Or, ["and"] = AluOp.And, ["lsh"] = AluOp.Lsh, ["rsh"] = AluOp.Rsh, ["mod"] = AluOp.Mod,
        ["smod"] = AluOp.SMod, ["xor"] = AluOp.Xor, ["mov"] = AluOp.Mov, ["arsh"] = AluOp.Arsh,
        ["movsx8"] = AluOp.MovSx8, ["movsx16"] = AluOp.MovSx16, ["movsx32"] = AluOp.MovSx32,
    };

    private static readonly Dictionary<string, JumpOp> UbpfJumpOps = new(StringComparer.Ordinal)
    {
        ["jeq"] = JumpOp.JEq, ["jgt"] = JumpOp.JGt, ["jge"] = JumpOp.JGe, ["jset"] = JumpOp.JSet, ["jne"] = JumpOp.JNe,
        ["jsgt"] = JumpOp.JSGt, ["jsge"] = JumpOp.JSGe, ["jlt"] = JumpOp.JLt, ["jle"] = JumpOp.JLe, ["jslt"] = JumpOp.JSLt, ["jsle"] = JumpOp.JSLe,
    };

    private static readonly Dictionary<string, AtomicOp> UbpfAtomicOps = new(StringComparer.Ordinal)
    {
        ["add"] = AtomicOp.Add, ["or"] = AtomicOp.Or, ["and"] = AtomicOp.And, ["xor"] = AtomicOp.Xor,
        ["xchg"] = AtomicOp.Xchg, ["cmpxchg"] = AtomicOp.CmpXchg,
    };

    private static readonly HashSet<string> KernelKeywords = new(StringComparer.Ordinal) { "exit", "goto", "gotol", "if", "call", "callx", "lock" };

    private bool IsUbpfLine()
    {
        var first = Peek;
        if (first.Kind != AsmTokenKind.Ident || PeekIsRegister)
        {
            return false;
        }
        var next = PeekAt(1);
        return first.Text switch
        {
            "lock" => !next.Is("*"),
            "call" => next.Is("local") || next.Is("helper") || next.Is("runtime") || (next.Kind == AsmTokenKind.Ident && next.Text.StartsWith('%')),
            _ => !KernelKeywords.Contains(first.Text),
        };
    }

    private ParsedLine ParseUbpf()
    {
        var mnemonicToken = Next();
        var mn = mnemonicToken.Text;
        switch (mn)
        {
            case "lock":
                return ParseUbpfLock();
            case "call":
                return ParseUbpfCall();
            case "ja":
            {
                var target = ParseTarget(short.MinValue, short.MaxValue);
                return Branch(Jmp.Ja((short)target.Offset), target);
            }
            case "ja32":
            {
                var target = ParseTarget(int.MinValue, int.MaxValue);
                return Branch(Jmp.Gotol((int)target.Offset), target);
            }
            case "lddw":
            {
                var dst = ParseUbpfRegister();
                Expect(",");
                return Done(Mem.LoadImm64(dst, ParseImm64()));
            }
            case "neg" or "neg64":
                return Done(Alu.Neg(ParseUbpfRegister()));
            case "neg32":
                return Done(Alu.Neg32(ParseUbpfRegister()));
        }
        if (TrySplitWidth(mn, "le", out var w) || TrySplitWidth(mn, "be", out w) || TrySplitWidth(mn, "swap", out w) || TrySplitWidth(mn, "bswap", out w))
        {
            var dst = ParseUbpfRegister();
            return Done(mn[0] == 'l' ? Alu.ToLe(dst, w) : mn[0] == 'b' && mn[1] == 'e' ? Alu.ToBe(dst, w) : Alu.Swap(dst, w));
        }
        if (mn.StartsWith("ldxs", StringComparison.Ordinal) && TrySize(mn[4..], out var sxSize))
        {
            var dst = ParseUbpfRegister();
            Expect(",");
            var (b, off) = ParseUbpfMemory();
            return Done(Mem.LoadMemSx(dst, b, off, sxSize));
        }
        if (mn.StartsWith("ldx", StringComparison.Ordinal) && TrySize(mn[3..], out var ldSize))
        {
            var dst = ParseUbpfRegister();
            Expect(",");
            var (b, off) = ParseUbpfMemory();
            return Done(Mem.LoadMem(dst, b, off, ldSize));
        }
        if (mn.StartsWith("stx", StringComparison.Ordinal) && TrySize(mn[3..], out var stxSize))
        {
            var (b, off) = ParseUbpfMemory();
            Expect(",");
            return Done(Mem.StoreMem(b, off, ParseUbpfRegister(), stxSize));
        }
        if (mn.StartsWith("st", StringComparison.Ordinal) && TrySize(mn[2..], out var stSize))
        {
            var (b, off) = ParseUbpfMemory();
            Expect(",");
            return Done(Mem.StoreImm(b, off, ParseImm32(), stSize));
        }
        if (mn.StartsWith("ldabs", StringComparison.Ordinal) && TrySize(mn[5..], out var absSize))
        {
            return Done(Mem.LoadAbs(absSize, (int)ParseImm32()));
        }
        if (mn.StartsWith("ldind", StringComparison.Ordinal) && TrySize(mn[5..], out var indSize))
        {
            var src = ParseUbpfRegister();
            Expect(",");
            return Done(Mem.LoadInd(indSize, src, (int)ParseImm32()));
        }
        var is32 = mn.EndsWith("32", StringComparison.Ordinal);
        var baseName = is32 || mn.EndsWith("64", StringComparison.Ordinal) ? mn[..^2] : mn;
        if (UbpfJumpOps.TryGetValue(baseName, out var jop) && !mn.EndsWith("64", StringComparison.Ordinal))
        {
            var dst = ParseUbpfRegister();
            Expect(",");
            Instruction insn;
            if (PeekIsRegister)
            {
                insn = new Instruction(OpCode.Jump(jop, OperandSource.Reg, is32), dst, ParseUbpfRegister(), 0, 0);
            }
            else
            {
                insn = new Instruction(OpCode.Jump(jop, OperandSource.Imm, is32), dst, default, 0, ParseImm32());
            }
            Expect(",");
            var target = ParseTarget(short.MinValue, short.MaxValue);
            return Branch(insn with { Offset = (short)target.Offset }, target);
        }
        if (UbpfAluOps.TryGetValue(baseName, out var aop))
        {
            var dst = ParseUbpfRegister();
            Expect(",");
            if (PeekIsRegister)
            {
                return Done(new Instruction(OpCode.Alu(aop, OperandSource.Reg, !is32), dst, ParseUbpfRegister(), 0, 0));
            }
            return Done(new Instruction(OpCode.Alu(aop, OperandSource.Imm, !is32), dst, default, 0, ParseImm32()));
        }
        throw Error(mnemonicToken, $"unknown mnemonic '{mn}'");
    }

    private ParsedLine ParseUbpfCall()
    {
        var t = Peek;
        if (Accept("local"))
        {
            var target = ParseTarget(int.MinValue, int.MaxValue);
            return Branch(Jmp.CallLocal((int)target.Offset), target);
        }
        if (Accept("runtime"))
        {
            return Done(Jmp.CallKfunc((int)ParseImm32("a function id")));
        }
        Accept("helper");
        if (PeekIsRegister)
        {
            return Done(Jmp.CallX(ParseUbpfRegister()));
        }
        _ = t;
        return Done(Jmp.Call((int)ParseImm32("a helper id")));
    }

    private ParsedLine ParseUbpfLock()
    {
        var fetch = Accept("fetch");
        var opToken = ExpectIdent("an atomic operation");
        var name = opToken.Text;
        var size = MemSize.DW;
        if (name.EndsWith("32", StringComparison.Ordinal))
        {
            size = MemSize.W;
            name = name[..^2];
        }
        if (!UbpfAtomicOps.TryGetValue(name, out var op))
        {
            throw Error(opToken, $"unknown atomic operation '{opToken.Text}'");
        }
        if (fetch && op is AtomicOp.Add or AtomicOp.Or or AtomicOp.And or AtomicOp.Xor)
        {
            op |= AtomicOp.Fetch;
        }
        var (b, off) = ParseUbpfMemory();
        Expect(",");
        return Done(Mem.Atomic(op, size, b, off, ParseUbpfRegister()));
    }

    private Register ParseUbpfRegister()
    {
        var at = Peek;
        var reg = ParseRegister(out var isW);
        if (isW)
        {
            throw Error(at, "uBPF syntax names registers %rN or rN");
        }
        return reg;
    }

    /// <summary><c>[%rN]</c>, <c>[%rN+off]</c>, <c>[%rN-off]</c>.</summary>
    private (Register Base, short Offset) ParseUbpfMemory()
    {
        Expect("[");
        var reg = ParseUbpfRegister();
        short off = 0;
        if (Peek.Is("+") || Peek.Is("-"))
        {
            var negative = Next().Is("-");
            var value = ParseInteger(0, negative ? 32768UL : ushort.MaxValue, "an offset");
            off = unchecked((short)(negative ? -value : value));
        }
        Expect("]");
        return (reg, off);
    }

    private static bool TrySplitWidth(string mnemonic, string prefix, out int width)
    {
        width = 0;
        return mnemonic.Length > prefix.Length && mnemonic.StartsWith(prefix, StringComparison.Ordinal)
            && mnemonic[prefix.Length..] is "16" or "32" or "64"
            && int.TryParse(mnemonic.AsSpan(prefix.Length), out width);
    }

    private static bool TrySize(string suffix, out MemSize size)
    {
        (var ok, size) = suffix switch
        {
            "b" => (true, MemSize.B),
            "h" => (true, MemSize.H),
            "w" => (true, MemSize.W),
            "dw" => (true, MemSize.DW),
            _ => (false, MemSize.W),
        };
        return ok;
    }
}
