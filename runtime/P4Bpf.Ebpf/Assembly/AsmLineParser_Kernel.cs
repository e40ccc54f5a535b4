using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Assembly;

/// <summary>The kernel/LLVM syntax: <c>r1 += 2</c>, <c>if w1 s&lt; 5 goto +2</c>, <c>*(u32 *)(r10 - 4) = r1</c>, <c>r0 = atomic_fetch_add((u64 *)(r1 + 0), r0)</c>…</summary>
internal sealed partial class AsmLineParser
{
    private static readonly Dictionary<string, AluOp> AluOperators = new(StringComparer.Ordinal)
    {
        ["+="] = AluOp.Add, ["-="] = AluOp.Sub, ["*="] = AluOp.Mul, ["/="] = AluOp.Div, ["s/="] = AluOp.SDiv,
        ["|="] = AluOp.Or, ["&="] = AluOp.And, ["<<="] = AluOp.Lsh, [">>="] = AluOp.Rsh, ["%="] = AluOp.Mod,
        ["s%="] = AluOp.SMod, ["^="] = AluOp.Xor, ["s>>="] = AluOp.Arsh,
    };

    private static readonly Dictionary<string, JumpOp> JumpOperators = new(StringComparer.Ordinal)
    {
        ["=="] = JumpOp.JEq, [">"] = JumpOp.JGt, [">="] = JumpOp.JGe, ["&"] = JumpOp.JSet, ["!="] = JumpOp.JNe,
        ["s>"] = JumpOp.JSGt, ["s>="] = JumpOp.JSGe, ["<"] = JumpOp.JLt, ["<="] = JumpOp.JLe, ["s<"] = JumpOp.JSLt, ["s<="] = JumpOp.JSLe,
    };

    private static readonly Dictionary<string, AtomicOp> LockOperators = new(StringComparer.Ordinal)
    {
        ["+="] = AtomicOp.Add, ["|="] = AtomicOp.Or, ["&="] = AtomicOp.And, ["^="] = AtomicOp.Xor,
    };

    private static readonly Dictionary<string, AtomicOp> FetchFunctions = new(StringComparer.Ordinal)
    {
        ["atomic_fetch_add"] = AtomicOp.FetchAdd, ["atomic_fetch_or"] = AtomicOp.FetchOr,
        ["atomic_fetch_and"] = AtomicOp.FetchAnd, ["atomic_fetch_xor"] = AtomicOp.FetchXor,
    };

    private ParsedLine ParseKernel()
    {
        var first = Peek;
        if (first.Is("*"))
        {
            return ParseStore();
        }
        if (first.Kind != AsmTokenKind.Ident)
        {
            throw Error(first, $"expected an instruction but found {first}");
        }
        if (PeekIsRegister)
        {
            return ParseAssignment();
        }
        Next();
        switch (first.Text)
        {
            case "exit":
                return Done(Jmp.Exit());
            case "goto":
            {
                var target = ParseTarget(short.MinValue, short.MaxValue);
                return Branch(Jmp.Ja((short)target.Offset), target);
            }
            case "gotol":
            {
                var target = ParseTarget(int.MinValue, int.MaxValue);
                return Branch(Jmp.Gotol((int)target.Offset), target);
            }
            case "if":
                return ParseConditional();
            case "call":
                return ParseKernelCall();
            case "callx":
                return Done(Jmp.CallX(ParseRegister(wantW: false, "callx")));
            case "lock":
                return ParseLock();
            default:
                throw Error(first, $"unknown instruction '{first.Text}'");
        }
    }

