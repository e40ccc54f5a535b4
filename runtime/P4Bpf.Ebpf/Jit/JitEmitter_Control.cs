using System.Reflection.Emit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

internal sealed unsafe partial class JitEmitter
{
    private void EmitInstruction(int pc, VmInsn* i)
    {
        var c = i->Code;
        var cls = c & 0x07;
        var handled = cls switch
        {
            4 or 7 => EmitAlu(i),
            1 => EmitLoad(i),
            2 or 3 when c is 0xc3 or 0xdb => EmitAtomicHandled(i),
            2 or 3 => EmitStore(i),
            0 when c == 0x18 => EmitLoadImm64(i),
            0 when c is 0x20 or 0x28 or 0x30 or 0x40 or 0x48 or 0x50 => EmitLegacyHandled(i),
            5 or 6 => EmitJump(pc, i),
            _ => false,
        };
        if (!handled)
        {
            EmitThrowInvalid(pc, c);
        }
    }

    private bool EmitAtomicHandled(VmInsn* i)
    {
        EmitAtomic(i);
        return true;
    }

    private bool EmitLegacyHandled(VmInsn* i)
    {
        EmitLegacyPacketLoad(i);
        return true;
    }

    private bool EmitLoadImm64(VmInsn* i)
    {
        LdcI8(i->Imm);
        St(i->Dst);
        return true;
    }

    private bool EmitJump(int pc, VmInsn* i)
    {
        var c = i->Code;
        switch (c)
        {
            case 0x05 or 0x06:
                _il.Emit(OpCodes.Br, BranchLabel(pc, pc + 1 + i->Off));
                return true;
            case 0x95:
                _il.Emit(OpCodes.Br, _exit);
                return true;
            case 0x85 when i->Src == 0:
                EmitHelperCall(pc, i->Imm);
                return true;
            case 0x85 when i->Src == 1:
                EmitLocalCall(pc, pc + 1 + i->Off);
                return true;
            case 0x8d:
                EmitCallX(pc, i->Dst);
                return true;
        }
        if (!JitPlan.IsConditional(c))
        {
            return false;
        }
        var is32 = (c & 0x07) == 6;
        var reg = (c & 0x08) != 0;
        Ld(i->Dst);
        if (is32)
        {
            _il.Emit(OpCodes.Conv_U4);
        }
        if (reg)
        {
            Ld(i->Src);
            if (is32)
            {
                _il.Emit(OpCodes.Conv_U4);
            }
        }
        else if (is32)
        {
            LdcI4((int)i->Imm);
        }
        else
        {
            LdcI8(i->Imm);
        }
        var target = BranchLabel(pc, pc + 1 + i->Off);
        switch (c & 0xf0)
        {
            case 0x10: _il.Emit(OpCodes.Beq, target); break;
            case 0x20: _il.Emit(OpCodes.Bgt_Un, target); break;
            case 0x30: _il.Emit(OpCodes.Bge_Un, target); break;
            case 0x40: _il.Emit(OpCodes.And); _il.Emit(OpCodes.Brtrue, target); break;
            case 0x50: _il.Emit(OpCodes.Bne_Un, target); break;
            case 0x60: _il.Emit(OpCodes.Bgt, target); break;
            case 0x70: _il.Emit(OpCodes.Bge, target); break;
            case 0xa0: _il.Emit(OpCodes.Blt_Un, target); break;
            case 0xb0: _il.Emit(OpCodes.Ble_Un, target); break;
            case 0xc0: _il.Emit(OpCodes.Blt, target); break;
            default: _il.Emit(OpCodes.Ble, target); break; // 0xd0
        }
        return true;
    }

    /// <summary>Records the PC of a helper call so a helper fault can name it (one store; the run's catch reads it).</summary>
    private void MarkHelperPc(int pc)
    {
        _il.Emit(OpCodes.Ldarg, ArgRf);
        LdcI4(JitFrame.HelperPc * 8);
        _il.Emit(OpCodes.Add);
        LdcI8(pc);
        _il.Emit(OpCodes.Stind_I8);
    }

