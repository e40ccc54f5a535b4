using P4Bpf.Ebpf.Isa;
using P4Bpf.EbpfGen.Layout;
using P4Bpf.Midend.Ir;
using static P4Bpf.Ebpf.Isa.Register;

namespace P4Bpf.EbpfGen.CodeGen;

internal sealed partial class StageCompiler
{
    /// <summary>A location in the state area: base register plus constant offset; <c>Owned</c> when the base is a scratch register to free.</summary>
    private readonly record struct Addr(Register Base, int Offset, bool Owned)
    {
        public short Off => checked((short)Offset);

        public Addr Plus(int delta) => this with { Offset = Offset + delta };
    }

    private void Release(Addr a)
    {
        if (a.Owned)
        {
            pool.Free(a.Base);
        }
    }

    /// <summary>Where an lvalue (or action parameter) lives in the state area.</summary>
    private Addr AddressOf(IrExpr lvalue)
    {
        switch (lvalue)
        {
            case SlotRef s:
                return new Addr(StateReg, plan.State.Slot(s.Slot).Offset, false);
            case ParamRef p:
            {
                var action = actionScope.Count > 0 ? actionScope.Peek() : throw new CodegenException(5005, $"parameter {p.Name} used outside an action");
                var slot = plan.State.Slot(LayoutPlanner.ActionArgsSlotPrefix + action.Name);
                var index = action.Params.AsImmutableArray().IndexOf(action.Params.First(x => x.Name == p.Name));
                return new Addr(StateReg, slot.Offset + action.ParamOffsets().Offsets[index], false);
            }
            case FieldRef f:
            {
                var b = AddressOf(f.Base);
                var offset = f.Base.Type switch
                {
                    HeaderType h => h.Field(f.Field).StorageOffset,
                    StructType st => st.Field(f.Field).StorageOffset,
                    HeaderUnionType u => u.Member(f.Field).StorageOffset,
                    var t => throw new CodegenException(5006, $"{t} has no field {f.Field}"),
                };
                return b.Plus(offset);
            }
            case StackNextIndexRef n:
                return AddressOf(n.Stack).Plus(HeaderStackType.NextIndexOffset);
            case StackElementRef el:
            {
                var stackType = (HeaderStackType)el.Stack.Type;
                var b = AddressOf(el.Stack);
                if (el.Index is IrConstant c)
                {
                    var i = (int)c.Value;
                    if (i < 0 || i >= stackType.Size)
                    {
                        throw new CodegenException(5007, $"stack index {i} out of bounds for {stackType}");
                    }
                    return b.Plus(stackType.ElementOffset(i));
                }
                // Dynamic index: clamp to the last element (out-of-bounds reads are undefined in P4; writes land in the last element).
                var idx = Eval(el.Index);
                var ok = e.NewLabel("idx_ok");
                e.Emit(Jmp.JLt.Imm(idx, stackType.Size, ok));
                e.Emit(Alu.Mov.Imm(idx, stackType.Size - 1));
                e.Label(ok);
                e.Emit(Alu.Mul.Imm(idx, stackType.ElementBytes));
                if (b.Owned)
                {
                    e.Emit(Alu.Add.Reg(idx, b.Base));
                    Release(b);
                }
                else
                {
                    e.Emit(Alu.Add.Reg(idx, b.Base));
                }
                return new Addr(idx, b.Offset + HeaderStackType.ElementsOffset, true);
            }
            default:
                throw new CodegenException(5008, $"{IrPrinter.Print(lvalue)} is not storage");
        }
    }

    /// <summary>Loads a scalar (≤ 64 bits) from storage into a new register, zero-extended.</summary>
    private Register Load(IrExpr lvalue)
    {
        var size = lvalue.Type.StorageSize;
        if (size > 8)
        {
            throw CodegenException.NotSupported($"arithmetic on {lvalue.Type} (wider than 64 bits)");
        }
        var a = AddressOf(lvalue);
        var r = a.Owned ? a.Base : Alloc();
        e.Emit(Mem.LoadMem(r, a.Base, a.Off, SizeOf(size)));
        return r;
    }

    /// <summary>Stores a normalised scalar register into a scalar lvalue.</summary>
    private void Store(IrExpr lvalue, Register value)
    {
        var a = AddressOf(lvalue);
        e.Emit(Mem.StoreMem(a.Base, a.Off, value, SizeOf(lvalue.Type.StorageSize)));
        Release(a);
    }

    private void StoreConst(Addr a, int size, System.Numerics.BigInteger value)
    {
        if (size <= 8 && value >= int.MinValue && value <= int.MaxValue && size != 8)
        {
            e.Emit(Mem.StoreImm(a.Base, a.Off, (long)value, SizeOf(size)));
            return;
        }
        if (size <= 8)
        {
            var r = Alloc();
            LoadConst(r, value);
            e.Emit(Mem.StoreMem(a.Base, a.Off, r, SizeOf(size)));
            pool.Free(r);
            return;
        }
        // Wide constant: big-endian bytes.
        for (var i = 0; i < size; i++)
        {
            var b = (int)((value >> (8 * (size - 1 - i))) & 0xff);
            e.Emit(Mem.StoreImm(a.Base, checked((short)(a.Offset + i)), b, MemSize.B));
        }
    }

    /// <summary>Copies bytes between two memory locations using the widest aligned moves.</summary>
    private void CopyBytes(Register dstBase, int dstOff, Register srcBase, int srcOff, int count)
    {
        var t = Alloc();
        var done = 0;
        while (done < count)
        {
            var chunk = count - done >= 8 && (dstOff + done) % 8 == 0 && (srcOff + done) % 8 == 0 ? 8
                : count - done >= 4 && (dstOff + done) % 4 == 0 && (srcOff + done) % 4 == 0 ? 4
                : count - done >= 2 && (dstOff + done) % 2 == 0 && (srcOff + done) % 2 == 0 ? 2 : 1;
            e.Emit(Mem.LoadMem(t, srcBase, checked((short)(srcOff + done)), SizeOf(chunk)));
            e.Emit(Mem.StoreMem(dstBase, checked((short)(dstOff + done)), t, SizeOf(chunk)));
            done += chunk;
        }
        pool.Free(t);
    }

    /// <summary>Loads any constant into a register (mov, mov32 or lddw).</summary>
    private void LoadConst(Register r, System.Numerics.BigInteger value)
    {
        var v = (ulong)(value & ulong.MaxValue);
        if (v <= int.MaxValue)
        {
            e.Emit(Alu.Mov.Imm(r, (long)v));
        }
        else if (v <= uint.MaxValue)
        {
            e.Emit(Alu.Mov.Imm32(r, unchecked((int)(uint)v)));
        }
        else if ((long)v is >= int.MinValue and < 0)
        {
            e.Emit(Alu.Mov.Imm(r, (long)v));
        }
        else
        {
            e.Emit(Mem.LoadImm64(r, unchecked((long)v)));
        }
    }
}
