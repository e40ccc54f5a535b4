using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Loads, stores and atomics: which pointer types may be dereferenced and where (<c>check_mem_access</c>).</summary>
internal sealed partial class AbstractInterpreter
{
    private void LoadImm64(Instruction insn, int pc)
    {
        ref var dst = ref Reg(insn.Dst);
        var index = (int)(uint)insn.Imm;
        switch ((PseudoSource)insn.Src.Index)
        {
            case PseudoSource.MapFd or PseudoSource.MapIdx:
                dst = RegState.Pointer(RegType.ConstMapPtr);
                dst.MapIndex = index;
                break;
            case PseudoSource.MapValue or PseudoSource.MapIdxValue:
                dst = RegState.Pointer(RegType.MapValue, (int)(uint)(insn.Imm >> 32));
                dst.MapIndex = index;
                break;
            case PseudoSource.Func:
                dst = RegState.Pointer(RegType.Func);
                dst.Frame = pc + index + 1;
                break;
            default:
                dst = RegState.Const((ulong)insn.Imm);
                break;
        }
    }

    private void CheckLoad(Instruction insn, int pc)
    {
        var baseReg = Read(insn.Src, pc);
        var size = insn.Op.Size.Bytes();
        var value = AccessMemory(insn.Src.Index, baseReg, insn.Offset, size, write: false, null, pc, atomic: false);
        if (insn.Info.Shape == OperandShape.LoadSx && value.Type == RegType.Scalar)
        {
            value = RegState.ScalarOf(Scalar.SignExtend(value.Var, size * 8, true));
        }
        Reg(insn.Dst) = value;
    }

    private void CheckStore(Instruction insn, int pc)
    {
        var baseReg = Read(insn.Dst, pc);
        var size = insn.Op.Size.Bytes();
        RegState value;
        if (insn.Info.Shape == OperandShape.StoreImm)
        {
            if (baseReg.Type == RegType.Ctx)
            {
                throw Error(VerifierErrorKind.InvalidContextAccess, pc, $"BPF_ST stores into R{insn.Dst.Index} ctx is not allowed");
            }
            value = RegState.Const((ulong)insn.Imm);
        }
        else
        {
            value = Read(insn.Src, pc);
        }
        AccessMemory(insn.Dst.Index, baseReg, insn.Offset, size, write: true, value, pc, atomic: false);
    }

    private void CheckAtomic(Instruction insn, int pc)
    {
        var baseReg = Read(insn.Dst, pc);
        var value = Read(insn.Src, pc);
        var op = insn.Op.AtomicOp;
        if (op == AtomicOp.CmpXchg)
        {
            Read(Register.R0, pc);
        }
        if (baseReg.Type is RegType.Ctx or RegType.Packet or RegType.PacketMeta)
        {
            throw Error(VerifierErrorKind.InvalidMemoryAccess, pc, $"BPF_ATOMIC stores into R{insn.Dst.Index} {baseReg.Type.KernelName()} is not allowed");
        }
        if (value.Type != RegType.Scalar && (op & AtomicOp.Fetch) == 0)
        {
            // A privileged loader may store a pointer; the memory then holds an unknown number.
        }
        var size = insn.Op.Size.Bytes();
        AccessMemory(insn.Dst.Index, baseReg, insn.Offset, size, write: false, null, pc, atomic: true);
        AccessMemory(insn.Dst.Index, baseReg, insn.Offset, size, write: true, RegState.UnknownScalar, pc, atomic: true);
        var loaded = RegState.ScalarOf(size == 8 ? Scalar.Unknown : Scalar.UpTo(uint.MaxValue));
        if (op == AtomicOp.CmpXchg)
        {
            Regs[0] = loaded;
        }
        else if ((op & AtomicOp.Fetch) != 0)
        {
            Reg(insn.Src) = loaded;
        }
    }

    /// <summary>Checks one access through <paramref name="baseReg"/> and returns the loaded value (for reads).</summary>
    private RegState AccessMemory(int regno, RegState baseReg, int insnOff, int size, bool write, RegState? value, int pc, bool atomic)
    {
        switch (baseReg.Type)
        {
            case RegType.Stack:
                return StackAccess(regno, baseReg, insnOff, size, write, value, pc, atomic);
            case RegType.MapValue:
                CheckMapValueAccess(regno, baseReg, insnOff, size, write, pc, atomic);
                return LoadedScalar(size);
            case RegType.Packet or RegType.PacketMeta:
                if (write && _p.Type == ProgramType.SocketFilter)
                {
                    throw Error(VerifierErrorKind.InvalidMemoryAccess, pc, "cannot write into packet");
                }
                CheckPacketAccess(regno, baseReg, insnOff, size, pc);
                return LoadedScalar(size);
            case RegType.Ctx:
                return CtxAccess(regno, baseReg, insnOff, size, write, pc);
            case RegType.Mem:
                CheckBounded(regno, baseReg, insnOff, size, baseReg.MemSize, pc, VerifierErrorKind.MemoryOutOfBounds,
                    (off, sz) => $"invalid access to memory, mem_size={baseReg.MemSize} off={off} size={sz}");
                if (atomic)
                {
                    CheckAlignment(baseReg, insnOff, size, pc, "");
                }
                return LoadedScalar(size);
            default:
                throw Error(VerifierErrorKind.InvalidMemoryAccess, pc, $"R{regno} invalid mem access '{baseReg.Type.KernelName()}'");
        }
    }