    private ParsedLine ParseConditional()
    {
        var dst = ParseRegister(out var is32);
        var opToken = Next();
        if (!JumpOperators.TryGetValue(opToken.Text, out var op) || opToken.Kind != AsmTokenKind.Punct)
        {
            throw Error(opToken, $"expected a comparison operator but found {opToken}");
        }
        Instruction insn;
        if (PeekIsRegister)
        {
            var src = ParseRegister(is32, "a comparison");
            insn = new Instruction(OpCode.Jump(op, OperandSource.Reg, is32), dst, src, 0, 0);
        }
        else
        {
            insn = new Instruction(OpCode.Jump(op, OperandSource.Imm, is32), dst, default, 0, ParseImm32());
        }
        Expect("goto");
        var target = ParseTarget(short.MinValue, short.MaxValue);
        return Branch(insn with { Offset = (short)target.Offset }, target);
    }

    private ParsedLine ParseKernelCall()
    {
        var t = Peek;
        if (t.Is("pc"))
        {
            Next();
            var offset = ParseInteger(int.MinValue, int.MaxValue, "a call offset");
            return Done(Jmp.CallLocal((int)offset));
        }
        if (t.Is("kfunc"))
        {
            Next();
            Expect("(");
            var id = ParseImm32("a BTF id");
            Expect(")");
            return Done(Jmp.CallKfunc((int)id));
        }
        if (t.Kind == AsmTokenKind.Ident)
        {
            Next();
            return new ParsedLine(new AsmInstruction(Jmp.CallLocal(0), Target: t.Text), t.Text, t.Column);
        }
        return Done(Jmp.Call((int)ParseImm32("a helper id")));
    }

    /// <summary><c>( rN + off )</c> or <c>( rN - off )</c>.</summary>
    private (Register Base, short Offset) ParseAddress(bool parenthesised = true)
    {
        if (parenthesised)
        {
            Expect("(");
        }
        var reg = ParseRegister(wantW: false, "an address");
        short off = 0;
        if (Peek.Is("+") || Peek.Is("-"))
        {
            var negative = Next().Is("-");
            var value = ParseInteger(0, negative ? 32768UL : 32767UL, "an offset");
            off = (short)(negative ? -value : value);
        }
        if (parenthesised)
        {
            Expect(")");
        }
        return (reg, off);
    }

    /// <summary><c>(u32 *)</c> or <c>(s16 *)</c> — returns the size and whether it was signed.</summary>
    private MemSize ParseTypeCast(out bool signed)
    {
        Expect("(");
        var t = ExpectIdent("a type such as u32");
        signed = t.Text.StartsWith('s');
        var size = t.Text switch
        {
            "u8" or "s8" => MemSize.B,
            "u16" or "s16" => MemSize.H,
            "u32" or "s32" => MemSize.W,
            "u64" => MemSize.DW,
            _ => throw Error(t, $"unknown type '{t.Text}' (expected u8, u16, u32, u64, s8, s16 or s32)"),
        };
        Expect("*");
        Expect(")");
        return size;
    }

    private ParsedLine ParseStore()
    {
        Expect("*");
        var size = ParseTypeCast(out var signed);
        if (signed)
        {
            throw Error(tokens[_pos - 3], "stores take an unsigned type");
        }
        var (dst, off) = ParseAddress();
        Expect("=");
        if (PeekIsRegister)
        {
            var src = ParseRegister(out _);
            return Done(Mem.StoreMem(dst, off, src, size));
        }
        return Done(Mem.StoreImm(dst, off, ParseImm32(), size));
    }

    private ParsedLine ParseLock()
    {
        Expect("*");
        var size = ParseTypeCast(out _);
        var (dst, off) = ParseAddress();
        var opToken = Next();
        if (!LockOperators.TryGetValue(opToken.Text, out var op))
        {
            throw Error(opToken, $"expected +=, |=, &= or ^= but found {opToken}");
        }
        var src = ParseRegister(out _);
        return Done(Mem.Atomic(op, size, dst, off, src));
    }

