using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Maps;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>The checks that need no abstract state, driven by <see cref="OpcodeTable"/>: decoding, fields, jumps, subprograms, reachability, loops, and the profile's static limits.</summary>
internal static class StructuralCheck
{
    public static ProgramInfo Run(VerifierInput input, VerifierOptions options, ProgramType type)
    {
        var profile = options.Profile;
        CheckProfileStatics(input, profile, type);
        var insns = Decode(input, profile);
        foreach (var (insn, pc) in Enumerate(insns))
        {
            CheckFields(insn, pc, insns, input, type);
        }
        var subprogs = FindSubprograms(insns, profile, out var callbacks);
        CheckJumps(insns, subprogs);
        var prune = new bool[insns.Length];
        CheckControlFlow(insns, subprogs, callbacks, profile, prune);
        var live = Liveness.Compute(insns);
        return new ProgramInfo
        {
            Insns = insns,
            Type = type,
            Maps = input.Maps,
            SubprogStarts = subprogs,
            PrunePoints = prune,
            LiveIn = live,
            CallbackStarts = callbacks,
        };
    }

    private static IEnumerable<(Instruction Insn, int Pc)> Enumerate(Instruction?[] insns)
    {
        for (var pc = 0; pc < insns.Length; pc++)
        {
            if (insns[pc] is { } insn)
            {
                yield return (insn, pc);
            }
        }
    }

    private static void CheckProfileStatics(VerifierInput input, VerifierProfile profile, ProgramType type)
    {
        var smart = profile.IsSmartNic;
        if (type is not (ProgramType.Xdp or ProgramType.SchedCls or ProgramType.SchedAct or ProgramType.SocketFilter))
        {
            throw new VerifierException(VerifierErrorKind.Unsupported, 0, $"not supported yet: program type {type} (xdp, sched_cls, sched_act and socket_filter are modelled)");
        }
        if (profile.ProgramTypes is { } types && !types.Contains(type))
        {
            throw new VerifierException(smart ? VerifierErrorKind.NotOffloadable : VerifierErrorKind.Unsupported, 0,
                $"{profile.Name} offload: program type {ProgramTypeName(type)} does not offload (only {string.Join(", ", types.Select(ProgramTypeName))})");
        }
        for (var i = 0; i < input.Maps.Count; i++)
        {
            var map = input.Maps[i];
            if (profile.MapTypes is { } maps && !maps.Contains(map.Type))
            {
                throw new VerifierException(VerifierErrorKind.NotOffloadable, 0,
                    $"{profile.Name} offload: map '{map.Name}' of type {MapTypeName(map.Type)} does not offload (hash and array maps only)");
            }
            if (profile.MaxMapEntries != 0 && map.MaxEntries > profile.MaxMapEntries)
            {
                throw new VerifierException(VerifierErrorKind.NotOffloadable, 0,
                    $"{profile.Name} offload: map '{map.Name}' has {map.MaxEntries} entries, more than the {profile.MaxMapEntries} the device holds");
            }
            if (profile.MaxMapValueSize != 0 && map.ValueSize > profile.MaxMapValueSize)
            {
                throw new VerifierException(VerifierErrorKind.NotOffloadable, 0,
                    $"{profile.Name} offload: map '{map.Name}' value size {map.ValueSize} is larger than {profile.MaxMapValueSize} bytes");
            }
        }
        var slots = input.Bytecode.Length / 8;
        if (input.Bytecode.Length == 0)
        {
            throw new VerifierException(VerifierErrorKind.ProgramTooLarge, 0, "BPF program is empty");
        }
        if (slots > profile.MaxInstructions)
        {
            throw new VerifierException(smart ? VerifierErrorKind.NotOffloadable : VerifierErrorKind.ProgramTooLarge, 0,
                smart
                    ? $"{profile.Name} offload: program of {slots} insns is larger than the {profile.MaxInstructions} the device holds"
                    : $"BPF program is too large. {slots} insns, limit {profile.MaxInstructions}");
        }
    }

