using System.Numerics;
using P4Bpf.Ebpf.Isa;
using P4Bpf.Midend.Architectures;
using P4Bpf.Midend.Ir;
using P4Bpf.Midend.Passes;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    private IrParser? currentParser;

    private string StateLabel(string state) => $"state_{Sanitize(currentParser!.Name)}_{state}";

    private void CompileParser(IrParser parser)
    {
        currentParser = parser;
        var accept = StateLabel(IrParser.Accept);
        parserRejectLabel = StateLabel(IrParser.Reject);
        parserTooShortLabel = e.NewLabel("too_short");
        var noMatch = e.NewLabel("no_match");
        e.Jump(StateLabel(parser.Start));
        var joins = JoinStates(parser);
        foreach (var state in parser.States)
        {
            e.Label(StateLabel(state.Name));
            if (joins.Contains(state.Name))
            {
                ForgetCursor();
            }
            CompileBlock(state.Body);
            switch (state.Transition)
            {
                case GotoTransition g:
                    e.Jump(StateLabel(g.State));
                    break;
                case SelectTransition s:
                    CompileSelect(s, noMatch);
                    break;
            }
        }
        e.Label(parserTooShortLabel);
        SetParserError(program.Errors.AsImmutableArray().IndexOf("PacketTooShort"));
        e.Jump(parserRejectLabel);
        e.Label(noMatch);
        SetParserError(program.Errors.AsImmutableArray().IndexOf("NoMatch"));
        e.Label(parserRejectLabel);
        e.Emit(Mem.StoreMem(StateReg, IntrinsicOffset("parsed_bytes"), CursorReg, MemSize.W));
        if (stage.OnReject == RejectPolicy.Drop)
        {
            e.Jump(dropLabel);
        }
        else
        {
            e.Jump(blockEndLabel);
        }
        e.Label(accept);
        e.Emit(Mem.StoreMem(StateReg, IntrinsicOffset("parsed_bytes"), CursorReg, MemSize.W));
        currentParser = null;
    }

    /// <summary>States that more than one transition leads to, in parsers big enough for path explosion to matter.</summary>
    private static HashSet<string> JoinStates(IrParser parser)
    {
        if (parser.States.Count < JoinWideningMinStates)
        {
            return [];
        }
        var predecessors = parser.States.SelectMany(s => UnreachableParserStates.Targets(s.Transition).Distinct()).GroupBy(t => t)
            .ToDictionary(g => g.Key, g => g.Count());
        return parser.States.Where(s => predecessors.GetValueOrDefault(s.Name) > 1).Select(s => s.Name).ToHashSet();
    }

    /// <summary>Parsers with fewer states keep exact cursor values everywhere (the verifier walks their few paths quickly).</summary>
    private const int JoinWideningMinStates = 16;

    /// <summary>
    /// At a join state, the cursor goes through state memory and comes back as a value the verifier only knows to be in
    /// [0, 0x3fff]: paths that reach the state with different header sizes then look alike and the verifier prunes all but
    /// one, instead of walking every path of a large unrolled parser (the kernel stops at 1M instructions or 8193 pending
    /// branches). Packet accesses are checked against data_end anyway, so nothing needs the exact value.
    /// </summary>
    private void ForgetCursor()
    {
        var at = IntrinsicOffset("parsed_bytes");
        e.Emit(Mem.StoreMem(StateReg, at, CursorReg, MemSize.W));
        e.Emit(Mem.LoadMem(CursorReg, StateReg, at, MemSize.W));
        e.Emit(Jmp.JGt.Imm(CursorReg, 0x3fff, parserTooShortLabel!));
    }

    /// <summary>Jumps to <paramref name="fail"/> unless the key (in a spill slot) is in the value_set's map; returns a wildcard so the caller tests nothing else.</summary>
    private KeyMatch MatchValueSet(string name, short slot, string fail)
    {
        var layout = plan.Manifest.ValueSets.FirstOrDefault(v => v.Name == name) ?? throw new CodegenException(5018, $"unknown value_set {name}");
        for (var off = 0; off < layout.KeySize; off += 4)
        {
            e.Emit(Mem.StoreImm(R10, (short)(FrameKey + off), 0, MemSize.W));
        }
        var k = Alloc();
        e.Emit(Mem.LoadMem(k, R10, slot, MemSize.DW));
        e.Emit(Mem.StoreMem(R10, FrameKey, k, SizeOf(Math.Min(8, IrType.ScalarBytes(layout.Width)))));
        pool.Free(k);
        LoadMap(R1, layout.Map);
        e.Emit(Alu.Mov.Reg(R2, R10));
        e.Emit(Alu.Add.Imm(R2, FrameKey));
        e.Emit(Helper.Call(HelperMapLookup));
        e.Emit(Jmp.JEq.Imm(R0, 0, fail));
        return WildcardMatch.Instance;
    }

    private void SetParserError(int code)
    {
        code = Math.Max(code, 0);
        e.Emit(Mem.StoreImm(StateReg, IntrinsicOffset("parser_error"), code, MemSize.W));
        if (stage.ParserErrorTarget is { } target && AddressOf(target) is var probe && (probe.Owned || probe.Offset != IntrinsicOffset("parser_error")))
        {
            Release(probe);
            var a = AddressOf(target);
            e.Emit(Mem.StoreImm(a.Base, a.Off, code, SizeOf(target.Type.StorageSize)));
            Release(a);
        }
    }

    private void CompileSelect(SelectTransition s, string noMatch)
    {
        var slots = new List<short>();
        foreach (var k in s.Keys)
        {
            if (WidthOf(k.Type) > 64)
            {
                throw CodegenException.NotSupported("select on a key wider than 64 bits");
            }
            var slot = AllocSpill();
            var v = Eval(k);
            e.Emit(Mem.StoreMem(R10, slot, v, MemSize.DW));
            pool.Free(v);
            slots.Add(slot);
        }
        foreach (var c in s.Cases)
        {
            var next = e.NewLabel("select_next");
            if (c.Keysets is not [DefaultKeyset])
            {
                for (var i = 0; i < s.Keys.Count; i++)
                {
                    var width = WidthOf(s.Keys[i].Type);
                    var match = c.Keysets[i] switch
                    {
                        ExactKeyset x => new ExactMatch(x.Value),
                        MaskKeyset m => new TernaryMatch(m.Value, m.Mask),
                        RangeKeyset r => new RangeMatch(r.Low, r.High),
                        DefaultKeyset => (KeyMatch)WildcardMatch.Instance,
                        ValueSetKeyset v => MatchValueSet(v.ValueSet, slots[i], next),
                        _ => WildcardMatch.Instance,
                    };
                    MatchKey(slots[i], width, match, next);
                }
            }
            foreach (var slot in slots)
            {
                FreeSpill(slot);
            }
            e.Jump(StateLabel(c.State));
            foreach (var slot in slots)
            {
                spillUsed[(FrameSpillBase - slot) / 8] = true;
            }
            e.Label(next);
        }
        foreach (var slot in slots)
        {
            FreeSpill(slot);
        }
        e.Jump(noMatch);
    }

    private void CompileParserStmt(IrStmt s)
    {
        if (currentParser is null)
        {
            throw CodegenException.NotSupported($"{s.GetType().Name} outside a parser");
        }
        switch (s)
        {
            case ExtractStmt x:
                CompileExtract(x);
                break;
            case AdvanceStmt a:
            {
                if (a.Bits is IrConstant c)
                {
                    if (c.Value % 8 != 0)
                    {
                        throw CodegenException.NotSupported("advance by a number of bits that is not a multiple of 8");
                    }
                    var bytes = (int)(c.Value / 8);
                    CheckPacket(bytes);
                    e.Emit(Alu.Add.Imm(CursorReg, bytes));
                    break;
                }
                var r = Eval(a.Bits);
                e.Emit(Alu.Rsh.Imm(r, 3));
                // Keep the cursor provably bounded for the verifier.
                e.Emit(Jmp.JGt.Imm(r, 0x3fff, parserTooShortLabel!));
                e.Emit(Alu.Add.Reg(CursorReg, r));
                pool.Free(r);
                CheckPacket(0);
                break;
            }
            case LookaheadStmt l:
                CompileLookahead(l);
                break;
            case VerifyStmt v:
            {
                var ok = e.NewLabel("verify_ok");
                CondJump(v.Condition, ok, jumpIfTrue: true);
                SetParserError(v.ErrorCode);
                e.Jump(parserRejectLabel!);
                e.Label(ok);
                break;
            }
        }
    }

    /// <summary>
    /// data + cursor in a new register, after a jump to too_short unless <paramref name="bytes"/> bytes follow it. The bound is
    /// checked on a copy of that very register, so the verifier knows the range even when the cursor is not a constant.
    /// </summary>
    private Register CheckedPacketPointer(int bytes)
    {
        var p = Alloc();
        var end = Alloc();
        e.Emit(Alu.Mov.Reg(p, DataReg));
        e.Emit(Alu.Add.Reg(p, CursorReg));
        e.Emit(Alu.Mov.Reg(end, p));
        e.Emit(Alu.Add.Imm(end, bytes));
        var dataEnd = Alloc();
        LoadDataEnd(dataEnd);
        e.Emit(Jmp.JGt.Reg(end, dataEnd, parserTooShortLabel!));
        pool.Free(dataEnd);
        pool.Free(end);
        return p;
    }

    /// <summary>Jumps to too_short unless data + cursor + bytes ≤ data_end.</summary>
    private void CheckPacket(int bytes)
    {
        var p = Alloc();
        var end = Alloc();
        e.Emit(Alu.Mov.Reg(p, DataReg));
        e.Emit(Alu.Add.Reg(p, CursorReg));
        if (bytes > 0)
        {
            e.Emit(Alu.Add.Imm(p, bytes));
        }
        LoadDataEnd(end);
        e.Emit(Jmp.JGt.Reg(p, end, parserTooShortLabel!));
        pool.Free(p);
        pool.Free(end);
    }

    private void CompileExtract(ExtractStmt x)
    {
        if (x.Header.Type is not HeaderType h)
        {
            throw CodegenException.NotSupported($"extract of {x.Header.Type}");
        }
        CheckVarbitShape(h);
        if ((h.VarbitField is null) != (x.VarbitBits is null))
        {
            throw new CodegenException(5020, $"extract of {h.Name}: a varbit length is needed exactly when the header has a varbit field");
        }
        // extract(stack.next): bounds check, then the element at next index, then next index + 1.
        // (A stack of header unions: extract(stack.next.member).)
        var element = x.Header as StackElementRef ?? (x.Header as FieldRef)?.Base as StackElementRef;
        IrExpr? nextIndex = element is { Index: StackNextIndexRef n } ? n : null;
        if (nextIndex is not null)
        {
            var stackType = (HeaderStackType)element!.Stack.Type;
            var idx = Load(nextIndex);
            var ok = e.NewLabel("stack_ok");
            e.Emit(Jmp.JLt.Imm(idx, stackType.Size, ok));
            pool.Free(idx);
            SetParserError(Math.Max(0, program.Errors.AsImmutableArray().IndexOf("StackOutOfBounds")));
            e.Jump(parserRejectLabel!);
            e.Label(ok);
        }
        var bytes = h.FixedWireBits / 8;
        var p = CheckedPacketPointer(bytes);
        var hdr = AddressOf(x.Header);
        foreach (var f in h.Fields.Where(f => f.Type is not VarbitType))
        {
            var fieldAddr = hdr.Plus(f.StorageOffset);
            if (f.Width > 64)
            {
                if (f.BitOffset % 8 != 0 || f.Width % 8 != 0)
                {
                    throw CodegenException.NotSupported($"field {h.Name}.{f.Name}: unaligned field wider than 64 bits");
                }
                CopyBytes(fieldAddr.Base, fieldAddr.Offset, p, f.BitOffset / 8, f.Width / 8);
                continue;
            }
            var v = ExtractBits(p, f.BitOffset, f.Width);
            e.Emit(Mem.StoreMem(fieldAddr.Base, fieldAddr.Off, v, SizeOf(f.Type.StorageSize)));
            pool.Free(v);
        }
        if (h.VarbitField is { } vf)
        {
            ExtractVarbit(p, bytes, hdr.Plus(vf.StorageOffset), (VarbitType)vf.Type, x.VarbitBits!);
        }
        e.Emit(Mem.StoreImm(hdr.Base, checked((short)(hdr.Offset + HeaderType.ValidOffset)), 1, MemSize.B));
        Release(hdr);
        pool.Free(p);
        e.Emit(Alu.Add.Imm(CursorReg, bytes));
        if (nextIndex is not null)
        {
            var a = AddressOf(nextIndex);
            var r = Alloc();
            e.Emit(Mem.LoadMem(r, a.Base, a.Off, MemSize.W));
            e.Emit(Alu.Add.Imm(r, 1));
            e.Emit(Mem.StoreMem(a.Base, a.Off, r, MemSize.W));
            pool.Free(r);
            Release(a);
        }
    }

    /// <summary>Headers must be whole bytes; a varbit field must be the last one and start on a byte.</summary>
    private static void CheckVarbitShape(HeaderType h)
    {
        if (h.FixedWireBits % 8 != 0 || (h.VarbitField is { } v && v.Type is VarbitType { MaxWidth: var max } && max % 8 != 0))
        {
            throw new CodegenException(5012, $"header {h.Name} is {h.WireBits} bits, not a whole number of bytes");
        }
        if (h.VarbitField is { } last && h.Fields[^1] != last)
        {
            throw CodegenException.NotSupported($"header {h.Name}: a varbit field that is not the last field");
        }
    }

    /// <summary>
    /// Copies a varbit field of <paramref name="lengthBits"/> bits (a multiple of 8, at most the maximum, else HeaderTooShort /
    /// ParserInvalidArgument) byte by byte, each byte bounds-checked, and stores its length; adds its bytes to the cursor.
    /// </summary>
    private void ExtractVarbit(Register p, int fixedBytes, Addr field, VarbitType type, IrExpr lengthBits)
    {
        var n = Eval(lengthBits);
        var tooLong = e.NewLabel("varbit_too_long");
        var badArg = e.NewLabel("varbit_bad");
        var done = e.NewLabel("varbit_done");
        var ok = e.NewLabel("varbit_ok");
        e.Emit(Jmp.JGt.Imm(n, type.MaxWidth, tooLong));
        e.Emit(Jmp.JSet.Imm(n, 7, badArg));
        e.Emit(Mem.StoreMem(field.Base, field.Off, n, MemSize.H));
        e.Emit(Alu.Rsh.Imm(n, 3));
        var t = Alloc();
        var end = Alloc();
        for (var i = 0; i < type.MaxBytes; i++)
        {
            e.Emit(Jmp.JLe.Imm(n, i, done));
            e.Emit(Alu.Mov.Reg(t, p));
            e.Emit(Alu.Add.Imm(t, fixedBytes + i + 1));
            LoadDataEnd(end);
            e.Emit(Jmp.JGt.Reg(t, end, parserTooShortLabel!));
            e.Emit(Mem.LoadMem(t, p, checked((short)(fixedBytes + i)), MemSize.B));
            e.Emit(Mem.StoreMem(field.Base, checked((short)(field.Offset + 2 + i)), t, MemSize.B));
        }
        e.Label(done);
        e.Emit(Alu.Add.Reg(CursorReg, n));
        e.Jump(ok);
        e.Label(tooLong);
        SetParserError(Math.Max(0, program.Errors.AsImmutableArray().IndexOf("HeaderTooShort")));
        e.Jump(parserRejectLabel!);
        e.Label(badArg);
        SetParserError(Math.Max(0, program.Errors.AsImmutableArray().IndexOf("ParserInvalidArgument")));
        e.Jump(parserRejectLabel!);
        e.Label(ok);
        pool.Free(t);
        pool.Free(end);
        pool.Free(n);
    }

    /// <summary>Reads <paramref name="width"/> ≤ 64 big-endian bits at a bit offset from a checked packet pointer into a new register.</summary>
    private Register ExtractBits(Register p, int bitOffset, int width)
    {
        var v = Alloc();
        var first = bitOffset / 8;
        var lead = bitOffset % 8;
        var bytes = (lead + width + 7) / 8;
        if (lead == 0 && width is 8 or 16 or 32 or 64)
        {
            e.Emit(Mem.LoadMem(v, p, checked((short)first), SizeOf(width / 8)));
            if (width > 8)
            {
                e.Emit(Alu.ToBe(v, width));
            }
            return v;
        }
        var take = Math.Min(bytes, 8);
        LoadBigEndian(v, p, first, take);
        if (bytes <= 8)
        {
            var trailing = (8 * bytes) - lead - width;
            if (trailing > 0)
            {
                e.Emit(Alu.Rsh.Imm(v, trailing));
            }
            if (trailing > 0 || lead > 0)
            {
                Mask(v, width);
            }
            return v;
        }
        // Nine bytes: the first eight give the top bits, the ninth the rest.
        var low = (lead + width) - 64;
        if (lead > 0)
        {
            e.Emit(Alu.Lsh.Imm(v, lead));
        }
        e.Emit(Alu.Rsh.Imm(v, 64 - width));
        var t = Alloc();
        e.Emit(Mem.LoadMem(t, p, checked((short)(first + 8)), MemSize.B));
        e.Emit(Alu.Rsh.Imm(t, 8 - low));
        e.Emit(Alu.Or.Reg(v, t));
        pool.Free(t);
        return v;
    }

    /// <summary>v = the <paramref name="count"/> (≤ 8) bytes at p+off as a big-endian number.</summary>
    private void LoadBigEndian(Register v, Register p, int off, int count)
    {
        var done = 0;
        Register? t = null;
        while (done < count)
        {
            var rest = count - done;
            var chunk = rest >= 8 ? 8 : rest >= 4 ? 4 : rest >= 2 ? 2 : 1;
            var dst = done == 0 ? v : (t ??= Alloc());
            e.Emit(Mem.LoadMem(dst, p, checked((short)(off + done)), SizeOf(chunk)));
            if (chunk > 1)
            {
                e.Emit(Alu.ToBe(dst, chunk * 8));
            }
            if (done > 0)
            {
                e.Emit(Alu.Lsh.Imm(v, chunk * 8));
                e.Emit(Alu.Or.Reg(v, dst));
            }
            done += chunk;
        }
        if (t is { } tt)
        {
            pool.Free(tt);
        }
    }
}
