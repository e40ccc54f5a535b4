using System.Numerics;
using P4Bpf.Ebpf.Isa;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    private void CompileApply(IrTable table, IrExpr? hitTarget, IrExpr? actionRunTarget)
    {
        var layout = plan.Manifest.Table(table.Name);
        var end = e.NewLabel("apply_end_" + Sanitize(table.Name));
        var miss = e.NewLabel("miss_" + Sanitize(table.Name));
        var dispatch = e.NewLabel("dispatch_" + Sanitize(table.Name));
        if (layout.Kind == TableKind.Const)
        {
            // Const entries in code; with a default map (non-const default) a miss falls through to it below.
            CompileConstTable(table, hitTarget, actionRunTarget, end, compiledDefault: layout.DefaultMap is null);
            if (layout.DefaultMap is null)
            {
                e.Label(end);
                return;
            }
        }
        else if (layout.Map is not null)
        {
            BuildKey(table, layout);
            if (layout.Kind == TableKind.Ternary)
            {
                TupleSpaceSearch(layout, miss);
            }
            else if (layout.Kind == TableKind.LpmHash)
            {
                PrefixSearch(layout, miss);
            }
            else
            {
                LoadMap(R1, layout.Map);
                e.Emit(Alu.Mov.Reg(R2, R10));
                e.Emit(Alu.Add.Imm(R2, FrameKey));
                e.Emit(Helper.Call(HelperMapLookup));
                e.Emit(Jmp.JEq.Imm(R0, 0, miss));
            }
            if (layout.DirectCounterOffset is { } counter)
            {
                e.Emit(Alu.Mov.Imm(R1, 1));
                e.Emit(Mem.Atomic(AtomicOp.Add, MemSize.DW, R0, checked((short)counter), R1));
                e.Emit(Mem.LoadMem(R1, StateReg, IntrinsicOffset("packet_length"), MemSize.W));
                e.Emit(Mem.Atomic(AtomicOp.Add, MemSize.DW, R0, checked((short)(counter + 8)), R1));
            }
            if (layout.DirectMeterOffset is { } meter)
            {
                DirectMeterHit(table, meter);
            }
            if (layout.ActionProfile is not null)
            {
                ResolveMember(table, layout, miss);
            }
            SetResultBool(hitTarget, true);
            e.Jump(dispatch);
        }
        // Miss: the control plane's default (action id ≠ 0 in the default map), else the compiled default.
        e.Label(miss);
        SetResultBool(hitTarget, false);
        if (table.DirectMeter is not null)
        {
            DirectMeterMiss(table);
        }
        var compiledDefault = e.NewLabel("compiled_default_" + Sanitize(table.Name));
        LoadMap(R1, layout.DefaultMap!);
        e.Emit(Mem.StoreImm(R10, FrameIndexKey, 0, MemSize.W));
        e.Emit(Alu.Mov.Reg(R2, R10));
        e.Emit(Alu.Add.Imm(R2, FrameIndexKey));
        e.Emit(Helper.Call(HelperMapLookup));
        e.Emit(Jmp.JEq.Imm(R0, 0, compiledDefault));
        e.Emit(Mem.LoadMem(R1, R0, (short)layout.ActionIdOffset, MemSize.W));
        e.Emit(Jmp.JEq.Imm(R1, 0, compiledDefault));
        // Dispatch on the action id in the value r0 points to.
        e.Label(dispatch);
        e.Emit(Mem.LoadMem(R1, R0, (short)layout.ActionIdOffset, MemSize.W));
        var arms = new List<(string Label, TableActionRef Ref)>();
        foreach (var a in table.Actions)
        {
            var label = e.NewLabel("act_" + Sanitize(a.Action));
            arms.Add((label, a));
            e.Emit(Jmp.JEq.Imm(R1, a.Id, label));
        }
        e.Jump(compiledDefault);
        foreach (var (label, aref) in arms)
        {
            e.Label(label);
            var action = program.Action(aref.Action);
            if (action.Params.Count > 0)
            {
                var slot = plan.State.Slot(LayoutPlanner.ActionArgsSlotPrefix + action.Name);
                CopyBytes(StateReg, slot.Offset, R0, layout.ParamsOffset, action.ParamBytes);
            }
            SetResultId(actionRunTarget, aref.Id);
            InlineAction(action);
            e.Jump(end);
        }
        e.Label(compiledDefault);
        RunConstAction(table, table.Default.Action, table.Default.Arguments, actionRunTarget);
        e.Label(end);
    }

    /// <summary>
    /// r0 = an entry value holding a member or group reference → r0 = the member's action value (the dispatch reads it like an entry).
    /// A group picks member hash(selector keys) mod count. Unknown members, empty groups and bad references go to <paramref name="miss"/>.
    /// </summary>
    private void ResolveMember(IrTable table, TableLayout layout, string miss)
    {
        var profile = plan.Manifest.ActionProfiles.First(p => p.Name == layout.ActionProfile);
        var member = e.NewLabel("member");
        e.Emit(Mem.LoadMem(R1, R0, (short)layout.ActionIdOffset, MemSize.W));
        e.Emit(Mem.LoadMem(R2, R0, (short)layout.MemberRefOffset!.Value, MemSize.W));
        e.Emit(Mem.StoreMem(R10, FrameIndexKey, R2, MemSize.W));
        e.Emit(Jmp.JEq.Imm(R1, ActionProfileLayout.RefMember, member));
        if (profile.GroupsMap is null)
        {
            e.Jump(miss);
        }
        else
        {
            e.Emit(Jmp.JNe.Imm(R1, ActionProfileLayout.RefGroup, miss));
            LoadMap(R1, profile.GroupsMap);
            e.Emit(Alu.Mov.Reg(R2, R10));
            e.Emit(Alu.Add.Imm(R2, FrameIndexKey));
            e.Emit(Helper.Call(HelperMapLookup));
            e.Emit(Jmp.JEq.Imm(R0, 0, miss));
            e.Emit(Mem.LoadMem(R1, R0, 0, MemSize.W));
            e.Emit(Jmp.JEq.Imm(R1, 0, miss));
            var group = AllocSpill();
            e.Emit(Mem.StoreMem(R10, group, R0, MemSize.DW));
            var selectorKeys = table.Keys.Where(k => k.Match == MatchKind.Selector).Select(k => k.Expr).ToList();
            pool.Reserve(R0);
            Register h;
            if (selectorKeys.Count == 0)
            {
                h = Alloc();
                e.Emit(Alu.Mov.Imm(h, 0));
            }
            else
            {
                h = ComputeHash(profile.Algorithm ?? "crc16", selectorKeys);
            }
            e.Emit(Mem.LoadMem(R0, R10, group, MemSize.DW));
            FreeSpill(group);
            var count = Alloc();
            e.Emit(Mem.LoadMem(count, R0, 0, MemSize.W));
            e.Emit(Alu.Mod.Reg(h, count));
            pool.Free(count);
            // The bound keeps the index inside the value for the verifier.
            e.Emit(Jmp.JGe.Imm(h, profile.MaxGroupSize, miss));
            e.Emit(Alu.Lsh.Imm(h, 2));
            e.Emit(Alu.Add.Reg(R0, h));
            pool.Free(h);
            pool.Free(R0);
            e.Emit(Mem.LoadMem(R2, R0, 8, MemSize.W));
            e.Emit(Mem.StoreMem(R10, FrameIndexKey, R2, MemSize.W));
        }
        e.Label(member);
        LoadMap(R1, profile.MembersMap);
        e.Emit(Alu.Mov.Reg(R2, R10));
        e.Emit(Alu.Add.Imm(R2, FrameIndexKey));
        e.Emit(Helper.Call(HelperMapLookup));
        e.Emit(Jmp.JEq.Imm(R0, 0, miss));
    }

    private void RunConstAction(IrTable table, string actionName, IReadOnlyList<BigInteger> args, IrExpr? actionRunTarget)
    {
        var action = program.Action(actionName);
        if (action.Params.Count > 0)
        {
            var slot = plan.State.Slot(LayoutPlanner.ActionArgsSlotPrefix + action.Name);
            var (offsets, _) = action.ParamOffsets();
            for (var i = 0; i < action.Params.Count; i++)
            {
                var value = i < args.Count ? IrConstant.Of(args[i], action.Params[i].Type).UnsignedBits : BigInteger.Zero;
                StoreConst(new Addr(StateReg, slot.Offset + offsets[i], false), action.Params[i].Type.StorageSize, value);
            }
        }
        SetResultId(actionRunTarget, table.ActionRef(actionName).Id);
        InlineAction(action);
    }

    private void SetResultBool(IrExpr? target, bool value)
    {
        if (target is not null)
        {
            var a = AddressOf(target);
            e.Emit(Mem.StoreImm(a.Base, a.Off, value ? 1 : 0, SizeOf(target.Type.StorageSize)));
            Release(a);
        }
    }

    private void SetResultId(IrExpr? target, int id)
    {
        if (target is not null)
        {
            var a = AddressOf(target);
            e.Emit(Mem.StoreImm(a.Base, a.Off, id, SizeOf(target.Type.StorageSize)));
            Release(a);
        }
    }

    /// <summary>Writes the lookup key into the stack key buffer in the manifest's layout (zeroed first, so padding is zero).</summary>
    private void BuildKey(IrTable table, TableLayout layout)
    {
        if (layout.KeySize > MaxKeyBytes)
        {
            throw new CodegenException(5011, $"table {table.Name}: key of {layout.KeySize} bytes exceeds {MaxKeyBytes}");
        }
        for (var off = 0; off < layout.KeySize; off += 8)
        {
            e.Emit(Mem.StoreImm(R10, (short)(FrameKey + off), 0, layout.KeySize - off >= 8 ? MemSize.DW : MemSize.W));
        }
        if (layout.Kind == TableKind.Lpm)
        {
            e.Emit(Mem.StoreImm(R10, FrameKey, (layout.KeySize - 4) * 8, MemSize.W));
        }
        var lookupKeys = table.Keys.Where(k => k.Match != MatchKind.Selector).ToList();
        for (var i = 0; i < lookupKeys.Count; i++)
        {
            var k = lookupKeys[i];
            var f = layout.Key[i];
            var off = FrameKey + f.Offset;
            if (k.Expr.Type is BitType { IsWide: true })
            {
                if (f.Encoding == FieldEncoding.BigEndianLeftAligned && k.Width % 8 != 0)
                {
                    throw CodegenException.NotSupported($"lpm key {k.Name} wider than 64 bits and not a multiple of 8");
                }
                if (k.Expr is IrConstant wideConstant)
                {
                    StoreConst(new Addr(R10, off, false), f.Size, wideConstant.UnsignedBits);
                    continue;
                }
                var src = AddressOf(k.Expr);
                CopyBytes(R10, off, src.Base, src.Offset, f.Size);
                Release(src);
                continue;
            }
            var v = Eval(k.Expr);
            if (f.Encoding == FieldEncoding.BigEndianLeftAligned)
            {
                var shift = (8 * f.Size) - f.Width;
                if (shift > 0)
                {
                    e.Emit(Alu.Lsh.Imm(v, shift));
                }
                StoreBigEndian(R10, off, v, f.Size);
            }
            else
            {
                e.Emit(Mem.StoreMem(R10, checked((short)off), v, SizeOf(f.Size)));
            }
            pool.Free(v);
        }
    }

    /// <summary>Stores the low <paramref name="size"/> bytes of a register in network order.</summary>
    private void StoreBigEndian(Register baseReg, int off, Register v, int size)
    {
        if (size is 2 or 4 or 8 && (off % size) == 0)
        {
            e.Emit(Alu.ToBe(v, size * 8));
            e.Emit(Mem.StoreMem(baseReg, checked((short)off), v, SizeOf(size)));
            return;
        }
        var t = Alloc();
        for (var j = 0; j < size; j++)
        {
            e.Emit(Alu.Mov.Reg(t, v));
            var shift = 8 * (size - 1 - j);
            if (shift > 0)
            {
                e.Emit(Alu.Rsh.Imm(t, shift));
            }
            e.Emit(Mem.StoreMem(baseReg, checked((short)(off + j)), t, MemSize.B));
        }
        pool.Free(t);
    }

    /// <summary>Tuple-space search: for each used mask (unrolled, at most MaxMasks), probe the tuple map with the masked key; keep the highest priority.</summary>
    private void TupleSpaceSearch(TableLayout layout, string miss)
    {
        var done = e.NewLabel("tss_done");
        e.Emit(Mem.StoreImm(R10, FrameBestPtr, 0, MemSize.DW));
        e.Emit(Mem.StoreImm(R10, FrameBestPrio, 0, MemSize.DW));
        var dataBytes = layout.KeySize - 8;
        for (var i = 0; i < layout.MaxMasks; i++)
        {
            var next = e.NewLabel("tss_next");
            e.Emit(Mem.StoreImm(R10, FrameIndexKey, i, MemSize.W));
            LoadMap(R1, layout.MasksMap!);
            e.Emit(Alu.Mov.Reg(R2, R10));
            e.Emit(Alu.Add.Imm(R2, FrameIndexKey));
            e.Emit(Helper.Call(HelperMapLookup));
            e.Emit(Jmp.JEq.Imm(R0, 0, done));
            e.Emit(Mem.LoadMem(R1, R0, 0, MemSize.W));
            e.Emit(Jmp.JEq.Imm(R1, 0, done));
            for (var off = 0; off < dataBytes; off += 8)
            {
                e.Emit(Mem.LoadMem(R1, R10, (short)(FrameKey + 8 + off), MemSize.DW));
                e.Emit(Mem.LoadMem(R2, R0, (short)(8 + off), MemSize.DW));
                e.Emit(Alu.And.Reg(R1, R2));
                e.Emit(Mem.StoreMem(R10, (short)(FrameMaskedKey + 8 + off), R1, MemSize.DW));
            }
            e.Emit(Mem.StoreImm(R10, FrameMaskedKey, i, MemSize.DW));
            LoadMap(R1, layout.Map!);
            e.Emit(Alu.Mov.Reg(R2, R10));
            e.Emit(Alu.Add.Imm(R2, FrameMaskedKey));
            e.Emit(Helper.Call(HelperMapLookup));
            e.Emit(Jmp.JEq.Imm(R0, 0, next));
            e.Emit(Mem.LoadMem(R1, R0, (short)layout.PriorityOffset, MemSize.W));
            e.Emit(Mem.LoadMem(R2, R10, FrameBestPrio, MemSize.DW));
            e.Emit(Jmp.JLe.Reg(R1, R2, next));
            e.Emit(Mem.StoreMem(R10, FrameBestPrio, R1, MemSize.DW));
            e.Emit(Mem.StoreMem(R10, FrameBestPtr, R0, MemSize.DW));
            e.Label(next);
        }
        e.Label(done);
        e.Emit(Mem.LoadMem(R0, R10, FrameBestPtr, MemSize.DW));
        e.Emit(Jmp.JEq.Imm(R0, 0, miss));
    }

    /// <summary>A table with const entries: entries tested in priority order in code; on a miss the compiled default runs, or (when
    /// <paramref name="compiledDefault"/> is false) control falls through to the caller's default-map lookup.</summary>
    private void CompileConstTable(IrTable table, IrExpr? hitTarget, IrExpr? actionRunTarget, string end, bool compiledDefault)
    {
        var keys = table.Keys.Where(k => k.Match != MatchKind.Selector).ToList();
        var slots = new List<short>();
        foreach (var k in keys)
        {
            if (k.Width > 64)
            {
                throw CodegenException.NotSupported($"const entries on key {k.Name} wider than 64 bits");
            }
            var slot = AllocSpill();
            var v = Eval(k.Expr);
            e.Emit(Mem.StoreMem(R10, slot, v, MemSize.DW));
            pool.Free(v);
            slots.Add(slot);
        }
        var ordered = table.Entries.Select((entry, index) => (entry, index))
            .OrderByDescending(x => x.entry.Priority).ThenBy(x => x.index).Select(x => x.entry).ToList();
        foreach (var entry in ordered)
        {
            var next = e.NewLabel("entry_next");
            for (var i = 0; i < keys.Count; i++)
            {
                MatchKey(slots[i], keys[i].Width, entry.Keys[i], next);
            }
            SetResultBool(hitTarget, true);
            RunConstAction(table, entry.Action, entry.Arguments, actionRunTarget);
            e.Jump(end);
            e.Label(next);
        }
        foreach (var slot in slots)
        {
            FreeSpill(slot);
        }
        if (compiledDefault)
        {
            SetResultBool(hitTarget, false);
            RunConstAction(table, table.Default.Action, table.Default.Arguments, actionRunTarget);
        }
    }

    /// <summary>Falls through when the key in the spill slot matches, else jumps to <paramref name="fail"/>.</summary>
    private void MatchKey(short slot, int width, KeyMatch match, string fail)
    {
        var all = (BigInteger.One << width) - 1;
        (BigInteger Value, BigInteger Mask)? vm = match switch
        {
            ExactMatch x => (x.Value, all),
            TernaryMatch t => (t.Value & t.Mask, t.Mask & all),
            LpmMatch l => (l.Value & PrefixMask(width, l.PrefixLength), PrefixMask(width, l.PrefixLength)),
            OptionalMatch { Value: { } v } => (v, all),
            _ => null,
        };
        if (match is RangeMatch r)
        {
            var k = Alloc();
            e.Emit(Mem.LoadMem(k, R10, slot, MemSize.DW));
            CompareConst(k, r.Low, Jmp.JLt, fail);
            CompareConst(k, r.High, Jmp.JGt, fail);
            pool.Free(k);
            return;
        }
        if (vm is not { } m || m.Mask.IsZero)
        {
            return;
        }
        var key = Alloc();
        e.Emit(Mem.LoadMem(key, R10, slot, MemSize.DW));
        if (m.Mask != all)
        {
            if (m.Mask <= int.MaxValue)
            {
                e.Emit(Alu.And.Imm(key, (long)m.Mask));
            }
            else
            {
                var t = Alloc();
                LoadConst(t, m.Mask);
                e.Emit(Alu.And.Reg(key, t));
                pool.Free(t);
            }
        }
        CompareConst(key, m.Value & m.Mask, Jmp.JNe, fail);
        pool.Free(key);
    }

    private void CompareConst(Register r, BigInteger value, JumpBuilder jump, string label)
    {
        if (value >= 0 && value <= int.MaxValue)
        {
            e.Emit(jump.Imm(r, (long)value, label));
            return;
        }
        var t = Alloc();
        LoadConst(t, value);
        e.Emit(jump.Reg(r, t, label));
        pool.Free(t);
    }

    private static BigInteger PrefixMask(int width, int prefix) =>
        prefix <= 0 ? BigInteger.Zero : (((BigInteger.One << prefix) - 1) << (width - prefix));

    private static string Sanitize(string name) => name.Replace('.', '_');
}