    public static string ProgramTypeName(ProgramType type) => type switch
    {
        ProgramType.Xdp => "xdp",
        ProgramType.SchedCls => "sched_cls",
        ProgramType.SchedAct => "sched_act",
        ProgramType.SocketFilter => "socket_filter",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static string MapTypeName(MapType type) => type switch
    {
        MapType.LpmTrie => "lpm_trie",
        MapType.PercpuArray => "percpu_array",
        MapType.PercpuHash => "percpu_hash",
        MapType.LruHash => "lru_hash",
        MapType.ProgArray => "prog_array",
        MapType.PerfEventArray => "perf_event_array",
        MapType.Ringbuf => "ringbuf",
        MapType.DevmapHash => "devmap_hash",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static Instruction?[] Decode(VerifierInput input, VerifierProfile profile)
    {
        var bytes = input.Bytecode.AsSpan();
        if (bytes.Length % 8 != 0)
        {
            throw new VerifierException(VerifierErrorKind.InvalidInstruction, bytes.Length / 8, $"truncated instruction: {bytes.Length % 8} trailing byte(s)");
        }
        var n = bytes.Length / 8;
        var insns = new Instruction?[n];
        for (var pc = 0; pc < n;)
        {
            Instruction insn;
            try
            {
                insn = InstructionDecoder.DecodeOne(bytes, pc);
            }
            catch (IsaException e)
            {
                throw new VerifierException(VerifierErrorKind.InvalidInstruction, e.Pc, KernelDecodeMessage(e, bytes));
            }
            insns[pc] = insn;
            pc += insn.Width;
        }
        return insns;
    }

    private static string KernelDecodeMessage(IsaException e, ReadOnlySpan<byte> bytes)
    {
        var at = e.Message.LastIndexOf(" at PC ", StringComparison.Ordinal);
        var text = at < 0 ? e.Message : e.Message[..at];
        return e.Kind switch
        {
            IsaErrorKind.UnknownOpcode => $"unknown opcode {bytes[e.Pc * 8]:x2}",
            IsaErrorKind.IncompleteLddw => "invalid bpf_ld_imm64 insn",
            IsaErrorKind.InvalidLddwSecondHalf => "invalid bpf_ld_imm64 insn",
            _ => text,
        };
    }

    private static void CheckFields(Instruction insn, int pc, Instruction?[] insns, VerifierInput input, ProgramType type)
    {
        var info = insn.Info;
        var op = insn.Op;
        switch (info.Shape)
        {
            case OperandShape.AluImm or OperandShape.AluReg or OperandShape.AluUnary or OperandShape.Endian or OperandShape.Load or OperandShape.LoadSx or OperandShape.LoadImm64
                when insn.Dst.Index == 10:
                throw new VerifierException(VerifierErrorKind.FramePointerWrite, pc, "frame pointer is read only");
        }
        if (info.Shape == OperandShape.AluImm)
        {
            var bits = op.Class == OpClass.Alu64 ? 64 : 32;
            var baseOp = (AluOp)(op.Raw & 0xf0);
            if (baseOp is AluOp.Lsh or AluOp.Rsh or AluOp.Arsh && (insn.Imm < 0 || insn.Imm >= bits))
            {
                throw new VerifierException(VerifierErrorKind.InvalidShift, pc, $"invalid shift {insn.Imm}");
            }
            if (baseOp is AluOp.Div or AluOp.Mod && insn.Imm == 0)
            {
                throw new VerifierException(VerifierErrorKind.InvalidShift, pc, "div by zero");
            }
        }
        switch (info.Shape)
        {
            case OperandShape.LoadAbs or OperandShape.LoadInd when type is not (ProgramType.SocketFilter or ProgramType.SchedCls or ProgramType.SchedAct):
                throw new VerifierException(VerifierErrorKind.InvalidInstruction, pc, "BPF_LD_[ABS|IND] instructions not allowed for this program type");
            case OperandShape.CallX:
                throw new VerifierException(VerifierErrorKind.Unsupported, pc, "not supported yet: callx");
            case OperandShape.Call when insn.Src.Index == (byte)CallKind.Kfunc:
                throw new VerifierException(VerifierErrorKind.Unsupported, pc, "not supported yet: calling kernel functions (kfuncs)");
            case OperandShape.LoadImm64:
                CheckLddw(insn, pc, input);
                break;
        }
    }

    private static void CheckLddw(Instruction insn, int pc, VerifierInput input)
    {
        var src = (PseudoSource)insn.Src.Index;
        var index = (int)(uint)insn.Imm;
        switch (src)
        {
            case PseudoSource.MapFd or PseudoSource.MapIdx or PseudoSource.MapValue or PseudoSource.MapIdxValue:
                if (index < 0 || index >= input.Maps.Count)
                {
                    throw new VerifierException(VerifierErrorKind.InvalidMapReference, pc, $"fd {index} is not pointing to valid bpf_map");
                }
                if (src is PseudoSource.MapValue or PseudoSource.MapIdxValue)
                {
                    var map = input.Maps[index];
                    var off = (uint)(insn.Imm >> 32);
                    if (map.Type != MapType.Array || map.MaxEntries != 1)
                    {
                        throw new VerifierException(VerifierErrorKind.InvalidMapReference, pc, "direct value access on this map type is not supported");
                    }
                    if (off >= map.ValueSize)
                    {
                        throw new VerifierException(VerifierErrorKind.InvalidMapReference, pc, $"invalid access to map value pointer, value_size={map.ValueSize} off={off}");
                    }
                }
                break;
            case PseudoSource.BtfId:
                throw new VerifierException(VerifierErrorKind.Unsupported, pc, "not supported yet: lddw of a kernel variable (BTF id)");
        }
    }

    private static int[] FindSubprograms(Instruction?[] insns, VerifierProfile profile, out HashSet<int> callbacks)
    {
        var starts = new SortedSet<int> { 0 };
        callbacks = [];
        foreach (var (insn, pc) in Enumerate(insns))
        {
            var isCall = insn.IsLocalCall;
            var isFunc = insn.Op.IsLoadImm64 && insn.Src.Index == (byte)PseudoSource.Func;
            if (!isCall && !isFunc)
            {
                continue;
            }
            if (!profile.AllowCalls)
            {
                throw new VerifierException(VerifierErrorKind.NotOffloadable, pc,
                    $"{profile.Name} offload: {(isCall ? "bpf-to-bpf call" : "callback function")} at insn {pc} does not offload");
            }
            var target = pc + (isCall ? insn.Imm : (int)(uint)insn.Imm) + 1;
            if (target < 0 || target >= insns.Length || insns[target] is null)
            {
                throw new VerifierException(VerifierErrorKind.InvalidCall, pc, isCall ? "call to invalid destination" : "invalid func destination");
            }
            starts.Add((int)target);
            if (isFunc)
            {
                callbacks.Add((int)target);
            }
        }
        return [.. starts];
    }

    private static void CheckJumps(Instruction?[] insns, int[] subprogs)
    {
        for (var s = 0; s < subprogs.Length; s++)
        {
            var start = subprogs[s];
            var end = s + 1 < subprogs.Length ? subprogs[s + 1] : insns.Length;
            for (var pc = start; pc < end; pc++)
            {
                if (insns[pc] is not { } insn)
                {
                    continue;
                }
                if (insn.IsBranch)
                {
                    var target = pc + insn.BranchOffset + 1;
                    if (target < start || target >= end)
                    {
                        throw new VerifierException(VerifierErrorKind.InvalidJump, pc, $"jump out of range from insn {pc} to {target}");
                    }
                    if (insns[target] is null)
                    {
                        throw new VerifierException(VerifierErrorKind.InvalidJump, pc, $"jump into the middle of ldimm64 insn {target - 1}");
                    }
                }
            }
            var last = end - 1;
            if (insns[last] is null && last > 0)
            {
                last--;
            }
            if (insns[last] is not { } lastInsn || !(lastInsn.Op.Raw == 0x95 || lastInsn.Info.Shape is OperandShape.Jump or OperandShape.JumpLong))
            {
                throw new VerifierException(VerifierErrorKind.FallOffEnd, end - 1, "last insn is not an exit or jmp");
            }
        }
    }

    /// <summary>Depth-first search as in the kernel's <c>check_cfg</c>: every instruction reachable, back-edges only where the profile allows loops; marks prune points.</summary>
    private static void CheckControlFlow(Instruction?[] insns, int[] subprogs, HashSet<int> callbacks, VerifierProfile profile, bool[] prune)
    {
        var n = insns.Length;
        var state = new byte[n]; // 0 unvisited, 1 on the DFS stack, 2 done
        var stack = new Stack<(int Pc, int Next)>();
        foreach (var entry in subprogs)
        {
            if (state[entry] != 0)
            {
                continue;
            }
            prune[entry] = true;
            stack.Push((entry, 0));
            state[entry] = 1;
            while (stack.Count > 0)
            {
                var (pc, next) = stack.Pop();
                var succ = Successors(insns, pc);
                if (next < succ.Count)
                {
                    stack.Push((pc, next + 1));
                    var t = succ[next];
                    if (state[t] == 1)
                    {
                        if (!profile.AllowLoops)
                        {
                            throw new VerifierException(profile.IsSmartNic ? VerifierErrorKind.NotOffloadable : VerifierErrorKind.Loop, pc,
                                (profile.IsSmartNic ? $"{profile.Name} offload: loops do not offload: " : "") + $"back-edge from insn {pc} to {t}");
                        }
                        prune[t] = true;
                    }
                    else if (state[t] == 0)
                    {
                        state[t] = 1;
                        stack.Push((t, 0));
                    }
                    continue;
                }
                state[pc] = 2;
            }
        }
        for (var pc = 0; pc < n; pc++)
        {
            if (insns[pc] is not { } insn)
            {
                continue;
            }
            if (state[pc] == 0)
            {
                throw new VerifierException(VerifierErrorKind.UnreachableInstruction, pc, $"unreachable insn {pc}");
            }
            if (insn.IsBranch || insn.Op.Raw == 0x85)
            {
                var succ = Successors(insns, pc);
                foreach (var t in succ)
                {
                    prune[t] = true;
                }
            }
        }
    }

    /// <summary>The intra-subprogram successors of an instruction (a call continues at the next one).</summary>
    public static List<int> Successors(Instruction?[] insns, int pc)
    {
        var insn = insns[pc]!.Value;
        var list = new List<int>(2);
        switch (insn.Info.Shape)
        {
            case OperandShape.Exit:
                break;
            case OperandShape.Jump or OperandShape.JumpLong:
                list.Add((int)(pc + insn.BranchOffset + 1));
                break;
            case OperandShape.CondImm or OperandShape.CondReg:
                list.Add(pc + 1);
                var t = (int)(pc + insn.BranchOffset + 1);
                if (t != pc + 1)
                {
                    list.Add(t);
                }
                break;
            default:
                if (pc + insn.Width < insns.Length)
                {
                    list.Add(pc + insn.Width);
                }
                break;
        }
        return list;
    }
}
