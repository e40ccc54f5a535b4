using System.Buffers.Binary;
using System.Reflection.Emit;
using P4Bpf.Ebpf.Vm;

namespace P4Bpf.Ebpf.Jit;

internal sealed unsafe partial class JitEmitter
{
    /// <summary>ALU and ALU64: false when the opcode is not one the interpreter executes.</summary>
    private bool EmitAlu(VmInsn* i)
    {
        var is64 = (i->Code & 0x07) == 7;
        var reg = (i->Code & 0x08) != 0;
        var op = i->Code & 0xf0;
        int dst = i->Dst, src = i->Src;
        switch (op)
        {
            case 0x00: Binary(OpCodes.Add); return true;
            case 0x10: Binary(OpCodes.Sub); return true;
            case 0x20: Binary(OpCodes.Mul); return true;
            case 0x40: Binary(OpCodes.Or); return true;
            case 0x50: Binary(OpCodes.And); return true;
            case 0xa0: Binary(OpCodes.Xor); return true;
            case 0x60: Shift(OpCodes.Shl); return true;
            case 0x70: Shift(OpCodes.Shr_Un); return true;
            case 0xc0: Shift(OpCodes.Shr); return true;
            case 0x30 or 0x90:
            {
                // Divisor 0, -1 and INT_MIN are handled in JitRuntime; with an immediate divisor RyuJIT folds the checks away.
                var signed = i->Aux == 1;
                var name = (op == 0x30, signed, is64) switch
                {
                    (true, false, false) => nameof(JitRuntime.Div32),
                    (true, true, false) => nameof(JitRuntime.SDiv32),
                    (true, false, true) => nameof(JitRuntime.Div64),
                    (true, true, true) => nameof(JitRuntime.SDiv64),
                    (false, false, false) => nameof(JitRuntime.Mod32),
                    (false, true, false) => nameof(JitRuntime.SMod32),
                    (false, false, true) => nameof(JitRuntime.Mod64),
                    (false, true, true) => nameof(JitRuntime.SMod64),
                };
                Ld(dst);
                if (reg)
                {
                    Ld(src);
                }
                else
                {
                    LdcI8(i->Imm);
                }
                _il.Emit(OpCodes.Call, Runtime(name));
                St(dst);
                return true;
            }
            case 0x80 when !reg:
                Ld(dst);
                if (!is64)
                {
                    _il.Emit(OpCodes.Conv_U4);
                }
                _il.Emit(OpCodes.Neg);
                Widen();
                St(dst);
                return true;
            case 0xb0:
                EmitMov(i, is64, reg);
                return true;
            case 0xd0 when is64 ? i->Code == 0xd7 : i->Code is 0xd4 or 0xdc:
                EmitEndian(i);
                return true;
            default:
                return false;
        }

        void Binary(OpCode opcode)
        {
            Ld(dst);
            if (is64)
            {
                if (reg) Ld(src); else LdcI8(i->Imm);
            }
            else
            {
                _il.Emit(OpCodes.Conv_U4);
                if (reg)
                {
                    Ld(src);
                    _il.Emit(OpCodes.Conv_U4);
                }
                else
                {
                    LdcI4((int)i->Imm);
                }
            }
            _il.Emit(opcode);
            Widen();
            St(dst);
        }

        void Shift(OpCode opcode)
        {
            var mask = is64 ? 63 : 31;
            Ld(dst);
            if (!is64)
            {
                _il.Emit(OpCodes.Conv_U4);
            }
            if (reg)
            {
                Ld(src);
                _il.Emit(OpCodes.Conv_I4);
                LdcI4(mask);
                _il.Emit(OpCodes.And);
            }
            else
            {
                LdcI4((int)(i->Imm & mask));
            }
            _il.Emit(opcode);
            Widen();
            St(dst);
        }

        void Widen()
        {
            if (!is64)
            {
                _il.Emit(OpCodes.Conv_U8); // zero-extend the 32-bit result
            }
        }
    }

    private void EmitMov(VmInsn* i, bool is64, bool reg)
    {
        if (!reg)
        {
            LdcI8(is64 ? i->Imm : (long)(uint)i->Imm);
            St(i->Dst);
            return;
        }
        Ld(i->Src);
        if (is64)
        {
            switch (i->Aux)
            {
                case 0: break;
                case 8: _il.Emit(OpCodes.Conv_I1); _il.Emit(OpCodes.Conv_I8); break;
                case 16: _il.Emit(OpCodes.Conv_I2); _il.Emit(OpCodes.Conv_I8); break;
                default: _il.Emit(OpCodes.Conv_I4); _il.Emit(OpCodes.Conv_I8); break;
            }
        }
        else
        {
            _il.Emit(i->Aux switch { 0 => OpCodes.Conv_U4, 8 => OpCodes.Conv_I1, _ => OpCodes.Conv_I2 });
            _il.Emit(OpCodes.Conv_U8);
        }
        St(i->Dst);
    }

    private void EmitEndian(VmInsn* i)
    {
        Ld(i->Dst);
        if (i->Code == 0xd4)
        {
            // to little endian on a little-endian host: truncate
            switch (i->Imm)
            {
                case 16: _il.Emit(OpCodes.Conv_U2); _il.Emit(OpCodes.Conv_U8); break;
                case 32: _il.Emit(OpCodes.Conv_U4); _il.Emit(OpCodes.Conv_U8); break;
            }
        }
        else
        {
            var (narrow, type) = i->Imm switch
            {
                16 => (OpCodes.Conv_U2, typeof(ushort)),
                32 => (OpCodes.Conv_U4, typeof(uint)),
                _ => (OpCodes.Nop, typeof(ulong)),
            };
            if (type != typeof(ulong))
            {
                _il.Emit(narrow);
            }
            _il.Emit(OpCodes.Call, typeof(BinaryPrimitives).GetMethod(nameof(BinaryPrimitives.ReverseEndianness), [type])!);
            if (type != typeof(ulong))
            {
                _il.Emit(OpCodes.Conv_U8);
            }
        }
        St(i->Dst);
    }
}
