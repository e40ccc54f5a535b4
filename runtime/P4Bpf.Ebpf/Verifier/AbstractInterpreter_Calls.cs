using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Maps;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Helper calls (prototypes, map compatibility, references, spin locks, tail calls, bpf_loop), bpf-to-bpf calls and exits.</summary>
internal sealed partial class AbstractInterpreter
{
    private const ulong MaxMemSize = 1 << 29;

    private int CheckHelperCall(Instruction insn, int pc)
    {
        var id = (int)insn.Imm;
        if (!HelperTable.ById.TryGetValue(id, out var proto))
        {
            throw Error(VerifierErrorKind.InvalidHelper, pc, $"invalid func unknown#{id}");
        }
        if (_profile.Helpers is { } allowed && !allowed.Contains(id))
        {
            throw Error(VerifierErrorKind.NotOffloadable, pc, $"{_profile.Name} offload: helper {proto.KernelName}#{id} does not offload");
        }
        if (!proto.ProgramTypes.Contains(_p.Type))
        {
            throw Error(VerifierErrorKind.InvalidHelper, pc, $"program of this type cannot use helper {proto.KernelName}#{id}");
        }
        if (_state.LockMap >= 0 && id is not (HelperIds.SpinUnlock or HelperIds.SpinLock))
        {
            throw Error(VerifierErrorKind.SpinLock, pc, "function calls are not allowed while holding a lock");
        }
        var call = new CallArgs();
        for (var i = 0; i < proto.Args.Length; i++)
        {
            CheckArg(proto, i + 1, proto.Args[i], ref call, pc);
        }
        switch (id)
        {
            case HelperIds.TailCall:
                if (!_profile.AllowTailCalls)
                {
                    throw Error(VerifierErrorKind.NotOffloadable, pc, $"{_profile.Name} offload: tail calls do not offload");
                }
                if (_state.Refs.Count > 0)
                {
                    throw Error(VerifierErrorKind.ReferenceLeak, pc, "tail_call would lead to reference leak");
                }
                break;
            case HelperIds.SpinLock:
                if (_state.LockMap >= 0)
                {
                    throw Error(VerifierErrorKind.SpinLock, pc, "Locking two bpf_spin_locks are not allowed");
                }
                _state.LockMap = call.LockReg.MapIndex;
                _state.LockId = call.LockReg.Id;
                break;
            case HelperIds.SpinUnlock:
                if (_state.LockMap < 0)
                {
                    throw Error(VerifierErrorKind.SpinLock, pc, "bpf_spin_unlock without taking a lock");
                }
                if (_state.LockMap != call.LockReg.MapIndex || _state.LockId != call.LockReg.Id)
                {
                    throw Error(VerifierErrorKind.SpinLock, pc, "bpf_spin_unlock of different lock");
                }
                _state.LockMap = -1;
                _state.LockId = 0;
                break;
            case HelperIds.RingbufSubmit or HelperIds.RingbufDiscard:
                ReleaseReference(call.ReleaseRef);
                break;
        }
        if (proto.ChangesPacket)
        {
            _state.ForEachReg((ref RegState r) =>
            {
                if (r.Type is RegType.Packet or RegType.PacketMeta or RegType.PacketEnd)
                {
                    r = RegState.UnknownScalar;
                }
            });
        }
        var resume = pc + 1;
        VerifierState? afterCall = id == HelperIds.Loop ? _state : null;
        if (afterCall is not null)
        {
            _state = _state.Clone();
        }
        for (var r = 1; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
        }
        Regs[0] = proto.Ret switch
        {
            RetKind.Void => RegState.NotInit,
            RetKind.MapValueOrNull => new RegState { Type = RegType.MapValueOrNull, Var = Scalar.Const(0), MapIndex = call.MapIndex, Id = NewId() },
            RetKind.RingbufMemOrNull => AcquireRingbufRecord(call, pc),
            _ => RegState.UnknownScalar,
        };
        if (afterCall is not null)
        {
            // bpf_loop: the path where the callback never runs continues here; the callback is explored from its entry.
            var callbackCtx = afterCall.Regs[3];
            var callbackStart = afterCall.Regs[2].Frame;
            PushBranch(_state, resume, pc);
            _state = afterCall;
            return EnterCallback(pc, callbackStart, callbackCtx);
        }
        return resume;
    }