    private void EmitHelperCall(int pc, long id)
    {
        var binding = _binder.Bind(id);
        if (binding is null)
        {
            _il.Emit(OpCodes.Ldc_I4, pc);
            LdcI8(id);
            _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.ThrowUnknownHelper)));
            _il.Emit(OpCodes.Ret);
            return;
        }
        MarkHelperPc(pc);
        if (CallbackSite.TakesCallbacks((ulong)id))
        {
            EmitCallbackSite();
        }
        var (kind, index, method) = binding.Value;
        if (kind == HelperCallKind.Instance)
        {
            _il.Emit(OpCodes.Ldarg, ArgCode);
            _il.Emit(OpCodes.Ldfld, typeof(JitCode).GetField(nameof(JitCode.Targets))!);
            LdcI4(index);
            _il.Emit(OpCodes.Ldelem_Ref);
        }
        else if (kind == HelperCallKind.Delegate)
        {
            _il.Emit(OpCodes.Ldarg, ArgCode);
            _il.Emit(OpCodes.Ldfld, typeof(JitCode).GetField(nameof(JitCode.Delegates))!);
            LdcI4(index);
            _il.Emit(OpCodes.Ldelem_Ref);
        }
        for (var k = 1; k <= 5; k++)
        {
            Ld(k);
        }
        _il.Emit(OpCodes.Ldarg, ArgCtx);
        _il.Emit(kind == HelperCallKind.Delegate ? OpCodes.Callvirt : OpCodes.Call, method);
        St(0);
        EmitTailCallCheck();
    }

    /// <summary>Before a helper that may run callbacks (bpf_loop): records this function's code, register file, frame and depth.</summary>
    private void EmitCallbackSite()
    {
        _il.Emit(OpCodes.Ldarg, ArgCode);
        _il.Emit(OpCodes.Ldarg, ArgRf);
        _il.Emit(OpCodes.Ldarg, ArgCtx);
        Ld(10);
        _il.Emit(OpCodes.Ldarg, ArgDepth);
        _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.SetCallbackSite)));
    }

    private void EmitCallX(int pc, int dst)
    {
        MarkHelperPc(pc);
        EmitCallbackSite();
        _il.Emit(OpCodes.Ldarg, ArgCode);
        Ld(dst);
        for (var k = 1; k <= 5; k++)
        {
            Ld(k);
        }
        _il.Emit(OpCodes.Ldarg, ArgCtx);
        LdcI4(pc);
        _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.CallX)));
        St(0);
        EmitTailCallCheck();
    }

    /// <summary>After a helper: a requested tail call ends this function (the dispatcher runs the next program).</summary>
    private void EmitTailCallCheck()
    {
        _usesTailExit = true;
        _il.Emit(OpCodes.Ldarg, ArgCtx);
        _il.Emit(OpCodes.Call, typeof(VmRunContext).GetProperty(nameof(VmRunContext.PendingTailCall))!.GetMethod!);
        _il.Emit(OpCodes.Brtrue, _tailExit);
    }

    /// <summary>bpf-to-bpf call: r0–r9 and the callee's r10 (512 bytes lower) go through the register file; r6–r10 stay in
    /// this function's locals, r0–r5 come back.</summary>
    private void EmitLocalCall(int pc, int target)
    {
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Ldarg, ArgDepth);
        LdcI4(InterpreterOptions.MaxCallFrames - 1);
        _il.Emit(OpCodes.Blt, ok);
        LdcI4(pc);
        _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.ThrowCallDepth)));
        _il.Emit(OpCodes.Ret);
        _il.MarkLabel(ok);
        for (var k = 0; k <= 9; k++)
        {
            StoreRf(k, _r[k]);
        }
        _il.Emit(OpCodes.Ldarg, ArgRf);
        LdcI4(10 * 8);
        _il.Emit(OpCodes.Add);
        Ld(10);
        LdcI8(InterpreterOptions.StackFrameSize);
        _il.Emit(OpCodes.Sub);
        _il.Emit(OpCodes.Stind_I8);

        _il.Emit(OpCodes.Ldarg, ArgCode);
        _il.Emit(OpCodes.Ldarg, ArgRf);
        _il.Emit(OpCodes.Ldarg, ArgCtx);
        _il.Emit(OpCodes.Ldarg, ArgDepth);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Call, _plan.ByEntry[target].Method);

        // A pending tail call or an abort left a status.
        var reload = _il.DefineLabel();
        LoadRf(JitFrame.Status);
        _il.Emit(OpCodes.Brfalse, reload);
        _il.Emit(OpCodes.Ldarg, ArgCode);
        _il.Emit(OpCodes.Ldarg, ArgRf);
        _il.Emit(OpCodes.Ldarg, ArgCtx);
        _il.Emit(OpCodes.Ldarg, ArgDepth);
        _il.Emit(OpCodes.Ldc_I4_1);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.AfterCall)));
        _il.Emit(OpCodes.Brfalse, reload);
        _il.Emit(OpCodes.Ret);
        _il.MarkLabel(reload);
        for (var k = 0; k <= 5; k++)
        {
            LoadRf(k);
            St(k);
        }
    }
}
