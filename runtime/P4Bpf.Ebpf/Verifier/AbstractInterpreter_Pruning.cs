namespace P4Bpf.Ebpf.Verifier;

/// <summary>State pruning: a path whose state is included in a fully explored one at the same instruction is safe (<c>is_state_visited</c>, <c>regsafe</c>, <c>stacksafe</c>); an exact repeat of an unfinished ancestor is an infinite loop.</summary>
internal sealed partial class AbstractInterpreter
{
    private bool TryPrune(int pc)
    {
        if (_explored[pc] is not { } list)
        {
            return false;
        }
        var isCallbackEntry = _p.CallbackStarts.Contains(pc) && _state.Cur.IsCallback && _state.Cur.SubprogStart == pc;
        foreach (var cp in list)
        {
            if (cp.Pending == 0 || isCallbackEntry)
            {
                if (StatesSafe(cp.State, _state, pc))
                {
                    return true;
                }
            }
            else if (StatesSafe(cp.State, _state, pc, exact: true))
            {
                if (CallbackIterationsDiffer(cp.State, _state))
                {
                    // A later bpf_loop iteration repeats an earlier one exactly: what follows is explored from the earlier
                    // state, and the helper bounds the iterations (the kernel's callback_unroll_depth check).
                    return true;
                }
                throw Error(VerifierErrorKind.Loop, pc, $"infinite loop detected at insn {pc}");
            }
        }
        return false;
    }

