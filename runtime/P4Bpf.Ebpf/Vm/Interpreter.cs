using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace P4Bpf.Ebpf.Vm;

/// <summary>Executes a <see cref="VmProgram"/>: one loop over pre-decoded slots with the RFC 9669 semantics spelled out per opcode.</summary>
/// <remarks>
/// Registers hold real 64-bit addresses; loads and stores dereference them directly, after a region check in checked mode.
/// bpf-to-bpf calls get a fresh 512-byte frame (r10 moves down), keep r6–r9, and may nest up to <see cref="InterpreterOptions.MaxCallFrames"/> frames.
/// A helper may request a tail call through <see cref="VmRunContext.RequestTailCall"/>; it replaces the current frame's program when the helper returns.
/// Thread-safe when each thread uses its own <see cref="VmRunContext"/>.
/// </remarks>
public sealed unsafe class Interpreter(HelperTable helpers, InterpreterOptions? options = null) : ICallbackHost
{
    public HelperTable Helpers { get; } = helpers;

    public InterpreterOptions Options { get; } = options ?? InterpreterOptions.Default;

    /// <summary>Runs <paramref name="program"/> with r1/r2 set and r10 at the top of the context's stack; returns r0.</summary>
    /// <exception cref="VmException">The run faulted; <see cref="VmErrorKind.NotVerified"/> when <see cref="InterpreterOptions.RequireVerified"/>
    /// is set and the program (or a tail-call target) is not verified.</exception>
    public ulong Run(VmProgram program, VmRunContext context, ulong r1 = 0, ulong r2 = 0)
    {
        if (Options.RequireVerified && !program.IsVerified)
        {
            ThrowHelper.NotVerified(program.Name);
        }
        context.BeginRun(Options.CheckedMemory, Options.RequireVerified);
        try
        {
            ulong* regs = stackalloc ulong[16];
            regs[1] = r1;
            regs[2] = r2;
            regs[10] = (ulong)context.StackTop;
            context.RemainingBudget = Options.InstructionBudget;
            var r0 = Execute(program, context, regs, 0, 0);
            context.InstructionCount = Options.InstructionBudget - context.RemainingBudget;
            return r0;
        }
        finally
        {
            context.EndRun();
        }
    }

