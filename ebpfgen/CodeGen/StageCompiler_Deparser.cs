using P4Bpf.Ebpf.Isa;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    /// <summary>
    /// Rebuilds the packet head: (1) sums the sizes of the valid emitted headers, (2) moves the packet start by
    /// (emitted − parsed) bytes with bpf_xdp_adjust_head, (3) writes each valid header in network order.
    /// Statements other than emit and if run only in step 3.
    /// </summary>
    private void CompileDeparser(IrControl deparser)
    {
        if (stage.Hook != StageHook.Xdp)
        {
            throw CodegenException.NotSupported("a deparser in a TC program");
        }
        // (1) r9 = emitted length.
        e.Emit(Alu.Mov.Imm(CursorReg, 0));
        if (!IsEmitOnly(deparser.Body))
        {
            CompileDeparserWithStatements(deparser);
            return;
        }
        SizeBlock(deparser.Body);
        // (2) delta = emitted - parsed; adjust_head(ctx, -delta) when non-zero.
        AdjustPacketHeadToEmitted();
        // (3) write headers; r9 = output offset.
        e.Emit(Alu.Mov.Imm(CursorReg, 0));
        WriteBlock(deparser.Body);
    }

    /// <summary>delta = emitted (r9) − parsed bytes; <c>bpf_xdp_adjust_head(ctx, delta)</c> when non-zero (a failure drops), then the
    /// packet pointers are reloaded.</summary>
    private void AdjustPacketHeadToEmitted()
    {
        var same = e.NewLabel("same_size");
        e.Emit(Mem.LoadMem(R2, StateReg, IntrinsicOffset("parsed_bytes"), MemSize.W));
        e.Emit(Alu.Sub.Reg(R2, CursorReg));
        e.Emit(Jmp.JEq.Imm(R2, 0, same));
        e.Emit(Alu.Mov.Reg(R1, CtxReg));
        e.Emit(Helper.Call(HelperXdpAdjustHead));
        e.Emit(Jmp.JNe.Imm(R0, 0, dropLabel));
        e.Label(same);
        ReloadPacketPointers();
    }

    /// <summary>
    /// A deparser that also assigns, calls externs or copies in and out of sub-controls: (1) runs the whole body once, in
    /// order, where each emit of a valid header adds its size to r9 and sets its own flag byte in a spill slot;
    /// (2) adjusts the packet head; (3) writes the flagged headers in emit order from their storage as it is at the end.
    /// </summary>
    private void CompileDeparserWithStatements(IrControl deparser)
    {
        var emits = new List<EmitStmt>();
        CollectEmits(deparser.Body, emits);
        var flagSlots = new List<short>();
        for (var i = 0; i < emits.Count; i += 8)
        {
            var slot = AllocSpill();
            e.Emit(Mem.StoreImm(R10, slot, 0, MemSize.DW));
            flagSlots.Add(slot);
        }
        var index = new Dictionary<EmitStmt, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < emits.Count; i++)
        {
            index[emits[i]] = i;
        }
        var write = e.NewLabel("deparser_write");
        var savedEnd = blockEndLabel;
        blockEndLabel = write;
        deparserFlags = (index, flagSlots);
        CompileBlock(deparser.Body);
        deparserFlags = null;
        blockEndLabel = savedEnd;
        e.Label(write);
        AdjustPacketHeadToEmitted();
        e.Emit(Alu.Mov.Imm(CursorReg, 0));
        for (var i = 0; i < emits.Count; i++)
        {
            var skip = e.NewLabel("emit_unflagged");
            var r = Alloc();
            e.Emit(Mem.LoadMem(r, R10, checked((short)(flagSlots[i / 8] + (i % 8))), MemSize.B));
            e.Emit(Jmp.JEq.Imm(r, 0, skip));
            pool.Free(r);
            WriteHeader(emits[i], checkValidity: false);
            e.Label(skip);
        }
        foreach (var slot in flagSlots)
        {
            FreeSpill(slot);
        }
    }

    /// <summary>In a deparser's first pass: adds the size of the emitted header, when valid, to r9 and sets its flag.</summary>
    private void CompileFlaggedEmit(EmitStmt emit)
    {
        var (index, slots) = deparserFlags ?? throw CodegenException.NotSupported("emit outside the stage's deparser");
        if (!index.TryGetValue(emit, out var i))
        {
            throw CodegenException.NotSupported("an emit the deparser cannot order (inside an action or a table)");
        }
        var skip = e.NewLabel("size_skip");
        EmitSize(emit, skip);
        e.Emit(Mem.StoreImm(R10, checked((short)(slots[i / 8] + (i % 8))), 1, MemSize.B));
        e.Label(skip);
    }

    /// <summary>The emits of a deparser body in program order (the order the first pass meets them).</summary>
    private static void CollectEmits(IrStmt s, List<EmitStmt> emits)
    {
        switch (s)
        {
            case EmitStmt emit:
                emits.Add(emit);
                break;
            case Block b:
                foreach (var x in b.Statements)
                {
                    CollectEmits(x, emits);
                }
                break;
            case IfStmt i:
                CollectEmits(i.Then, emits);
                CollectEmits(i.Else, emits);
                break;
            case ScopeStmt sc:
                CollectEmits(sc.Body, emits);
                break;
        }
    }

    /// <summary>True when the body holds only emits and conditions (its statements need not run before the sizes are known).</summary>
    private static bool IsEmitOnly(IrStmt s) => s switch
    {
        EmitStmt => true,
        Block b => b.Statements.All(IsEmitOnly),
        IfStmt i => IsEmitOnly(i.Then) && IsEmitOnly(i.Else),
        ScopeStmt sc => IsEmitOnly(sc.Body),
        _ => false,
    };

    /// <summary>r9 += the wire size of the emitted header; jumps to <paramref name="skip"/> when it is invalid.</summary>
    private void EmitSize(EmitStmt emit, string skip)
    {
        var h = EmittedHeader(emit);
        JumpIfInvalid(emit.Header, skip);
        e.Emit(Alu.Add.Imm(CursorReg, h.FixedWireBits / 8));
        if (h.VarbitField is { } vf)
        {
            var a = AddressOf(emit.Header).Plus(vf.StorageOffset);
            var r = Alloc();
            e.Emit(Mem.LoadMem(r, a.Base, a.Off, MemSize.H));
            e.Emit(Alu.Rsh.Imm(r, 3));
            // The stored length never exceeds the maximum; the check gives the verifier the bound on the offset.
            e.Emit(Jmp.JGt.Imm(r, ((VarbitType)vf.Type).MaxBytes, dropLabel));
            e.Emit(Alu.Add.Reg(CursorReg, r));
            pool.Free(r);
            Release(a);
        }
    }

    private void SizeBlock(Block block)
    {
        foreach (var s in block.Statements)
        {
            switch (s)
            {
                case EmitStmt emit:
                {
                    var skip = e.NewLabel("size_skip");
                    EmitSize(emit, skip);
                    e.Label(skip);
                    break;
                }
                case IfStmt i:
                {
                    var els = e.NewLabel("size_else");
                    var end = e.NewLabel("size_endif");
                    CondJump(i.Condition, els, jumpIfTrue: false);
                    SizeBlock(i.Then);
                    e.Jump(end);
                    e.Label(els);
                    SizeBlock(i.Else);
                    e.Label(end);
                    break;
                }
                case Block b:
                    SizeBlock(b);
                    break;
                case ScopeStmt sc:
                    SizeBlock(sc.Body);
                    break;
            }
        }
    }

    private void WriteBlock(Block block)
    {
        foreach (var s in block.Statements)
        {
            switch (s)
            {
                case EmitStmt emit:
                    WriteHeader(emit);
                    break;
                case IfStmt i:
                {
                    var els = e.NewLabel("emit_else");
                    var end = e.NewLabel("emit_endif");
                    CondJump(i.Condition, els, jumpIfTrue: false);
                    WriteBlock(i.Then);
                    e.Jump(end);
                    e.Label(els);
                    WriteBlock(i.Else);
                    e.Label(end);
                    break;
                }
                case Block b:
                    WriteBlock(b);
                    break;
                case ScopeStmt sc:
                {
                    var end = e.NewLabel("scope_end");
                    returnLabels.Push(end);
                    WriteBlock(sc.Body);
                    returnLabels.Pop();
                    e.Label(end);
                    break;
                }
                default:
                    CompileStmt(s);
                    break;
            }
        }
    }

    private static HeaderType EmittedHeader(EmitStmt emit) =>
        emit.Header.Type as HeaderType ?? throw CodegenException.NotSupported($"emit of {emit.Header.Type} (run the ExpandEmit pass)");

    private void JumpIfInvalid(IrExpr header, string label)
    {
        var a = AddressOf(header);
        var r = a.Owned ? a.Base : Alloc();
        e.Emit(Mem.LoadMem(r, a.Base, checked((short)(a.Offset + HeaderType.ValidOffset)), MemSize.B));
        e.Emit(Jmp.JEq.Imm(r, 0, label));
        pool.Free(r);
    }

    private void WriteHeader(EmitStmt emit, bool checkValidity = true)
    {
        var h = EmittedHeader(emit);
        CheckVarbitShape(h);
        var skip = e.NewLabel("emit_skip");
        if (checkValidity)
        {
            JumpIfInvalid(emit.Header, skip);
        }
        var p = Alloc();
        var end = Alloc();
        e.Emit(Alu.Mov.Reg(p, DataReg));
        e.Emit(Alu.Add.Reg(p, CursorReg));
        e.Emit(Alu.Mov.Reg(end, p));
        e.Emit(Alu.Add.Imm(end, h.FixedWireBits / 8));
        var dataEnd = Alloc();
        LoadDataEnd(dataEnd);
        e.Emit(Jmp.JGt.Reg(end, dataEnd, dropLabel));
        pool.Free(dataEnd);
        pool.Free(end);
        var hdr = AddressOf(emit.Header);
        var acc = Alloc();
        var pending = 0;
        var byteIndex = 0;
        foreach (var f in h.Fields.Where(f => f.Type is not VarbitType))
        {
            var fa = hdr.Plus(f.StorageOffset);
            if (f.Width > 64)
            {
                if (pending != 0 || f.Width % 8 != 0)
                {
                    throw CodegenException.NotSupported($"field {h.Name}.{f.Name}: unaligned field wider than 64 bits");
                }
                CopyBytes(p, byteIndex, fa.Base, fa.Offset, f.Width / 8);
                byteIndex += f.Width / 8;
                continue;
            }
            var v = Alloc();
            e.Emit(Mem.LoadMem(v, fa.Base, fa.Off, SizeOf(f.Type.StorageSize)));
            if (pending == 0 && f.Width is 8 or 16 or 32 or 64)
            {
                if (f.Width > 8)
                {
                    e.Emit(Alu.ToBe(v, f.Width));
                }
                e.Emit(Mem.StoreMem(p, checked((short)byteIndex), v, SizeOf(f.Width / 8)));
                byteIndex += f.Width / 8;
                pool.Free(v);
                continue;
            }
            if (pending + f.Width > 64)
            {
                // Split: the high (width - 32) bits first, then the low 32.
                var hi = f.Width - 32;
                var lo = Alloc();
                e.Emit(Alu.Mov.Reg32(lo, v));
                e.Emit(Alu.Rsh.Imm(v, 32));
                Accumulate(acc, v, hi, ref pending, p, ref byteIndex);
                Accumulate(acc, lo, 32, ref pending, p, ref byteIndex);
                pool.Free(lo);
            }
            else
            {
                Accumulate(acc, v, f.Width, ref pending, p, ref byteIndex);
            }
            pool.Free(v);
        }
        pool.Free(acc);
        if (h.VarbitField is { } vf)
        {
            // Byte by byte, each store bounds-checked, up to the stored length.
            var fa = hdr.Plus(vf.StorageOffset);
            var n = Alloc();
            var t = Alloc();
            var endReg = Alloc();
            var done = e.NewLabel("varbit_emitted");
            e.Emit(Mem.LoadMem(n, fa.Base, fa.Off, MemSize.H));
            e.Emit(Alu.Rsh.Imm(n, 3));
            e.Emit(Jmp.JGt.Imm(n, ((VarbitType)vf.Type).MaxBytes, dropLabel));
            for (var i = 0; i < ((VarbitType)vf.Type).MaxBytes; i++)
            {
                e.Emit(Jmp.JLe.Imm(n, i, done));
                e.Emit(Alu.Mov.Reg(t, p));
                e.Emit(Alu.Add.Imm(t, byteIndex + i + 1));
                LoadDataEnd(endReg);
                e.Emit(Jmp.JGt.Reg(t, endReg, dropLabel));
                e.Emit(Mem.LoadMem(t, fa.Base, checked((short)(fa.Offset + 2 + i)), MemSize.B));
                e.Emit(Mem.StoreMem(p, checked((short)(byteIndex + i)), t, MemSize.B));
            }
            e.Label(done);
            e.Emit(Alu.Add.Reg(CursorReg, n));
            pool.Free(n);
            pool.Free(t);
            pool.Free(endReg);
        }
        pool.Free(p);
        Release(hdr);
        e.Emit(Alu.Add.Imm(CursorReg, h.FixedWireBits / 8));
        e.Label(skip);
    }

    /// <summary>acc = acc &lt;&lt; width | v, then stores every completed byte.</summary>
    private void Accumulate(Register acc, Register v, int width, ref int pending, Register p, ref int byteIndex)
    {
        if (pending == 0)
        {
            e.Emit(Alu.Mov.Reg(acc, v));
        }
        else
        {
            e.Emit(Alu.Lsh.Imm(acc, width));
            e.Emit(Alu.Or.Reg(acc, v));
        }
        pending += width;
        while (pending >= 8)
        {
            e.Emit(Alu.Mov.Reg(v, acc));
            if (pending > 8)
            {
                e.Emit(Alu.Rsh.Imm(v, pending - 8));
            }
            e.Emit(Mem.StoreMem(p, checked((short)byteIndex), v, MemSize.B));
            byteIndex++;
            pending -= 8;
        }
    }
}
