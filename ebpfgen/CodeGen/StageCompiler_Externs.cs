using P4Bpf.Ebpf.Isa;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    private void CompileExternCall(ExternCallStmt call)
    {
        var ext = program.Extern(call.Instance);
        switch (ext.Kind, call.Method)
        {
            case (ExternKind.Counter, "count"):
            {
                var layout = plan.Manifest.Counter(ext.Name);
                var skip = e.NewLabel("count_skip");
                LookupIndex(layout.Map, call.Arguments[0], skip);
                if (!layout.PerCpu)
                {
                    SharedCount(ext.Unit);
                    e.Label(skip);
                    break;
                }
                // Per-CPU value: plain read-modify-write.
                if (ext.Unit != CounterUnit.Bytes)
                {
                    e.Emit(Mem.LoadMem(R1, R0, 0, MemSize.DW));
                    e.Emit(Alu.Add.Imm(R1, 1));
                    e.Emit(Mem.StoreMem(R0, 0, R1, MemSize.DW));
                }
                if (ext.Unit != CounterUnit.Packets)
                {
                    e.Emit(Mem.LoadMem(R2, StateReg, IntrinsicOffset("packet_length"), MemSize.W));
                    e.Emit(Mem.LoadMem(R1, R0, 8, MemSize.DW));
                    e.Emit(Alu.Add.Reg(R1, R2));
                    e.Emit(Mem.StoreMem(R0, 8, R1, MemSize.DW));
                }
                e.Label(skip);
                break;
            }
            case (ExternKind.DirectMeter, _):
                throw new CodegenException(5013, $"direct meter {ext.Name}: calls are lowered to reads of its colour slot");
            case (ExternKind.DirectCounter, "count"):
                // Direct counters are updated on every hit of their table (see CompileApply).
                break;
            case (ExternKind.CounterArray, "increment" or "add"):
            {
                var layout = plan.Manifest.Counter(ext.Name);
                var skip = e.NewLabel("count_skip");
                if (call.Method == "add")
                {
                    var v = Eval(call.Arguments[1]);
                    e.Emit(Mem.StoreMem(R10, FrameScratch, v, MemSize.DW));
                    pool.Free(v);
                }
                LookupIndex(layout.Map, call.Arguments[0], skip);
                if (call.Method == "add")
                {
                    e.Emit(Mem.LoadMem(R1, R10, FrameScratch, MemSize.DW));
                }
                else
                {
                    e.Emit(Alu.Mov.Imm(R1, 1));
                }
                e.Emit(Mem.Atomic(AtomicOp.Add, MemSize.W, R0, 0, R1));
                e.Label(skip);
                break;
            }
            case (ExternKind.Register, "read"):
            {
                var layout = plan.Manifest.Register(ext.Name);
                var target = call.Result ?? throw new CodegenException(5013, $"{ext.Name}.read without a result");
                var cell = ext.ElementType ?? BitType.Bit32;
                var missing = e.NewLabel("reg_missing");
                var done = e.NewLabel("reg_done");
                LookupIndex(layout.Map, call.Arguments[0], missing);
                if (cell.IsScalar)
                {
                    e.Emit(Mem.LoadMem(R1, R0, 0, SizeOf(cell.StorageSize)));
                    pool.Reserve(R1);
                    Store(target, R1);
                    pool.Free(R1);
                    e.Jump(done);
                    e.Label(missing);
                    var a = AddressOf(target);
                    e.Emit(Mem.StoreImm(a.Base, a.Off, 0, SizeOf(cell.StorageSize)));
                    Release(a);
                }
                else
                {
                    var a = AddressOf(target);
                    CopyBytes(a.Base, a.Offset, R0, 0, cell.StorageSize);
                    Release(a);
                    e.Label(missing);
                }
                e.Label(done);
                break;
            }
            case (ExternKind.Register, "write"):
            {
                var layout = plan.Manifest.Register(ext.Name);
                var cell = ext.ElementType ?? BitType.Bit32;
                var skip = e.NewLabel("reg_skip");
                if (cell.IsScalar)
                {
                    var v = Eval(call.Arguments[1]);
                    e.Emit(Mem.StoreMem(R10, FrameScratch, v, MemSize.DW));
                    pool.Free(v);
                    LookupIndex(layout.Map, call.Arguments[0], skip);
                    e.Emit(Mem.LoadMem(R1, R10, FrameScratch, MemSize.DW));
                    e.Emit(Mem.StoreMem(R0, 0, R1, SizeOf(cell.StorageSize)));
                }
                else
                {
                    LookupIndex(layout.Map, call.Arguments[0], skip);
                    var src = AddressOf(call.Arguments[1]);
                    CopyBytes(R0, 0, src.Base, src.Offset, cell.StorageSize);
                    Release(src);
                }
                e.Label(skip);
                break;
            }
            case (ExternKind.Random, "read"):
            {
                var target = call.Result ?? throw new CodegenException(5013, $"{ext.Name}.read without a result");
                e.Emit(Helper.Call(HelperPrandomU32));
                if (call.Arguments.Count == 2 && call.Arguments[0] is IrConstant lo && call.Arguments[1] is IrConstant hi)
                {
                    var span = hi.UnsignedBits - lo.UnsignedBits + 1;
                    if (span > 0 && span <= int.MaxValue)
                    {
                        e.Emit(Alu.Mod.Imm(R0, (long)span));
                    }
                    if (lo.UnsignedBits > 0 && lo.UnsignedBits <= int.MaxValue)
                    {
                        e.Emit(Alu.Add.Imm(R0, (long)lo.UnsignedBits));
                    }
                }
                pool.Reserve(R0);
                Mask(R0, WidthOf(target.Type));
                Store(target, R0);
                pool.Free(R0);
                break;
            }
            case (ExternKind.Digest, "pack"):
            {
                var layout = plan.Manifest.Digests.First(d => d.Name == ext.Name);
                var data = call.Arguments[0];
                if (!data.IsLValue)
                {
                    throw CodegenException.NotSupported($"digest of a computed value ({IrPrinter.Print(data)}); assign it to a variable first");
                }
                var a = AddressOf(data);
                e.Emit(Alu.Mov.Reg(R2, a.Base));
                e.Emit(Alu.Add.Imm(R2, a.Offset));
                Release(a);
                LoadMap(R1, layout.Map);
                e.Emit(Alu.Mov.Imm(R3, 0));
                e.Emit(Helper.Call(HelperMapPushElem));
                e.Emit(Mem.LoadMem(R1, StateReg, IntrinsicOffset("digest_count"), MemSize.W));
                e.Emit(Alu.Add.Imm(R1, 1));
                e.Emit(Mem.StoreMem(StateReg, IntrinsicOffset("digest_count"), R1, MemSize.W));
                break;
            }
            case (ExternKind.Hash, _):
                CompileHash(ext, call);
                break;
            case (ExternKind.Checksum, _):
                CompileChecksum(ext, call);
                break;
            case (ExternKind.Meter, "execute" or "execute_meter"):
                CompileMeter(ext, call);
                break;
            default:
                throw CodegenException.NotSupported($"{ext.Kind} method {call.Method}");
        }
    }

    /// <summary>r0 = &amp;map[index] (u32 key), or jumps to <paramref name="missing"/> when the index is out of range.</summary>
    private void LookupIndex(string map, IrExpr index, string missing)
    {
        var v = Eval(index);
        e.Emit(Mem.StoreMem(R10, FrameIndexKey, v, MemSize.W));
        pool.Free(v);
        LoadMap(R1, map);
        e.Emit(Alu.Mov.Reg(R2, R10));
        e.Emit(Alu.Add.Imm(R2, FrameIndexKey));
        e.Emit(Helper.Call(HelperMapLookup));
        e.Emit(Jmp.JEq.Imm(R0, 0, missing));
    }

    /// <summary>Two-rate three-colour marker (RFC 2698, colour-blind) on the meter cell; an unconfigured cell (both rates 0) marks green.</summary>
    /// <remarks>Tokens refill by elapsed_ns × rate / 10⁹ (rates up to 2³² units per second); after more than 2³² ns idle the buckets are full.</remarks>
    private void CompileMeter(IrExtern ext, ExternCallStmt call)
    {
        var layout = plan.Manifest.Meters.First(m => m.Name == ext.Name);
        var target = call.Result ?? throw new CodegenException(5013, $"{ext.Name}.{call.Method} without a result");
        var green = e.NewLabel("meter_green");
        LookupIndex(layout.Map, call.Arguments[0], green);
        MeterCell(ext.Unit, green);
        pool.Reserve(R1);
        Store(target, R1);
        pool.Free(R1);
    }

    /// <summary>Runs the marker on the meter cell r0 points to; the colour (v1model numbering) ends in r1. <paramref name="green"/> is
    /// defined here (jumping to it marks green without touching a cell). Clobbers r0–r5.</summary>
    private void MeterCell(CounterUnit unit, string green)
    {
        var yellow = e.NewLabel("meter_yellow");
        var red = e.NewLabel("meter_red");
        var full = e.NewLabel("meter_full");
        var decide = e.NewLabel("meter_decide");
        var store = e.NewLabel("meter_store");
        e.Emit(Mem.StoreMem(R10, FrameBestPtr, R0, MemSize.DW));
        e.Emit(Helper.Call(HelperKtimeGetNs));
        e.Emit(Mem.LoadMem(R1, R10, FrameBestPtr, MemSize.DW));
        e.Emit(Mem.LoadMem(R2, R1, MeterState.LastNsOffset, MemSize.DW));
        e.Emit(Mem.StoreMem(R1, MeterState.LastNsOffset, R0, MemSize.DW));
        e.Emit(Alu.Sub.Reg(R0, R2));
        if (unit == CounterUnit.Packets)
        {
            e.Emit(Alu.Mov.Imm(R3, 1));
        }
        else
        {
            e.Emit(Mem.LoadMem(R3, StateReg, IntrinsicOffset("packet_length"), MemSize.W));
        }
        e.Emit(Mem.LoadMem(R4, R1, MeterState.PirOffset, MemSize.DW));
        e.Emit(Mem.LoadMem(R5, R1, MeterState.CirOffset, MemSize.DW));
        e.Emit(Alu.Mov.Reg(R2, R4));
        e.Emit(Alu.Or.Reg(R2, R5));
        e.Emit(Jmp.JEq.Imm(R2, 0, green));
        e.Emit(Alu.Mov.Imm32(R2, -1));
        e.Emit(Jmp.JGt.Reg(R0, R2, full));
        foreach (var (rate, reg, tokens, burst) in new[] { (MeterState.PirOffset, R4, MeterState.PtokensOffset, MeterState.PburstOffset), (MeterState.CirOffset, R5, MeterState.CtokensOffset, MeterState.CburstOffset) })
        {
            var ok = e.NewLabel("meter_cap");
            e.Emit(Alu.Mul.Reg(reg, R0));
            e.Emit(Alu.Div.Imm(reg, 1_000_000_000));
            e.Emit(Mem.LoadMem(R2, R1, (short)tokens, MemSize.DW));
            e.Emit(Alu.Add.Reg(reg, R2));
            e.Emit(Mem.LoadMem(R2, R1, (short)burst, MemSize.DW));
            e.Emit(Jmp.JLe.Reg(reg, R2, ok));
            e.Emit(Alu.Mov.Reg(reg, R2));
            e.Label(ok);
            e.Emit(Mem.StoreMem(R1, (short)tokens, reg, MemSize.DW));
        }
        e.Jump(decide);
        e.Label(full);
        e.Emit(Mem.LoadMem(R4, R1, MeterState.PburstOffset, MemSize.DW));
        e.Emit(Mem.StoreMem(R1, MeterState.PtokensOffset, R4, MemSize.DW));
        e.Emit(Mem.LoadMem(R5, R1, MeterState.CburstOffset, MemSize.DW));
        e.Emit(Mem.StoreMem(R1, MeterState.CtokensOffset, R5, MemSize.DW));
        e.Label(decide);
        e.Emit(Mem.LoadMem(R4, R1, MeterState.PtokensOffset, MemSize.DW));
        e.Emit(Jmp.JLt.Reg(R4, R3, red));
        e.Emit(Alu.Sub.Reg(R4, R3));
        e.Emit(Mem.StoreMem(R1, MeterState.PtokensOffset, R4, MemSize.DW));
        e.Emit(Mem.LoadMem(R5, R1, MeterState.CtokensOffset, MemSize.DW));
        e.Emit(Jmp.JLt.Reg(R5, R3, yellow));
        e.Emit(Alu.Sub.Reg(R5, R3));
        e.Emit(Mem.StoreMem(R1, MeterState.CtokensOffset, R5, MemSize.DW));
        e.Label(green);
        e.Emit(Alu.Mov.Imm(R1, MeterState.Green));
        e.Jump(store);
        e.Label(yellow);
        e.Emit(Alu.Mov.Imm(R1, MeterState.Yellow));
        e.Jump(store);
        e.Label(red);
        e.Emit(Alu.Mov.Imm(R1, MeterState.Red));
        e.Label(store);
    }

    /// <summary>A table hit with a direct meter: marks the entry's meter cell and leaves the colour in the meter's colour slot; r0 is kept.</summary>
    private void DirectMeterHit(IrTable table, int meterOffset)
    {
        var slot = plan.State.Slot(IrExtern.DirectMeterColourSlot(table.DirectMeter!));
        var ext = program.Extern(table.DirectMeter!);
        var saved = AllocSpill();
        e.Emit(Mem.StoreMem(R10, saved, R0, MemSize.DW));
        e.Emit(Alu.Add.Imm(R0, meterOffset));
        MeterCell(ext.Unit, e.NewLabel("meter_green"));
        e.Emit(Mem.StoreMem(StateReg, checked((short)slot.Offset), R1, MemSize.W));
        e.Emit(Mem.LoadMem(R0, R10, saved, MemSize.DW));
        FreeSpill(saved);
    }

    /// <summary>A miss of a table with a direct meter: its colour is green.</summary>
    private void DirectMeterMiss(IrTable table)
    {
        var slot = plan.State.Slot(IrExtern.DirectMeterColourSlot(table.DirectMeter!));
        e.Emit(Mem.StoreImm(StateReg, checked((short)slot.Offset), MeterState.Green, MemSize.W));
    }
}