    private ParsedLine ParseAssignment()
    {
        var dstToken = Peek;
        var dst = ParseRegister(out var isW);
        var opToken = Next();
        if (opToken.Kind == AsmTokenKind.Punct && AluOperators.TryGetValue(opToken.Text, out var aluOp))
        {
            return Done(ParseAluOperand(aluOp, dst, isW));
        }
        if (!opToken.Is("="))
        {
            throw Error(opToken, $"expected an assignment operator but found {opToken}");
        }
        var t = Peek;
        if (t.Is("*"))
        {
            return ParseLoad(dst, isW, dstToken);
        }
        if (t.Is("(") && PeekAt(1).Kind == AsmTokenKind.Ident && PeekAt(1).Text is "s8" or "s16" or "s32")
        {
            Next();
            var cast = Next();
            Expect(")");
            var op = cast.Text switch { "s8" => AluOp.MovSx8, "s16" => AluOp.MovSx16, _ => AluOp.MovSx32 };
            var src = ParseRegister(isW, "a sign-extending move");
            return Done(new Instruction(OpCode.Alu(op, OperandSource.Reg, !isW), dst, src, 0, 0));
        }
        if (t.Is("-") && TryRegister(PeekAt(1), out var negReg, out var negW))
        {
            Next();
            var at = Next();
            if (negReg != dst || negW != isW)
            {
                throw Error(at, "negation must name the destination register");
            }
            return Done(isW ? Alu.Neg32(dst) : Alu.Neg(dst));
        }
        if (t.Kind == AsmTokenKind.Ident && !PeekIsRegister)
        {
            return ParseNamedRhs(dst, isW, dstToken);
        }
        if (PeekIsRegister)
        {
            var src = ParseRegister(isW, "a move");
            return Done(isW ? Alu.Mov.Reg32(dst, src) : Alu.Mov.Reg(dst, src));
        }
        // An immediate: mov, or lddw when followed by "ll".
        var save = _pos;
        var value = ParseImm64();
        if (Accept("ll"))
        {
            RequireR(isW, dstToken, "lddw");
            return Done(Mem.LoadImm64(dst, value));
        }
        _pos = save;
        var imm = ParseImm32();
        return Done(isW ? Alu.Mov.Imm32(dst, imm) : Alu.Mov.Imm(dst, imm));
    }

    private void RequireR(bool isW, AsmToken at, string what)
    {
        if (isW)
        {
            throw Error(at, $"{what} needs a 64-bit (rN) destination");
        }
    }

    private Instruction ParseAluOperand(AluOp op, Register dst, bool isW)
    {
        if (PeekIsRegister)
        {
            var src = ParseRegister(isW, "an ALU operation");
            return new Instruction(OpCode.Alu(op, OperandSource.Reg, !isW), dst, src, 0, 0);
        }
        return new Instruction(OpCode.Alu(op, OperandSource.Imm, !isW), dst, default, 0, ParseImm32());
    }

    private ParsedLine ParseLoad(Register dst, bool isW, AsmToken dstToken)
    {
        RequireR(isW, dstToken, "a load");
        Expect("*");
        var size = ParseTypeCast(out var signed);
        if (Peek.Is("skb"))
        {
            Next();
            Expect("[");
            if (dst.Index != 0)
            {
                throw Error(dstToken, "legacy packet loads always write r0");
            }
            Instruction insn;
            if (PeekIsRegister)
            {
                var src = ParseRegister(wantW: false, "a packet load");
                long imm = 0;
                if (Peek.Is("+") || Peek.Is("-"))
                {
                    var negative = Next().Is("-");
                    imm = ParseInteger(0, negative ? 0x8000_0000UL : int.MaxValue, "an offset");
                    imm = negative ? -imm : imm;
                }
                insn = Mem.LoadInd(size, src, (int)imm);
            }
            else
            {
                insn = Mem.LoadAbs(size, (int)ParseImm32("an offset"));
            }
            Expect("]");
            return Done(insn);
        }
        var (src2, off) = ParseAddress();
        return Done(signed ? Mem.LoadMemSx(dst, src2, off, size) : Mem.LoadMem(dst, src2, off, size));
    }

