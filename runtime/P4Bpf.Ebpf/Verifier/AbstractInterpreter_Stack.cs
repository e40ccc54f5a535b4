namespace P4Bpf.Ebpf.Verifier;

/// <summary>Stack accesses: bounds, alignment, spilled registers, initialised bytes (<c>check_stack_read/write_fixed_off</c> and the variable-offset forms).</summary>
internal sealed partial class AbstractInterpreter
{
    private RegState StackAccess(int regno, RegState reg, int insnOff, int size, bool write, RegState? value, int pc, bool atomic)
    {
        var frame = _state.Frames[reg.Frame];
        var fixedOff = reg.Off + insnOff;
        if (!reg.Var.IsConst)
        {
            CheckAlignment(reg, insnOff, size, pc, "stack ");
            return VariableStackAccess(regno, reg, frame, fixedOff, size, write, pc);
        }
        var off = fixedOff + (int)(long)reg.Var.Value;
        if (off % size != 0)
        {
            throw Error(VerifierErrorKind.InvalidStackAccess, pc, $"misaligned stack access off {reg.Var.Var}+{reg.Off}+{insnOff} size {size}");
        }
        if (off < -StackState.MaxSize || off + size > 0 || off >= 0)
        {
            throw Error(VerifierErrorKind.InvalidStackAccess, pc, $"invalid {(write ? "write to" : "read from")} stack R{regno} off={off} size={size}");
        }
        NoteStackDepth(frame, -off);
        return write ? WriteStack(frame, reg.Frame, off, size, value!.Value, pc) : ReadStack(frame, off, size, pc, regno);
    }

    private void NoteStackDepth(FuncState frame, int depth)
    {
        frame.Stack.Grow(depth);
        var s = _p.SubprogIndex(frame.SubprogStart);
        _subprogStack[s] = Math.Max(_subprogStack[s], depth);
    }

    private RegState WriteStack(FuncState frame, int frameIndex, int off, int size, RegState value, int pc)
    {
        var stack = frame.Stack;
        var slot = StackState.SlotOf(off);
        if (value.Type == RegType.Stack && value.Frame > frameIndex)
        {
            throw Error(VerifierErrorKind.InvalidStackAccess, pc, "cannot spill pointers to stack into stack frame of the caller");
        }
        if (size == 8 && (value.IsPointer || (value.Type == RegType.Scalar && !value.Var.IsZero)))
        {
            for (var i = 0; i < 8; i++)
            {
                stack.Bytes[(slot * 8) + i] = StackByte.Spill;
            }
            stack.Spills[slot] = value;
            return default;
        }
        // A narrower store (or a known zero) turns a spilled register in this slot into plain data.
        if (stack.Bytes[slot * 8] == StackByte.Spill)
        {
            var spilledZero = stack.Spills[slot].Type == RegType.Scalar && stack.Spills[slot].Var.IsZero;
            for (var i = 0; i < 8; i++)
            {
                stack.Bytes[(slot * 8) + i] = spilledZero ? StackByte.Zero : StackByte.Misc;
            }
            stack.Spills[slot] = default;
        }
        var kind = value.Type == RegType.Scalar && value.Var.IsConst && (size == 8 ? value.Var.Value == 0 : (value.Var.Value & ((1UL << (size * 8)) - 1)) == 0)
            ? StackByte.Zero
            : StackByte.Misc;
        for (var i = 0; i < size; i++)
        {
            stack.Bytes[-off - 1 - i] = kind;
        }
        return default;
    }

    private RegState ReadStack(FuncState frame, int off, int size, int pc, int regno)
    {
        var stack = frame.Stack;
        var slot = StackState.SlotOf(off);
        var first = -off - size;
        if (first / 8 < stack.Spills.Length && stack.Bytes[slot * 8] == StackByte.Spill && SpillCovers(stack, off, size))
        {
            var spilled = stack.Spills[slot];
            if (size == 8)
            {
                return spilled;
            }
            if (spilled.Type != RegType.Scalar)
            {
                throw Error(VerifierErrorKind.InvalidStackAccess, pc, "invalid size of register fill");
            }
            if (spilled.Var.IsConst && off == -(slot + 1) * 8)
            {
                // Little-endian: the low bytes of the spilled value are at the slot's lowest address.
                return RegState.Const(spilled.Var.Value & ((1UL << (size * 8)) - 1));
            }
            return LoadedScalar(size);
        }
        var allZero = true;
        for (var i = 0; i < size; i++)
        {
            var b = stack.At(off + i);
            if (b == StackByte.Invalid && !_o.AllowUninitializedStackReads)
            {
                throw Error(VerifierErrorKind.InvalidStackAccess, pc, $"invalid read from stack off {off}+{i} size {size}");
            }
            if (b == StackByte.Spill)
            {
                var spilled = stack.Spills[StackState.SlotOf(off + i)];
                if (spilled.Type != RegType.Scalar)
                {
                    throw Error(VerifierErrorKind.InvalidStackAccess, pc, "invalid size of register fill");
                }
            }
            allZero &= b == StackByte.Zero;
        }
        _ = regno;
        return allZero ? RegState.Const(0) : LoadedScalar(size);
    }