    private static RegState LoadedScalar(int size) => RegState.ScalarOf(size >= 8 ? Scalar.Unknown : Scalar.UpTo((1UL << (size * 8)) - 1));

    private void CheckAlignment(RegState reg, int insnOff, int size, int pc, string what)
    {
        var fixedOff = reg.Off + insnOff;
        var lowBits = (ulong)(size - 1);
        if (((ulong)fixedOff & lowBits) != 0 || ((reg.Var.Var.Value | reg.Var.Var.Mask) & lowBits) != 0)
        {
            throw Error(VerifierErrorKind.InvalidMemoryAccess, pc, $"misaligned {what}access off {reg.Var.Var}+{reg.Off}+{insnOff} size {size}");
        }
    }

    /// <summary>Bounds of an access with a variable offset into an object of <paramref name="memSize"/> bytes (<c>check_mem_region_access</c>).</summary>
    private void CheckBounded(int regno, RegState reg, int insnOff, int size, int memSize, int pc, VerifierErrorKind kind, Func<long, int, string> message)
    {
        if (reg.Var.SMin < 0)
        {
            throw Error(kind, pc, $"R{regno} min value is negative, either use unsigned index or do a if (index >=0) check.");
        }
        if (reg.Var.UMax >= (ulong)MaxVarOff)
        {
            throw Error(kind, pc, $"R{regno} unbounded memory access, make sure to bounds check any such access");
        }
        long off = reg.Off + insnOff;
        var lo = off + reg.Var.SMin;
        var hi = off + (long)reg.Var.UMax;
        if (lo < 0)
        {
            throw Error(kind, pc, message(lo, size));
        }
        if (hi + size > memSize)
        {
            throw Error(kind, pc, message(hi, size));
        }
    }

    private void CheckMapValueAccess(int regno, RegState reg, int insnOff, int size, bool write, int pc, bool atomic)
    {
        var map = MapOf(reg);
        CheckBounded(regno, reg, insnOff, size, (int)map.ValueSize, pc, VerifierErrorKind.MapValueOutOfBounds,
            (off, sz) => $"invalid access to map value, value_size={map.ValueSize} off={off} size={sz}");
        if (write && (map.Flags & MapSpec.FlagReadOnlyProg) != 0)
        {
            throw Error(VerifierErrorKind.MapValueOutOfBounds, pc, $"write into map forbidden, value_size={map.ValueSize} off={reg.Off + insnOff} size={size}");
        }
        if (SpinLocks.Offset(map) is { } lockOff)
        {
            var lo = reg.Off + insnOff + reg.Var.SMin;
            var hi = reg.Off + insnOff + (long)reg.Var.UMax + size;
            if (lo < lockOff + 4 && hi > lockOff)
            {
                throw Error(VerifierErrorKind.SpinLock, pc, "bpf_spin_lock cannot be accessed directly by load/store");
            }
        }
        if (atomic)
        {
            CheckAlignment(reg, insnOff, size, pc, "value ");
        }
    }

    private void CheckPacketAccess(int regno, RegState reg, int insnOff, int size, int pc)
    {
        if (reg.Var.SMin < 0)
        {
            throw Error(VerifierErrorKind.PacketOutOfBounds, pc, $"R{regno} min value is negative, either use unsigned index or do a if (index >=0) check.");
        }
        var off = reg.Off + insnOff;
        if (off < 0 || off + size > reg.Range)
        {
            throw Error(VerifierErrorKind.PacketOutOfBounds, pc, $"invalid access to packet, off={off} size={size}, R{regno}{reg.PacketForm()}");
        }
    }

    private RegState CtxAccess(int regno, RegState reg, int insnOff, int size, bool write, int pc)
    {
        if (reg.Off != 0)
        {
            throw Error(VerifierErrorKind.InvalidContextAccess, pc, $"dereference of modified ctx ptr R{regno} off={reg.Off} disallowed");
        }
        if (!reg.Var.IsConst || reg.Var.Value != 0)
        {
            throw Error(VerifierErrorKind.InvalidContextAccess, pc, $"variable ctx access var_off={reg.Var.Var} disallowed");
        }
        var result = ContextLayout.Access(_p.Type, insnOff, size, write);
        if (result is null)
        {
            throw Error(VerifierErrorKind.InvalidContextAccess, pc, $"invalid bpf_context access off={insnOff} size={size}");
        }
        if (write)
        {
            return default;
        }
        return result.Value == RegType.Scalar ? LoadedScalar(size) : RegState.Pointer(result.Value);
    }

    private void CheckLegacyPacketLoad(Instruction insn, int pc)
    {
        var r6 = Regs[6];
        if (r6.Type != RegType.Ctx)
        {
            throw Error(VerifierErrorKind.InvalidMemoryAccess, pc, "at the time of BPF_LD_ABS|IND R6 != pointer to skb");
        }
        if (_state.Refs.Count > 0)
        {
            throw Error(VerifierErrorKind.ReferenceLeak, pc, "BPF_LD_[ABS|IND] cannot be mixed with socket references");
        }
        if (insn.Info.Shape == OperandShape.LoadInd)
        {
            var src = Read(insn.Src, pc);
            if (src.Type != RegType.Scalar)
            {
                throw Error(VerifierErrorKind.InvalidMemoryAccess, pc, $"R{insn.Src.Index} type={src.Type.KernelName()} expected=scalar");
            }
        }
        for (var i = 1; i <= 5; i++)
        {
            Regs[i] = RegState.NotInit;
        }
        Regs[0] = LoadedScalar(insn.Op.Size.Bytes());
    }
}