    private ParsedLine ParseNamedRhs(Register dst, bool isW, AsmToken dstToken)
    {
        var name = Next();
        var text = name.Text;
        if (text.Length > 2 && (text.StartsWith("be", StringComparison.Ordinal) || text.StartsWith("le", StringComparison.Ordinal) || text.StartsWith("bswap", StringComparison.Ordinal))
            && int.TryParse(text.AsSpan(text.StartsWith('b') && text[1] == 's' ? 5 : 2), out var width))
        {
            var reg = ParseRegister(out _);
            if (reg != dst)
            {
                throw Error(name, "byte swaps must name the destination register twice");
            }
            var insn = text[0] == 'l' ? Alu.ToLe(dst, width) : text[1] == 'e' ? Alu.ToBe(dst, width) : Alu.Swap(dst, width);
            return Done(insn);
        }
        if (FetchFunctions.TryGetValue(text, out var fetch))
        {
            Expect("(");
            var size = ParseTypeCast(out _);
            var (b, off) = ParseAddress();
            Expect(",");
            var src = ParseRegister(out _);
            Expect(")");
            if (src != dst)
            {
                throw Error(name, "atomic fetch must write back into its value register");
            }
            return Done(Mem.Atomic(fetch, size, b, off, src));
        }
        switch (text)
        {
            case "xchg_64" or "xchg32_32":
            {
                Expect("(");
                var (b, off) = ParseAddress(parenthesised: false);
                Expect(",");
                var src = ParseRegister(out _);
                Expect(")");
                if (src != dst)
                {
                    throw Error(name, "xchg must write back into its value register");
                }
                return Done(Mem.Atomic(AtomicOp.Xchg, text == "xchg_64" ? MemSize.DW : MemSize.W, b, off, src));
            }
            case "cmpxchg_64" or "cmpxchg32_32":
            {
                Expect("(");
                var (b, off) = ParseAddress(parenthesised: false);
                Expect(",");
                var cmpToken = Peek;
                var cmp = ParseRegister(out _);
                Expect(",");
                var src = ParseRegister(out _);
                Expect(")");
                if (dst.Index != 0 || cmp.Index != 0)
                {
                    throw Error(cmp.Index != 0 ? cmpToken : dstToken, "cmpxchg compares with and writes r0");
                }
                return Done(Mem.Atomic(AtomicOp.CmpXchg, text == "cmpxchg_64" ? MemSize.DW : MemSize.W, b, off, src));
            }
        }
        RequireR(isW, dstToken, "lddw");
        var result = text switch
        {
            "map_by_fd" => Mem.LoadPseudo(dst, PseudoSource.MapFd, ParsePseudoArg()),
            "var_addr" => Mem.LoadPseudo(dst, PseudoSource.BtfId, ParsePseudoArg()),
            "code_addr" => Mem.LoadPseudo(dst, PseudoSource.Func, ParsePseudoArg()),
            "map_by_idx" => Mem.LoadPseudo(dst, PseudoSource.MapIdx, ParsePseudoArg()),
            "map_val" => ParseMapValue(dst),
            _ => throw Error(name, $"unknown expression '{text}'"),
        };
        Expect("ll");
        return Done(result);
    }

    private int ParsePseudoArg()
    {
        Expect("(");
        var value = (int)ParseImm32();
        Expect(")");
        return value;
    }

    private Instruction ParseMapValue(Register dst)
    {
        Expect("(");
        var inner = ExpectIdent("map_by_fd or map_by_idx");
        var source = inner.Text switch
        {
            "map_by_fd" => PseudoSource.MapValue,
            "map_by_idx" => PseudoSource.MapIdxValue,
            _ => throw Error(inner, $"expected map_by_fd or map_by_idx but found '{inner.Text}'"),
        };
        var map = ParsePseudoArg();
        Expect(")");
        var offset = 0;
        if (Accept("+"))
        {
            offset = (int)ParseImm32("a value offset");
        }
        return Mem.LoadPseudo(dst, source, map, offset);
    }
}