    private RegState AcquireRingbufRecord(CallArgs call, int pc)
    {
        var refId = NewId();
        _state.Refs.Add(new AcquiredRef(refId, pc));
        return new RegState { Type = RegType.MemOrNull, Var = Scalar.Const(0), MemSize = call.AllocSize, Id = NewId(), RefObjId = refId };
    }

    private void ReleaseReference(uint refId)
    {
        _state.Refs.RemoveAll(r => r.Id == refId);
        _state.ForEachReg((ref RegState r) =>
        {
            if (r.RefObjId == refId)
            {
                r = RegState.UnknownScalar;
            }
        });
    }

    private struct CallArgs
    {
        public int MapIndex;
        public bool HasMap;
        public RegState MemReg;
        public int MemRegNo;
        public bool MemWritable;
        public bool MemMaybeNull;
        public int AllocSize;
        public uint ReleaseRef;
        public RegState LockReg;
    }

    private void CheckArg(HelperPrototype proto, int regno, ArgKind kind, ref CallArgs call, int pc)
    {
        if (kind == ArgKind.None)
        {
            return;
        }
        var reg = Read(new Register((byte)regno), pc);
        switch (kind)
        {
            case ArgKind.Anything:
                return;
            case ArgKind.ConstMapPtr:
                Expect(reg.Type == RegType.ConstMapPtr, regno, reg, "map_ptr", pc);
                call.MapIndex = reg.MapIndex;
                call.HasMap = true;
                CheckMapCompatibility(proto, MapOf(reg), pc);
                return;
            case ArgKind.MapKey or ArgKind.MapValue or ArgKind.UninitMapValue:
            {
                if (!call.HasMap)
                {
                    throw Error(VerifierErrorKind.InvalidHelperArgument, pc, "invalid map_ptr to access map->key");
                }
                var map = _p.Maps[call.MapIndex];
                var size = kind == ArgKind.MapKey ? (int)map.KeySize : (int)map.ValueSize;
                ExpectMemory(regno, reg, pc);
                HelperMemory(regno, reg, size, kind == ArgKind.UninitMapValue, pc);
                return;
            }
            case ArgKind.Mem or ArgKind.MemOrNull or ArgKind.UninitMem:
                if (kind == ArgKind.MemOrNull && reg.Type == RegType.Scalar && reg.Var.IsZero)
                {
                    call.MemMaybeNull = true;
                    call.MemRegNo = 0;
                    return;
                }
                ExpectMemory(regno, reg, pc);
                call.MemReg = reg;
                call.MemRegNo = regno;
                call.MemWritable = kind == ArgKind.UninitMem;
                return;
            case ArgKind.ConstSize or ArgKind.ConstSizeOrZero:
                CheckSizeArg(regno, reg, kind == ArgKind.ConstSizeOrZero || call.MemMaybeNull, ref call, pc);
                return;
            case ArgKind.ConstAllocSize:
                Expect(reg.Type == RegType.Scalar, regno, reg, "scalar", pc);
                if (!reg.Var.IsConst)
                {
                    throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} is not a known constant'");
                }
                if (reg.Var.Value >= MaxMemSize)
                {
                    throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} unbounded memory access, use 'var &= const' or 'if (var < const)'");
                }
                call.AllocSize = (int)reg.Var.Value;
                return;
            case ArgKind.Ctx:
                Expect(reg.Type == RegType.Ctx, regno, reg, "ctx", pc);
                if (reg.Off != 0 || !reg.Var.IsZero)
                {
                    throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"dereference of modified ctx ptr R{regno} off={reg.Off} disallowed");
                }
                return;
            case ArgKind.RingbufMem:
                Expect(reg.Type == RegType.Mem && reg.RefObjId != 0, regno, reg, "ringbuf_mem", pc);
                if (reg.Off != 0 || !reg.Var.IsZero)
                {
                    throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} must have zero offset when passed to release func");
                }
                if (!_state.Refs.Exists(r => r.Id == reg.RefObjId))
                {
                    throw Error(VerifierErrorKind.ReferenceLeak, pc, $"R{regno} must be referenced when passed to release function");
                }
                call.ReleaseRef = reg.RefObjId;
                return;
            case ArgKind.SpinLock:
            {
                Expect(reg.Type == RegType.MapValue, regno, reg, "map_value", pc);
                var map = MapOf(reg);
                if (SpinLocks.Offset(map) is not { } lockOff)
                {
                    throw Error(VerifierErrorKind.SpinLock, pc, $"map '{map.Name}' has to have BTF in order to use bpf_spin_lock");
                }
                if (!reg.Var.IsConst)
                {
                    throw Error(VerifierErrorKind.SpinLock, pc, $"R{regno} doesn't have constant offset. bpf_spin_lock has to be at the constant offset");
                }
                var off = reg.Off + (long)reg.Var.Value;
                if (off != lockOff)
                {
                    throw Error(VerifierErrorKind.SpinLock, pc, $"off {off} doesn't point to 'struct bpf_spin_lock' that is at {lockOff}");
                }
                call.LockReg = reg;
                return;
            }
            case ArgKind.Func:
                Expect(reg.Type == RegType.Func, regno, reg, "func", pc);
                return;
            case ArgKind.StackOrNull:
                Expect(reg.Type == RegType.Stack || (reg.Type == RegType.Scalar && reg.Var.IsZero), regno, reg, "fp", pc);
                return;
        }
    }

    private void Expect(bool ok, int regno, RegState reg, string expected, int pc)
    {
        if (!ok)
        {
            throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} type={reg.Type.KernelName()} expected={expected}");
        }
    }

    private void ExpectMemory(int regno, RegState reg, int pc) =>
        Expect(reg.Type is RegType.Stack or RegType.Packet or RegType.PacketMeta or RegType.MapValue or RegType.Mem,
            regno, reg, "fp, pkt, pkt_meta, map_value, ringbuf_mem", pc);

    private void CheckSizeArg(int regno, RegState reg, bool zeroOk, ref CallArgs call, int pc)
    {
        Expect(reg.Type == RegType.Scalar, regno, reg, "scalar", pc);
        var v = reg.Var;
        if (v.SMin < 0)
        {
            throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} min value is negative, either use unsigned or 'var &= const'");
        }
        if (v.UMin == 0 && !zeroOk)
        {
            throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} invalid zero-sized read: u64=[{v.UMin},{v.UMax}]");
        }
        if (v.UMax >= MaxMemSize)
        {
            throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} unbounded memory access, use 'var &= const' or 'if (var < const)'");
        }
        if (call.MemRegNo == 0)
        {
            if (v.UMax != 0 && !call.MemMaybeNull)
            {
                throw Error(VerifierErrorKind.InvalidHelperArgument, pc, $"R{regno} size without memory");
            }
            call.MemMaybeNull = false;
            return;
        }
        HelperMemory(call.MemRegNo, call.MemReg, (int)v.UMax, call.MemWritable, pc);
        call.MemRegNo = 0;
    }

    /// <summary>A helper reads or writes <paramref name="size"/> bytes at <paramref name="reg"/> (<c>check_helper_mem_access</c>).</summary>
    private void HelperMemory(int regno, RegState reg, int size, bool write, int pc)
    {
        switch (reg.Type)
        {
            case RegType.Stack:
                HelperStackAccess(regno, reg, size, write, pc);
                break;
            case RegType.Packet or RegType.PacketMeta:
                if (size > 0)
                {
                    CheckPacketAccess(regno, reg, 0, size, pc);
                }
                break;
            case RegType.MapValue:
                if (size > 0)
                {
                    CheckMapValueAccess(regno, reg, 0, size, write, pc, atomic: false);
                }
                break;
            case RegType.Mem:
                CheckBounded(regno, reg, 0, size, reg.MemSize, pc, VerifierErrorKind.MemoryOutOfBounds,
                    (off, sz) => $"invalid access to memory, mem_size={reg.MemSize} off={off} size={sz}");
                break;
        }
    }

    private void CheckMapCompatibility(HelperPrototype proto, Objects.MapSpec map, int pc)
    {
        var mapSideOk = HelperTable.HelpersForMap(map.Type) is not { } helpers || helpers.Contains(proto.Id);
        var funcSideOk = proto.MapTypes is not { } types ? !HelperTable.SpecialMaps.Contains(map.Type) : types.Contains(map.Type);
        if (!mapSideOk || !funcSideOk)
        {
            throw Error(VerifierErrorKind.MapHelperMismatch, pc, $"cannot pass map_type {(uint)map.Type} into func {proto.KernelName}#{proto.Id}");
        }
        if (map.Type is MapType.ArrayOfMaps or MapType.HashOfMaps)
        {
            throw Error(VerifierErrorKind.Unsupported, pc, "not supported yet: maps of maps");
        }
    }

    private int EnterSubprogram(Instruction insn, int pc)
    {
        var target = (int)(pc + insn.Imm + 1);
        if (_state.Frames.Count >= MaxCallFrames)
        {
            throw Error(VerifierErrorKind.InvalidCall, pc, $"the call stack of {_state.Frames.Count + 1} frames is too deep !");
        }
        if (_state.LockMap >= 0)
        {
            throw Error(VerifierErrorKind.SpinLock, pc, "function calls are not allowed while holding a lock");
        }
        var callee = new FuncState { CallSite = pc, SubprogStart = target };
        for (var r = 1; r <= 5; r++)
        {
            callee.Regs[r] = Regs[r];
        }
        callee.Regs[10] = RegState.Pointer(RegType.Stack);
        callee.Regs[10].Frame = _state.Frames.Count;
        for (var r = 0; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
        }
        _state.Frames.Add(callee);
        return target;
    }

    private int EnterCallback(int pc, int target, RegState callbackCtx, int iteration = 0)
    {
        if (_state.Frames.Count >= MaxCallFrames)
        {
            throw Error(VerifierErrorKind.InvalidCall, pc, $"the call stack of {_state.Frames.Count + 1} frames is too deep !");
        }
        var callee = new FuncState { CallSite = pc, SubprogStart = target, IsCallback = true, CallbackCtx = callbackCtx, CallbackIteration = iteration };
        callee.Regs[1] = RegState.ScalarOf(Scalar.UpTo(uint.MaxValue));
        callee.Regs[2] = callbackCtx;
        callee.Regs[10] = RegState.Pointer(RegType.Stack);
        callee.Regs[10].Frame = _state.Frames.Count;
        for (var r = 1; r <= 5; r++)
        {
            Regs[r] = RegState.NotInit;
        }
        _state.Frames.Add(callee);
        return target;
    }

    private int CheckExit(int pc)
    {
        var r0 = Read(Register.R0, pc);
        if (_state.Frames.Count > 1)
        {
            return ReturnFromSubprogram(r0, pc);
        }
        if (_state.Refs.Count > 0)
        {
            var leak = _state.Refs[0];
            throw Error(VerifierErrorKind.ReferenceLeak, pc, $"Unreleased reference id={leak.Id} alloc_insn={leak.AllocPc}");
        }
        if (_state.LockMap >= 0)
        {
            throw Error(VerifierErrorKind.SpinLock, pc, "bpf_spin_unlock is missing");
        }
        return -1;
    }

    private int ReturnFromSubprogram(RegState r0, int pc)
    {
        var callee = _state.Cur;
        var calleeIndex = _state.Frames.Count - 1;
        if (r0.Type == RegType.Stack && r0.Frame == calleeIndex)
        {
            throw Error(VerifierErrorKind.InvalidReturn, pc, "cannot return stack pointer to the caller");
        }
        if (callee.IsCallback)
        {
            if (r0.Type != RegType.Scalar || r0.Var.SMin < 0 || r0.Var.SMax > 1)
            {
                var range = r0.Type == RegType.Scalar ? $"smin={r0.Var.SMin} smax={r0.Var.SMax}" : r0.Type.KernelName();
                throw Error(VerifierErrorKind.InvalidReturn, pc, $"At callback return the register R0 has {range} should have been in [0, 1]");
            }
            _state.Frames.RemoveAt(calleeIndex);
            // Another iteration from the updated caller state, then the return to the caller after the helper.
            var again = _state.Clone();
            Widen(again);
            // The helper passes the same context again (not whatever r2 holds at the callback's exit).
            var ctx = callee.CallbackCtx;
            var save = _state;
            _state = again;
            var start = EnterCallback(callee.CallSite, callee.SubprogStart, ctx, callee.CallbackIteration + 1);
            var iteration = _state;
            _state = save;
            PushBranch(iteration, start, pc);
            Regs[0] = RegState.UnknownScalar;
            return callee.CallSite + 1;
        }
        _state.Frames.RemoveAt(calleeIndex);
        Regs[0] = r0;
        return callee.CallSite + 1;
    }

    /// <summary>Before another callback iteration, forgets the values of scalars in the callers' registers and stack so the iterations converge (a widening: sound, less precise).</summary>
    private static void Widen(VerifierState state)
    {
        foreach (var f in state.Frames)
        {
            for (var r = 0; r < f.Regs.Length; r++)
            {
                if (f.Regs[r].Type == RegType.Scalar)
                {
                    f.Regs[r] = RegState.UnknownScalar;
                }
            }
            var stack = f.Stack;
            for (var i = 0; i < stack.Bytes.Length; i++)
            {
                if (stack.Bytes[i] == StackByte.Zero)
                {
                    stack.Bytes[i] = StackByte.Misc;
                }
                else if (stack.Bytes[i] == StackByte.Spill && i % 8 == 0 && stack.Spills[i / 8].Type == RegType.Scalar)
                {
                    stack.Spills[i / 8] = RegState.UnknownScalar;
                }
            }
        }
    }

    /// <summary>The kernel's <c>check_max_stack_depth</c>: along every chain of calls, frames rounded up to 32 bytes must fit in 512.</summary>
    private int CheckCombinedStack()
    {
        var calls = new List<int>[_p.SubprogStarts.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = [];
        }
        for (var pc = 0; pc < _p.Length; pc++)
        {
            if (_p.Insns[pc] is not { } insn)
            {
                continue;
            }
            var isFunc = insn.Op.IsLoadImm64 && insn.Src.Index == (byte)PseudoSource.Func;
            if (insn.IsLocalCall || isFunc)
            {
                var target = (int)(pc + (insn.IsLocalCall ? insn.Imm : (int)(uint)insn.Imm) + 1);
                calls[_p.SubprogIndex(pc)].Add(_p.SubprogIndex(target));
            }
        }
        var best = 0;
        var bestPc = 0;
        void Walk(int s, int depth, int frames)
        {
            depth += RoundFrame(_subprogStack[s]);
            if (depth > best)
            {
                best = depth;
                bestPc = _p.SubprogStarts[s];
            }
            if (frames >= MaxCallFrames)
            {
                return;
            }
            foreach (var c in calls[s].Distinct())
            {
                Walk(c, depth, frames + 1);
            }
        }
        Walk(0, 0, 1);
        if (best > StackState.MaxSize)
        {
            throw Error(VerifierErrorKind.InvalidCall, bestPc, $"combined stack size of calls is {best}. Too large");
        }
        return _p.SubprogStarts.Length == 1 ? _subprogStack[0] : best;
    }

    private static int RoundFrame(int depth) => (Math.Max(depth, 1) + 31) / 32 * 32;
}
