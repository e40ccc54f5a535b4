using System.Reflection.Emit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

internal sealed unsafe partial class JitEmitter
{
    /// <summary>Pushes <c>reg + off</c> as a native pointer (verified code: no bounds check).</summary>
    private void Address(int reg, int off)
    {
        Ld(reg);
        _il.Emit(OpCodes.Conv_U);
        if (off != 0)
        {
            LdcI4(off);
            _il.Emit(OpCodes.Conv_I);
            _il.Emit(OpCodes.Add);
        }
    }

    /// <summary>LDX and the sign-extending LDX (MEMSX).</summary>
    private bool EmitLoad(VmInsn* i)
    {
        var (load, widen, unaligned) = i->Code switch
        {
            0x61 => (OpCodes.Ldind_U4, OpCodes.Conv_U8, true),
            0x69 => (OpCodes.Ldind_U2, OpCodes.Conv_U8, true),
            0x71 => (OpCodes.Ldind_U1, OpCodes.Conv_U8, false),
            0x79 => (OpCodes.Ldind_I8, OpCodes.Nop, true),
            0x81 => (OpCodes.Ldind_I4, OpCodes.Conv_I8, true),
            0x89 => (OpCodes.Ldind_I2, OpCodes.Conv_I8, true),
            0x91 => (OpCodes.Ldind_I1, OpCodes.Conv_I8, false),
            _ => (OpCodes.Nop, OpCodes.Nop, false),
        };
        if (load == OpCodes.Nop)
        {
            return false;
        }
        Address(i->Src, i->Off);
        if (unaligned)
        {
            _il.Emit(OpCodes.Unaligned, (byte)1);
        }
        _il.Emit(load);
        if (widen != OpCodes.Nop)
        {
            _il.Emit(widen);
        }
        St(i->Dst);
        return true;
    }

    /// <summary>ST (immediate) and STX (register).</summary>
    private bool EmitStore(VmInsn* i)
    {
        var (store, wide) = (i->Code & ~1) switch
        {
            0x62 => (OpCodes.Stind_I4, false),
            0x6a => (OpCodes.Stind_I2, false),
            0x72 => (OpCodes.Stind_I1, false),
            0x7a => (OpCodes.Stind_I8, true),
            _ => (OpCodes.Nop, false),
        };
        if (store == OpCodes.Nop)
        {
            return false;
        }
        Address(i->Dst, i->Off);
        var fromReg = (i->Code & 1) != 0;
        if (wide)
        {
            if (fromReg) Ld(i->Src); else LdcI8(i->Imm);
        }
        else if (fromReg)
        {
            Ld(i->Src);
            _il.Emit(OpCodes.Conv_U4);
        }
        else
        {
            LdcI4((int)i->Imm);
        }
        if (store != OpCodes.Stind_I1)
        {
            _il.Emit(OpCodes.Unaligned, (byte)1);
        }
        _il.Emit(store);
        return true;
    }

    /// <summary>Atomic read-modify-write (0xc3 32-bit, 0xdb 64-bit) through <see cref="Interlocked"/>.</summary>
    private void EmitAtomic(VmInsn* i)
    {
        var is64 = i->Code == 0xdb;
        var (name, fetch) = i->Aux switch
        {
            0x00 or 0x01 => (is64 ? nameof(JitRuntime.Add64) : nameof(JitRuntime.Add32), i->Aux == 0x01),
            0x40 or 0x41 => (is64 ? nameof(JitRuntime.Or64) : nameof(JitRuntime.Or32), i->Aux == 0x41),
            0x50 or 0x51 => (is64 ? nameof(JitRuntime.And64) : nameof(JitRuntime.And32), i->Aux == 0x51),
            0xa0 or 0xa1 => (is64 ? nameof(JitRuntime.Xor64) : nameof(JitRuntime.Xor32), i->Aux == 0xa1),
            0xe1 => (is64 ? nameof(JitRuntime.Xchg64) : nameof(JitRuntime.Xchg32), true),
            _ => (is64 ? nameof(JitRuntime.CmpXchg64) : nameof(JitRuntime.CmpXchg32), false), // as the interpreter: every other value is cmpxchg
        };
        var cmpxchg = name.StartsWith("CmpXchg", StringComparison.Ordinal);
        Ld(i->Dst);
        if (i->Off != 0)
        {
            LdcI8(i->Off);
            _il.Emit(OpCodes.Add);
        }
        Ld(i->Src);
        if (cmpxchg)
        {
            Ld(0);
        }
        _il.Emit(OpCodes.Call, Runtime(name));
        if (cmpxchg)
        {
            St(0);
        }
        else if (fetch)
        {
            St(i->Src);
        }
        else
        {
            _il.Emit(OpCodes.Pop);
        }
    }

    /// <summary>LD_ABS / LD_IND: r0 = ntoh(packet[imm (+ src)]); outside the packet the whole run ends with r0 = 0.</summary>
    private void EmitLegacyPacketLoad(VmInsn* i)
    {
        var size = (i->Code & 0x18) switch { 0x00 => 4, 0x08 => 2, _ => 1 };
        _il.Emit(OpCodes.Ldarg, ArgCtx);
        LdcI8((int)i->Imm);
        if ((i->Code & 0xe0) == 0x40)
        {
            Ld(i->Src);
            _il.Emit(OpCodes.Conv_I4);
            _il.Emit(OpCodes.Conv_I8);
            _il.Emit(OpCodes.Add);
        }
        LdcI4(size);
        _il.Emit(OpCodes.Ldarg, ArgRf);
        _il.Emit(OpCodes.Call, Runtime(nameof(JitRuntime.LoadPacket)));
        var ok = _il.DefineLabel();
        _il.Emit(OpCodes.Brtrue, ok);
        _il.Emit(OpCodes.Ret); // aborted: rf[0] = 0 and the status tell every caller to return
        _il.MarkLabel(ok);
        LoadRf(JitFrame.Scratch);
        St(0);
    }
}