    private static bool SpillCovers(StackState stack, int off, int size)
    {
        for (var i = 0; i < size; i++)
        {
            if (stack.At(off + i) != StackByte.Spill || StackState.SlotOf(off + i) != StackState.SlotOf(off))
            {
                return false;
            }
        }
        return true;
    }

    private RegState VariableStackAccess(int regno, RegState reg, FuncState frame, int fixedOff, int size, bool write, int pc)
    {
        var min = fixedOff + reg.Var.SMin;
        var max = fixedOff + reg.Var.SMax;
        var what = write ? "write to" : "read from";
        if (reg.Var.SMin <= -MaxVarOff || reg.Var.SMax >= MaxVarOff || min < -StackState.MaxSize || max + size > 0)
        {
            throw Error(VerifierErrorKind.InvalidStackAccess, pc, $"invalid variable-offset {what} stack R{regno} var_off={reg.Var.Var} off={fixedOff} size={size}");
        }
        NoteStackDepth(frame, (int)-min);
        var stack = frame.Stack;
        for (var off = (int)min; off < max + size; off++)
        {
            var i = -off - 1;
            if (write)
            {
                if (stack.Bytes[i] == StackByte.Spill)
                {
                    var slot = i / 8;
                    for (var j = 0; j < 8; j++)
                    {
                        stack.Bytes[(slot * 8) + j] = StackByte.Misc;
                    }
                    stack.Spills[slot] = default;
                }
                stack.Bytes[i] = StackByte.Misc;
            }
            else if (stack.Bytes[i] == StackByte.Invalid && !_o.AllowUninitializedStackReads)
            {
                throw Error(VerifierErrorKind.InvalidStackAccess, pc, $"invalid variable-offset read from stack R{regno} var_off={reg.Var.Var} off={fixedOff} size={size}");
            }
            else if (stack.Bytes[i] == StackByte.Spill && stack.Spills[i / 8].Type != RegType.Scalar)
            {
                throw Error(VerifierErrorKind.InvalidStackAccess, pc, "invalid size of register fill");
            }
        }
        return write ? default : LoadedScalar(size);
    }

    /// <summary>Helper memory arguments on the stack: <paramref name="size"/> bytes from the pointer, initialised when read, marked written when the helper writes.</summary>
    private void HelperStackAccess(int regno, RegState reg, int size, bool write, int pc)
    {
        if (size == 0)
        {
            return;
        }
        var frame = _state.Frames[reg.Frame];
        var min = reg.Off + reg.Var.SMin;
        var max = reg.Off + reg.Var.SMax;
        if (reg.Var.SMin <= -MaxVarOff || reg.Var.SMax >= MaxVarOff || min < -StackState.MaxSize || max + size > 0)
        {
            var off = reg.Var.IsConst ? reg.Off + (long)reg.Var.Value : min;
            throw Error(VerifierErrorKind.InvalidStackAccess, pc, $"invalid indirect access to stack R{regno} off={off} size={size}");
        }
        NoteStackDepth(frame, (int)-min);
        var stack = frame.Stack;
        for (var off = (int)min; off < max + size; off++)
        {
            var i = -off - 1;
            if (write)
            {
                if (stack.Bytes[i] == StackByte.Spill)
                {
                    var slot = i / 8;
                    for (var j = 0; j < 8; j++)
                    {
                        stack.Bytes[(slot * 8) + j] = StackByte.Misc;
                    }
                    stack.Spills[slot] = default;
                }
                stack.Bytes[i] = StackByte.Misc;
            }
            else if (stack.Bytes[i] == StackByte.Invalid && !_o.AllowUninitializedStackReads)
            {
                throw Error(VerifierErrorKind.InvalidStackAccess, pc, $"invalid indirect read from stack R{regno} off {min}+{off - min} size {size}");
            }
        }
    }
}