    private static bool CallbackIterationsDiffer(VerifierState old, VerifierState cur)
    {
        for (var f = 0; f < old.Frames.Count && f < cur.Frames.Count; f++)
        {
            if (old.Frames[f].IsCallback && old.Frames[f].CallbackIteration != cur.Frames[f].CallbackIteration)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when every concrete state <paramref name="cur"/> describes is one <paramref name="old"/> describes, looking only at live registers.</summary>
    private bool StatesSafe(VerifierState old, VerifierState cur, int pc, bool exact = false)
    {
        if (old.Frames.Count != cur.Frames.Count || old.LockMap != cur.LockMap || old.Refs.Count != cur.Refs.Count)
        {
            return false;
        }
        var ids = new Dictionary<uint, uint>();
        var n = old.Frames.Count;
        for (var f = n - 1; f >= 0; f--)
        {
            var of = old.Frames[f];
            var cf = cur.Frames[f];
            if (of.CallSite != cf.CallSite || of.IsCallback != cf.IsCallback || (of.IsCallback && !of.CallbackCtx.Equals(cf.CallbackCtx)))
            {
                return false;
            }
            // The top frame continues at pc; a caller continues after its call, where r0–r5 are rewritten.
            var live = f == n - 1 ? _p.LiveIn[pc] : (ushort)(_p.LiveIn[Math.Min(cur.Frames[f + 1].CallSite + 1, _p.Length - 1)] & ~0x3f);
            if (f < n - 1 && cur.Frames[f + 1].IsCallback)
            {
                live = (ushort)(_p.LiveIn[cur.Frames[f + 1].CallSite] | _p.LiveIn[Math.Min(cur.Frames[f + 1].CallSite + 1, _p.Length - 1)]);
            }
            for (var r = 0; r < 11; r++)
            {
                if ((live & (1 << r)) == 0)
                {
                    continue;
                }
                if (!RegSafe(of.Regs[r], cf.Regs[r], ids, exact))
                {
                    return false;
                }
            }
            if (!StackSafe(of.Stack, cf.Stack, ids, exact))
            {
                return false;
            }
        }
        for (var i = 0; i < old.Refs.Count; i++)
        {
            if (!CheckIds(old.Refs[i].Id, cur.Refs[i].Id, ids))
            {
                return false;
            }
        }
        return old.LockMap < 0 || CheckIds(old.LockId, cur.LockId, ids);
    }

    private static bool CheckIds(uint oldId, uint curId, Dictionary<uint, uint> ids)
    {
        if (oldId == 0 || curId == 0)
        {
            return oldId == curId;
        }
        if (ids.TryGetValue(oldId, out var mapped))
        {
            return mapped == curId;
        }
        ids[oldId] = curId;
        return true;
    }

    private static bool RegSafe(in RegState old, in RegState cur, Dictionary<uint, uint> ids, bool exact)
    {
        if (exact)
        {
            return old.Type == cur.Type && old.Var.Equals(cur.Var) && old.Off == cur.Off && old.Range == cur.Range
                && old.MapIndex == cur.MapIndex && old.MemSize == cur.MemSize && old.Frame == cur.Frame
                && CheckIds(old.Id, cur.Id, ids) && CheckIds(old.RefObjId, cur.RefObjId, ids);
        }
        if (old.Type == RegType.NotInit)
        {
            return true;
        }
        if (old.Type != cur.Type)
        {
            return false;
        }
        if (old.Type == RegType.Scalar)
        {
            return cur.Var.Within(old.Var);
        }
        if (old.Off != cur.Off || old.MapIndex != cur.MapIndex || old.MemSize != cur.MemSize || old.Frame != cur.Frame)
        {
            return false;
        }
        if (!cur.Var.Within(old.Var))
        {
            return false;
        }
        if (old.IsPacketPointer && cur.Range < old.Range)
        {
            return false;
        }
        return CheckIds(old.Id, cur.Id, ids) && CheckIds(old.RefObjId, cur.RefObjId, ids);
    }

    private static bool StackSafe(StackState old, StackState cur, Dictionary<uint, uint> ids, bool exact)
    {
        if (exact)
        {
            if (old.Allocated != cur.Allocated)
            {
                // Unwritten tail bytes are Invalid either way.
            }
        }
        var n = old.Bytes.Length;
        for (var i = 0; i < n; i++)
        {
            var ob = old.Bytes[i];
            var cb = i < cur.Bytes.Length ? cur.Bytes[i] : StackByte.Invalid;
            if (exact)
            {
                if (ob != cb)
                {
                    return false;
                }
                if (ob == StackByte.Spill && i % 8 == 0 && !RegSafe(old.Spills[i / 8], cur.Spills[i / 8], ids, exact: true))
                {
                    return false;
                }
                continue;
            }
            switch (ob)
            {
                case StackByte.Invalid:
                    continue;
                case StackByte.Misc:
                    if (cb is StackByte.Misc or StackByte.Zero)
                    {
                        continue;
                    }
                    if (cb == StackByte.Spill && cur.Spills[i / 8].Type == RegType.Scalar)
                    {
                        continue;
                    }
                    return false;
                case StackByte.Zero:
                    if (cb == StackByte.Zero || (cb == StackByte.Spill && cur.Spills[i / 8].Type == RegType.Scalar && cur.Spills[i / 8].Var.IsZero))
                    {
                        continue;
                    }
                    return false;
                case StackByte.Spill:
                    if (i % 8 != 0)
                    {
                        continue;
                    }
                    var os = old.Spills[i / 8];
                    if (cb == StackByte.Spill)
                    {
                        if (!RegSafe(os, cur.Spills[i / 8], ids, exact: false))
                        {
                            return false;
                        }
                        continue;
                    }
                    if (os.Type == RegType.Scalar && os.Var.Equals(Scalar.Unknown) && SlotAll(cur, i, b => b is StackByte.Misc or StackByte.Zero))
                    {
                        continue;
                    }
                    return false;
            }
        }
        if (exact)
        {
            for (var i = n; i < cur.Bytes.Length; i++)
            {
                if (cur.Bytes[i] != StackByte.Invalid)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static bool SlotAll(StackState s, int start, Func<StackByte, bool> test)
    {
        for (var j = start; j < start + 8; j++)
        {
            if (j >= s.Bytes.Length || !test(s.Bytes[j]))
            {
                return false;
            }
        }
        return true;
    }
}
