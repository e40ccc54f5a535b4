using P4Bpf.Ebpf.Isa;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    private void CompileBlock(Block block)
    {
        var freeRegisters = pool.FreeCount;
        var spills = spillUsed.Count(u => u);
        foreach (var s in block.Statements)
        {
            CompileStmt(s);
            if (pool.FreeCount != freeRegisters || spillUsed.Count(u => u) != spills)
            {
                throw new CodegenException(5098, $"internal: scratch registers or spill slots still in use after {IrPrinter.Print(s).TrimEnd()}");
            }
        }
    }

    private void CompileStmt(IrStmt s)
    {
        switch (s)
        {
            case Block b:
                CompileBlock(b);
                break;
            case AssignStmt a:
                CompileAssign(a.Target, a.Value);
                break;
            case ScopeStmt sc:
            {
                var end = e.NewLabel("scope_end_" + Sanitize(sc.Name));
                returnLabels.Push(end);
                CompileBlock(sc.Body);
                returnLabels.Pop();
                e.Label(end);
                break;
            }
            case IfStmt i:
            {
                var els = e.NewLabel("else");
                var end = e.NewLabel("endif");
                CondJump(i.Condition, els, jumpIfTrue: false);
                CompileBlock(i.Then);
                if (!i.Else.IsEmpty)
                {
                    e.Jump(end);
                    e.Label(els);
                    CompileBlock(i.Else);
                    e.Label(end);
                }
                else
                {
                    e.Label(els);
                }
                break;
            }
            case SwitchStmt sw:
                CompileSwitch(sw);
                break;
            case ApplyTableStmt t:
                CompileApply(program.Table(t.Table), t.HitTarget, t.ActionRunTarget);
                break;
            case CallActionStmt c:
            {
                var action = program.Action(c.Action);
                if (action.Params.Count > 0)
                {
                    var slot = plan.State.Slot(LayoutPlanner.ActionArgsSlotPrefix + action.Name);
                    var (offsets, _) = action.ParamOffsets();
                    for (var i = 0; i < action.Params.Count; i++)
                    {
                        CompileAssignTo(new Addr(StateReg, slot.Offset + offsets[i], false), action.Params[i].Type, c.Arguments[i]);
                    }
                }
                InlineAction(action);
                break;
            }
            case ExternCallStmt x:
                CompileExternCall(x);
                break;
            case SetValidityStmt v:
            {
                var a = AddressOf(v.Header);
                e.Emit(Mem.StoreImm(a.Base, checked((short)(a.Offset + HeaderType.ValidOffset)), v.Valid ? 1 : 0, MemSize.B));
                Release(a);
                break;
            }
            case ExitStmt:
                e.Jump(blockEndLabel);
                break;
            case ReturnStmt:
                e.Jump(returnLabels.Count > 0 ? returnLabels.Peek() : blockEndLabel);
                break;
            case DropStmt:
                e.Jump(dropLabel);
                break;
            case ExtractStmt or LookaheadStmt or AdvanceStmt or VerifyStmt:
                CompileParserStmt(s);
                break;
            case EmitStmt emit:
                CompileFlaggedEmit(emit);
                break;
            default:
                throw CodegenException.NotSupported($"statement {s.GetType().Name}");
        }
    }

    private void CompileSwitch(SwitchStmt sw)
    {
        var end = e.NewLabel("switch_end");
        var slot = AllocSpill();
        var sel = Eval(sw.Selector);
        e.Emit(Mem.StoreMem(R10, slot, sel, MemSize.DW));
        pool.Free(sel);
        var labels = sw.Cases.Select(_ => e.NewLabel("case")).ToList();
        var r = Alloc();
        e.Emit(Mem.LoadMem(r, R10, slot, MemSize.DW));
        for (var i = 0; i < sw.Cases.Count; i++)
        {
            foreach (var v in sw.Cases[i].Values)
            {
                if (v >= 0 && v <= int.MaxValue)
                {
                    e.Emit(Jmp.JEq.Imm(r, (long)v, labels[i]));
                }
                else
                {
                    var t = Alloc();
                    LoadConst(t, IrConstant.Normalize(v, sw.Selector.Type) is var n && n < 0 ? n + (System.Numerics.BigInteger.One << WidthOf(sw.Selector.Type)) : n);
                    e.Emit(Jmp.JEq.Reg(r, t, labels[i]));
                    pool.Free(t);
                }
            }
        }
        pool.Free(r);
        FreeSpill(slot);
        var defaultLabel = e.NewLabel("default");
        e.Jump(defaultLabel);
        for (var i = 0; i < sw.Cases.Count; i++)
        {
            e.Label(labels[i]);
            // An empty case falls through to the next one.
            if (!sw.Cases[i].Body.IsEmpty)
            {
                CompileBlock(sw.Cases[i].Body);
                e.Jump(end);
            }
        }
        e.Label(defaultLabel);
        if (sw.Default is not null)
        {
            CompileBlock(sw.Default);
        }
        e.Label(end);
    }

    private void CompileAssign(IrExpr target, IrExpr value)
    {
        var a = AddressOf(target);
        CompileAssignTo(a, target.Type, value);
        Release(a);
    }

    /// <summary>Stores a value of <paramref name="type"/> at an address: scalars through a register, aggregates and wide fields byte by byte.</summary>
    private void CompileAssignTo(Addr a, IrType type, IrExpr value)
    {
        if (type.IsScalar)
        {
            if (value is IrConstant c)
            {
                StoreConst(a, type.StorageSize, c.UnsignedBits);
                return;
            }
            var v = Eval(value);
            e.Emit(Mem.StoreMem(a.Base, a.Off, v, SizeOf(type.StorageSize)));
            pool.Free(v);
            return;
        }
        if (value is IrConstant wide)
        {
            StoreConst(a, type.StorageSize, wide.UnsignedBits);
            return;
        }
        if (!value.IsLValue && value is not ParamRef)
        {
            throw CodegenException.NotSupported($"computing a {type} value ({IrPrinter.Print(value)})");
        }
        var src = AddressOf(value);
        CopyBytes(a.Base, a.Offset, src.Base, src.Offset, type.StorageSize);
        Release(src);
    }

    /// <summary>Inlines an action body; its parameters are read from its <c>$args</c> slot.</summary>
    private void InlineAction(IrAction action)
    {
        if (actionScope.Contains(action))
        {
            throw new CodegenException(5010, $"action {action.Name} calls itself");
        }
        var end = e.NewLabel("action_end_" + action.Name.Replace('.', '_'));
        actionScope.Push(action);
        returnLabels.Push(end);
        CompileBlock(action.Body);
        returnLabels.Pop();
        actionScope.Pop();
        e.Label(end);
    }
}