    /// <summary>Runs from <paramref name="pc"/> with <paramref name="baseDepth"/> frames below until the function at that depth exits;
    /// the budget left is in <see cref="VmRunContext.RemainingBudget"/> before and after.</summary>
    private ulong Execute(VmProgram program, VmRunContext ctx, ulong* regs, int pc, int baseDepth)
    {
        var frames = ctx.Frames;
        var depth = baseDepth;
        var current = program;
        var code = program.Code;
        var check = Options.CheckedMemory;
        var budget = ctx.RemainingBudget;
        while (true)
        {
            if (--budget < 0)
            {
                ThrowHelper.Budget(pc, Options.InstructionBudget);
            }
            VmInsn* i = code + pc;
            pc++;
            switch (i->Code)
            {
                // ---- ALU (32-bit): operate on the low halves, zero-extend the result ----
                case 0x04: regs[i->Dst] = (uint)((uint)regs[i->Dst] + (uint)i->Imm); continue;
                case 0x0c: regs[i->Dst] = (uint)((uint)regs[i->Dst] + (uint)regs[i->Src]); continue;
                case 0x14: regs[i->Dst] = (uint)((uint)regs[i->Dst] - (uint)i->Imm); continue;
                case 0x1c: regs[i->Dst] = (uint)((uint)regs[i->Dst] - (uint)regs[i->Src]); continue;
                case 0x24: regs[i->Dst] = (uint)((uint)regs[i->Dst] * (uint)i->Imm); continue;
                case 0x2c: regs[i->Dst] = (uint)((uint)regs[i->Dst] * (uint)regs[i->Src]); continue;
                case 0x34: regs[i->Dst] = Div32(regs[i->Dst], (uint)i->Imm, i->Aux); continue;
                case 0x3c: regs[i->Dst] = Div32(regs[i->Dst], (uint)regs[i->Src], i->Aux); continue;
                case 0x44: regs[i->Dst] = (uint)regs[i->Dst] | (uint)i->Imm; continue;
                case 0x4c: regs[i->Dst] = (uint)regs[i->Dst] | (uint)regs[i->Src]; continue;
                case 0x54: regs[i->Dst] = (uint)regs[i->Dst] & (uint)i->Imm; continue;
                case 0x5c: regs[i->Dst] = (uint)regs[i->Dst] & (uint)regs[i->Src]; continue;
                case 0x64: regs[i->Dst] = (uint)regs[i->Dst] << (int)(i->Imm & 31); continue;
                case 0x6c: regs[i->Dst] = (uint)regs[i->Dst] << (int)(regs[i->Src] & 31); continue;
                case 0x74: regs[i->Dst] = (uint)regs[i->Dst] >> (int)(i->Imm & 31); continue;
                case 0x7c: regs[i->Dst] = (uint)regs[i->Dst] >> (int)(regs[i->Src] & 31); continue;
                case 0x84: regs[i->Dst] = (uint)(0 - (uint)regs[i->Dst]); continue;
                case 0x94: regs[i->Dst] = Mod32(regs[i->Dst], (uint)i->Imm, i->Aux); continue;
                case 0x9c: regs[i->Dst] = Mod32(regs[i->Dst], (uint)regs[i->Src], i->Aux); continue;
                case 0xa4: regs[i->Dst] = (uint)regs[i->Dst] ^ (uint)i->Imm; continue;
                case 0xac: regs[i->Dst] = (uint)regs[i->Dst] ^ (uint)regs[i->Src]; continue;
                case 0xb4: regs[i->Dst] = (uint)i->Imm; continue;
                case 0xbc:
                    regs[i->Dst] = i->Aux switch
                    {
                        0 => (uint)regs[i->Src],
                        8 => (uint)(int)(sbyte)regs[i->Src],
                        _ => (uint)(int)(short)regs[i->Src],
                    };
                    continue;
                case 0xc4: regs[i->Dst] = (uint)((int)(uint)regs[i->Dst] >> (int)(i->Imm & 31)); continue;
                case 0xcc: regs[i->Dst] = (uint)((int)(uint)regs[i->Dst] >> (int)(regs[i->Src] & 31)); continue;
                case 0xd4: // to little endian: truncate on a little-endian host
                    regs[i->Dst] = i->Imm switch { 16 => (ushort)regs[i->Dst], 32 => (uint)regs[i->Dst], _ => regs[i->Dst] };
                    continue;
                case 0xdc: // to big endian
                case 0xd7: // bswap (ALU64, unconditional)
                    regs[i->Dst] = i->Imm switch
                    {
                        16 => BinaryPrimitives.ReverseEndianness((ushort)regs[i->Dst]),
                        32 => BinaryPrimitives.ReverseEndianness((uint)regs[i->Dst]),
                        _ => BinaryPrimitives.ReverseEndianness(regs[i->Dst]),
                    };
                    continue;

                // ---- ALU64: immediates are sign-extended to 64 bits ----
                case 0x07: regs[i->Dst] += (ulong)i->Imm; continue;
                case 0x0f: regs[i->Dst] += regs[i->Src]; continue;
                case 0x17: regs[i->Dst] -= (ulong)i->Imm; continue;
                case 0x1f: regs[i->Dst] -= regs[i->Src]; continue;
                case 0x27: regs[i->Dst] *= (ulong)i->Imm; continue;
                case 0x2f: regs[i->Dst] *= regs[i->Src]; continue;
                case 0x37: regs[i->Dst] = Div64(regs[i->Dst], (ulong)i->Imm, i->Aux); continue;
                case 0x3f: regs[i->Dst] = Div64(regs[i->Dst], regs[i->Src], i->Aux); continue;
                case 0x47: regs[i->Dst] |= (ulong)i->Imm; continue;
                case 0x4f: regs[i->Dst] |= regs[i->Src]; continue;
                case 0x57: regs[i->Dst] &= (ulong)i->Imm; continue;
                case 0x5f: regs[i->Dst] &= regs[i->Src]; continue;
                case 0x67: regs[i->Dst] <<= (int)(i->Imm & 63); continue;
                case 0x6f: regs[i->Dst] <<= (int)(regs[i->Src] & 63); continue;
                case 0x77: regs[i->Dst] >>= (int)(i->Imm & 63); continue;
                case 0x7f: regs[i->Dst] >>= (int)(regs[i->Src] & 63); continue;
                case 0x87: regs[i->Dst] = 0 - regs[i->Dst]; continue;
                case 0x97: regs[i->Dst] = Mod64(regs[i->Dst], (ulong)i->Imm, i->Aux); continue;
                case 0x9f: regs[i->Dst] = Mod64(regs[i->Dst], regs[i->Src], i->Aux); continue;
                case 0xa7: regs[i->Dst] ^= (ulong)i->Imm; continue;
                case 0xaf: regs[i->Dst] ^= regs[i->Src]; continue;
                case 0xb7: regs[i->Dst] = (ulong)i->Imm; continue;
                case 0xbf:
                    regs[i->Dst] = i->Aux switch
                    {
                        0 => regs[i->Src],
                        8 => (ulong)(long)(sbyte)regs[i->Src],
                        16 => (ulong)(long)(short)regs[i->Src],
                        _ => (ulong)(long)(int)regs[i->Src],
                    };
                    continue;
                case 0xc7: regs[i->Dst] = (ulong)((long)regs[i->Dst] >> (int)(i->Imm & 63)); continue;
                case 0xcf: regs[i->Dst] = (ulong)((long)regs[i->Dst] >> (int)(regs[i->Src] & 63)); continue;

                // ---- 64-bit immediate load (pseudo sources were rejected by VmProgram) ----
                case 0x18: regs[i->Dst] = (ulong)i->Imm; pc++; continue;

                // ---- legacy packet loads: network byte order into r0; out of range ends the program with 0 ----
                case 0x20: case 0x28: case 0x30:
                case 0x40: case 0x48: case 0x50:
                    if (!LoadPacket(i, regs, ctx))
                    {
                        if (baseDepth > 0)
                        {
                            throw new VmException(VmErrorKind.Unsupported, pc - 1, $"not supported yet: a legacy packet load failing inside a callback (PC {pc - 1})");
                        }
                        ctx.RemainingBudget = budget;
                        return 0;
                    }
                    continue;

                // ---- loads ----
                case 0x61:
                {
                    var a = regs[i->Src] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 4, false)) ThrowHelper.OutOfBounds(pc - 1, a, 4, false);
                    regs[i->Dst] = Unsafe.ReadUnaligned<uint>((void*)a);
                    continue;
                }
                case 0x69:
                {
                    var a = regs[i->Src] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 2, false)) ThrowHelper.OutOfBounds(pc - 1, a, 2, false);
                    regs[i->Dst] = Unsafe.ReadUnaligned<ushort>((void*)a);
                    continue;
                }
                case 0x71:
                {
                    var a = regs[i->Src] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 1, false)) ThrowHelper.OutOfBounds(pc - 1, a, 1, false);
                    regs[i->Dst] = *(byte*)a;
                    continue;
                }
                case 0x79:
                {
                    var a = regs[i->Src] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 8, false)) ThrowHelper.OutOfBounds(pc - 1, a, 8, false);
                    regs[i->Dst] = Unsafe.ReadUnaligned<ulong>((void*)a);
                    continue;
                }
                case 0x81:
                {
                    var a = regs[i->Src] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 4, false)) ThrowHelper.OutOfBounds(pc - 1, a, 4, false);
                    regs[i->Dst] = (ulong)(long)Unsafe.ReadUnaligned<int>((void*)a);
                    continue;
                }
                case 0x89:
                {
                    var a = regs[i->Src] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 2, false)) ThrowHelper.OutOfBounds(pc - 1, a, 2, false);
                    regs[i->Dst] = (ulong)(long)Unsafe.ReadUnaligned<short>((void*)a);
                    continue;
                }
                case 0x91:
                {
                    var a = regs[i->Src] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 1, false)) ThrowHelper.OutOfBounds(pc - 1, a, 1, false);
                    regs[i->Dst] = (ulong)(long)*(sbyte*)a;
                    continue;
                }

                // ---- stores ----
                case 0x62: case 0x63:
                {
                    var a = regs[i->Dst] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 4, true)) ThrowHelper.OutOfBounds(pc - 1, a, 4, true);
                    Unsafe.WriteUnaligned((void*)a, (uint)(i->Code == 0x62 ? (ulong)i->Imm : regs[i->Src]));
                    continue;
                }
                case 0x6a: case 0x6b:
                {
                    var a = regs[i->Dst] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 2, true)) ThrowHelper.OutOfBounds(pc - 1, a, 2, true);
                    Unsafe.WriteUnaligned((void*)a, (ushort)(i->Code == 0x6a ? (ulong)i->Imm : regs[i->Src]));
                    continue;
                }
                case 0x72: case 0x73:
                {
                    var a = regs[i->Dst] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 1, true)) ThrowHelper.OutOfBounds(pc - 1, a, 1, true);
                    *(byte*)a = (byte)(i->Code == 0x72 ? (ulong)i->Imm : regs[i->Src]);
                    continue;
                }
                case 0x7a: case 0x7b:
                {
                    var a = regs[i->Dst] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 8, true)) ThrowHelper.OutOfBounds(pc - 1, a, 8, true);
                    Unsafe.WriteUnaligned((void*)a, i->Code == 0x7a ? (ulong)i->Imm : regs[i->Src]);
                    continue;
                }
                case 0xc3:
                {
                    var a = regs[i->Dst] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 4, true)) ThrowHelper.OutOfBounds(pc - 1, a, 4, true);
                    Atomic32(i, regs, (int*)a);
                    continue;
                }
                case 0xdb:
                {
                    var a = regs[i->Dst] + (ulong)i->Off;
                    if (check && !ctx.IsAccessible(a, 8, true)) ThrowHelper.OutOfBounds(pc - 1, a, 8, true);
                    Atomic64(i, regs, (long*)a);
                    continue;
                }

                // ---- jumps (offsets are relative to the next slot) ----
                case 0x05: case 0x06: pc += i->Off; continue;
                case 0x15: if (regs[i->Dst] == (ulong)i->Imm) pc += i->Off; continue;
                case 0x1d: if (regs[i->Dst] == regs[i->Src]) pc += i->Off; continue;
                case 0x25: if (regs[i->Dst] > (ulong)i->Imm) pc += i->Off; continue;
                case 0x2d: if (regs[i->Dst] > regs[i->Src]) pc += i->Off; continue;
                case 0x35: if (regs[i->Dst] >= (ulong)i->Imm) pc += i->Off; continue;
                case 0x3d: if (regs[i->Dst] >= regs[i->Src]) pc += i->Off; continue;
                case 0x45: if ((regs[i->Dst] & (ulong)i->Imm) != 0) pc += i->Off; continue;
                case 0x4d: if ((regs[i->Dst] & regs[i->Src]) != 0) pc += i->Off; continue;
                case 0x55: if (regs[i->Dst] != (ulong)i->Imm) pc += i->Off; continue;
                case 0x5d: if (regs[i->Dst] != regs[i->Src]) pc += i->Off; continue;
                case 0x65: if ((long)regs[i->Dst] > i->Imm) pc += i->Off; continue;
                case 0x6d: if ((long)regs[i->Dst] > (long)regs[i->Src]) pc += i->Off; continue;
                case 0x75: if ((long)regs[i->Dst] >= i->Imm) pc += i->Off; continue;
                case 0x7d: if ((long)regs[i->Dst] >= (long)regs[i->Src]) pc += i->Off; continue;
                case 0xa5: if (regs[i->Dst] < (ulong)i->Imm) pc += i->Off; continue;
                case 0xad: if (regs[i->Dst] < regs[i->Src]) pc += i->Off; continue;
                case 0xb5: if (regs[i->Dst] <= (ulong)i->Imm) pc += i->Off; continue;
                case 0xbd: if (regs[i->Dst] <= regs[i->Src]) pc += i->Off; continue;
                case 0xc5: if ((long)regs[i->Dst] < i->Imm) pc += i->Off; continue;
                case 0xcd: if ((long)regs[i->Dst] < (long)regs[i->Src]) pc += i->Off; continue;
                case 0xd5: if ((long)regs[i->Dst] <= i->Imm) pc += i->Off; continue;
                case 0xdd: if ((long)regs[i->Dst] <= (long)regs[i->Src]) pc += i->Off; continue;

                // ---- JMP32: compare the low 32 bits ----
                case 0x16: if ((uint)regs[i->Dst] == (uint)i->Imm) pc += i->Off; continue;
                case 0x1e: if ((uint)regs[i->Dst] == (uint)regs[i->Src]) pc += i->Off; continue;
                case 0x26: if ((uint)regs[i->Dst] > (uint)i->Imm) pc += i->Off; continue;
                case 0x2e: if ((uint)regs[i->Dst] > (uint)regs[i->Src]) pc += i->Off; continue;
                case 0x36: if ((uint)regs[i->Dst] >= (uint)i->Imm) pc += i->Off; continue;
                case 0x3e: if ((uint)regs[i->Dst] >= (uint)regs[i->Src]) pc += i->Off; continue;
                case 0x46: if (((uint)regs[i->Dst] & (uint)i->Imm) != 0) pc += i->Off; continue;
                case 0x4e: if (((uint)regs[i->Dst] & (uint)regs[i->Src]) != 0) pc += i->Off; continue;
                case 0x56: if ((uint)regs[i->Dst] != (uint)i->Imm) pc += i->Off; continue;
                case 0x5e: if ((uint)regs[i->Dst] != (uint)regs[i->Src]) pc += i->Off; continue;
                case 0x66: if ((int)regs[i->Dst] > (int)i->Imm) pc += i->Off; continue;
                case 0x6e: if ((int)regs[i->Dst] > (int)regs[i->Src]) pc += i->Off; continue;
                case 0x76: if ((int)regs[i->Dst] >= (int)i->Imm) pc += i->Off; continue;
                case 0x7e: if ((int)regs[i->Dst] >= (int)regs[i->Src]) pc += i->Off; continue;
                case 0xa6: if ((uint)regs[i->Dst] < (uint)i->Imm) pc += i->Off; continue;
                case 0xae: if ((uint)regs[i->Dst] < (uint)regs[i->Src]) pc += i->Off; continue;
                case 0xb6: if ((uint)regs[i->Dst] <= (uint)i->Imm) pc += i->Off; continue;
                case 0xbe: if ((uint)regs[i->Dst] <= (uint)regs[i->Src]) pc += i->Off; continue;
                case 0xc6: if ((int)regs[i->Dst] < (int)i->Imm) pc += i->Off; continue;
                case 0xce: if ((int)regs[i->Dst] < (int)regs[i->Src]) pc += i->Off; continue;
                case 0xd6: if ((int)regs[i->Dst] <= (int)i->Imm) pc += i->Off; continue;
                case 0xde: if ((int)regs[i->Dst] <= (int)regs[i->Src]) pc += i->Off; continue;

                // ---- calls ----
                case 0x85:
                    if (i->Src == 0)
                    {
                        if (CallbackSite.TakesCallbacks((ulong)i->Imm))
                        {
                            ctx.RemainingBudget = budget;
                            regs[0] = CallCallbackHelper((ulong)i->Imm, regs, ctx, pc - 1, current, depth);
                            budget = ctx.RemainingBudget;
                        }
                        else
                        {
                            regs[0] = CallHelper((ulong)i->Imm, regs, ctx, pc - 1);
                        }
                        if (ctx.PendingTailCall is not null)
                        {
                            current = ctx.TakeTailCall()!;
                            code = current.Code;
                            pc = 0;
                        }
                        continue;
                    }
                    if (depth + 1 >= InterpreterOptions.MaxCallFrames)
                    {
                        ThrowHelper.CallDepth(pc - 1, InterpreterOptions.MaxCallFrames);
                    }
                    ref var f = ref frames[depth++];
                    f.Program = current;
                    f.ReturnPc = pc;
                    f.R6 = regs[6];
                    f.R7 = regs[7];
                    f.R8 = regs[8];
                    f.R9 = regs[9];
                    f.R10 = regs[10];
                    regs[10] -= InterpreterOptions.StackFrameSize;
                    pc += i->Off;
                    continue;
                case 0x8d:
                    if (CallbackSite.TakesCallbacks(regs[i->Dst]))
                    {
                        ctx.RemainingBudget = budget;
                        regs[0] = CallCallbackHelper(regs[i->Dst], regs, ctx, pc - 1, current, depth);
                        budget = ctx.RemainingBudget;
                    }
                    else
                    {
                        regs[0] = CallHelper(regs[i->Dst], regs, ctx, pc - 1);
                    }
                    if (ctx.PendingTailCall is not null)
                    {
                        current = ctx.TakeTailCall()!;
                        code = current.Code;
                        pc = 0;
                    }
                    continue;
                case 0x95:
                    if (depth == baseDepth)
                    {
                        ctx.RemainingBudget = budget;
                        return regs[0];
                    }
                    ref var back = ref frames[--depth];
                    current = back.Program;
                    code = current.Code;
                    pc = back.ReturnPc;
                    regs[6] = back.R6;
                    regs[7] = back.R7;
                    regs[8] = back.R8;
                    regs[9] = back.R9;
                    regs[10] = back.R10;
                    back.Program = null!;
                    continue;

                default:
                    ThrowHelper.InvalidInstruction(pc - 1, i->Code, current.SlotCount);
                    return 0;
            }
        }
    }

    /// <summary>A helper that may run callbacks: it gets the calling frame (the caller keeps the budget in the context around it).</summary>
    private ulong CallCallbackHelper(ulong id, ulong* regs, VmRunContext ctx, int pc, VmProgram current, int depth)
    {
        ctx.CallbackSite = new CallbackSite(this, current, null, regs[10] - InterpreterOptions.StackFrameSize, depth);
        return CallHelper(id, regs, ctx, pc);
    }

    /// <summary>Runs a callback (bpf_loop) on a fresh frame one deeper than the site, sharing the run's budget.</summary>
    ulong ICallbackHost.RunCallback(in CallbackSite site, VmRunContext context, int slot, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5)
    {
        var program = (VmProgram)site.Code;
        if ((uint)slot >= (uint)program.SlotCount)
        {
            throw new VmException(VmErrorKind.HelperFault, -1, $"callback slot {slot} is outside program '{program.Name}'");
        }
        ulong* regs = stackalloc ulong[16];
        regs[1] = r1;
        regs[2] = r2;
        regs[3] = r3;
        regs[4] = r4;
        regs[5] = r5;
        regs[10] = site.FrameTop;
        return Execute(program, context, regs, slot, site.Depth + 1);
    }

    private ulong CallHelper(ulong id, ulong* regs, VmRunContext ctx, int pc)
    {
        var fn = Helpers.Lookup(id);
        if (fn is null)
        {
            ThrowHelper.UnknownHelper(pc, (long)id);
        }
        try
        {
            return fn(regs[1], regs[2], regs[3], regs[4], regs[5], ctx);
        }
        catch (VmException e) when (e.Pc < 0)
        {
            throw e.WithPc(pc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Div32(ulong dst, uint divisor, byte signed)
    {
        if (divisor == 0)
        {
            return 0;
        }
        if (signed == 0)
        {
            return (uint)dst / divisor;
        }
        var d = (int)(uint)dst;
        var s = (int)divisor;
        return s == -1 ? (uint)(0 - d) : (uint)(d / s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mod32(ulong dst, uint divisor, byte signed)
    {
        if (divisor == 0)
        {
            return (uint)dst;
        }
        if (signed == 0)
        {
            return (uint)dst % divisor;
        }
        var s = (int)divisor;
        return s == -1 ? 0 : (uint)((int)(uint)dst % s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Div64(ulong dst, ulong divisor, byte signed)
    {
        if (divisor == 0)
        {
            return 0;
        }
        if (signed == 0)
        {
            return dst / divisor;
        }
        var s = (long)divisor;
        return s == -1 ? 0 - dst : (ulong)((long)dst / s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mod64(ulong dst, ulong divisor, byte signed)
    {
        if (divisor == 0)
        {
            return dst;
        }
        if (signed == 0)
        {
            return dst % divisor;
        }
        var s = (long)divisor;
        return s == -1 ? 0 : (ulong)((long)dst % s);
    }

    private static void Atomic32(VmInsn* i, ulong* regs, int* p)
    {
        var v = (int)regs[i->Src];
        int old;
        switch (i->Aux)
        {
            case 0x00: case 0x01: old = Interlocked.Add(ref *p, v) - v; break;
            case 0x40: case 0x41: old = Interlocked.Or(ref *p, v); break;
            case 0x50: case 0x51: old = Interlocked.And(ref *p, v); break;
            case 0xa0: case 0xa1:
                do
                {
                    old = Volatile.Read(ref *p);
                }
                while (Interlocked.CompareExchange(ref *p, old ^ v, old) != old);
                break;
            case 0xe1: old = Interlocked.Exchange(ref *p, v); break;
            default: // 0xf1 cmpxchg: compare with w0, old value into r0 (zero-extended)
                regs[0] = (uint)Interlocked.CompareExchange(ref *p, v, (int)regs[0]);
                return;
        }
        if ((i->Aux & 0x01) != 0)
        {
            regs[i->Src] = (uint)old;
        }
    }

    private static void Atomic64(VmInsn* i, ulong* regs, long* p)
    {
        var v = (long)regs[i->Src];
        long old;
        switch (i->Aux)
        {
            case 0x00: case 0x01: old = Interlocked.Add(ref *p, v) - v; break;
            case 0x40: case 0x41: old = Interlocked.Or(ref *p, v); break;
            case 0x50: case 0x51: old = Interlocked.And(ref *p, v); break;
            case 0xa0: case 0xa1:
                do
                {
                    old = Volatile.Read(ref *p);
                }
                while (Interlocked.CompareExchange(ref *p, old ^ v, old) != old);
                break;
            case 0xe1: old = Interlocked.Exchange(ref *p, v); break;
            default: // 0xf1 cmpxchg: compare with r0, old value into r0
                regs[0] = (ulong)Interlocked.CompareExchange(ref *p, v, (long)regs[0]);
                return;
        }
        if ((i->Aux & 0x01) != 0)
        {
            regs[i->Src] = (ulong)old;
        }
    }

    /// <summary>LD_ABS/LD_IND: r0 = ntoh(packet[off]) where off = imm (+ src); false when the access is outside the packet.</summary>
    private static bool LoadPacket(VmInsn* i, ulong* regs, VmRunContext ctx)
    {
        var size = (i->Code & 0x18) switch { 0x00 => 4, 0x08 => 2, _ => 1 };
        var offset = (long)(int)i->Imm;
        if ((i->Code & 0xe0) == 0x40)
        {
            offset += (long)(int)(uint)regs[i->Src];
        }
        var length = (long)(ctx.PacketEnd - ctx.PacketData);
        if (ctx.PacketData == 0 || offset < 0 || offset + size > length)
        {
            return false;
        }
        var a = (byte*)ctx.PacketData + offset;
        regs[0] = size switch
        {
            4 => BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(a, 4)),
            2 => BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(a, 2)),
            _ => *a,
        };
        return true;
    }
}
