using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>Static register liveness per instruction (backward dataflow inside each subprogram), so pruning ignores registers no later instruction reads.</summary>
internal static class Liveness
{
    private const ushort ArgRegs = 0b11_1110;       // r1–r5
    private const ushort CallerSaved = 0b11_1111;   // r0–r5

    public static ushort[] Compute(Instruction?[] insns)
    {
        var n = insns.Length;
        var use = new ushort[n];
        var def = new ushort[n];
        for (var pc = 0; pc < n; pc++)
        {
            if (insns[pc] is { } insn)
            {
                (use[pc], def[pc]) = UseDef(insn);
            }
        }
        var live = new ushort[n];
        var succs = new List<int>[n];
        for (var pc = 0; pc < n; pc++)
        {
            if (insns[pc] is not null)
            {
                succs[pc] = StructuralCheck.Successors(insns, pc);
            }
        }
        bool changed;
        do
        {
            changed = false;
            for (var pc = n - 1; pc >= 0; pc--)
            {
                if (insns[pc] is null)
                {
                    continue;
                }
                ushort outSet = 0;
                foreach (var s in succs[pc])
                {
                    outSet |= live[s];
                }
                var inSet = (ushort)(use[pc] | (outSet & ~def[pc]) | (1 << 10));
                if (inSet != live[pc])
                {
                    live[pc] = inSet;
                    changed = true;
                }
            }
        }
        while (changed);
        return live;
    }

    private static (ushort Use, ushort Def) UseDef(Instruction insn)
    {
        var d = (ushort)(1 << insn.Dst.Index);
        var s = insn.Src.Index <= 10 ? (ushort)(1 << insn.Src.Index) : (ushort)0;
        var op = insn.Op;
        switch (insn.Info.Shape)
        {
            case OperandShape.AluImm:
                return ((op.Raw & 0xf0) == (byte)AluOp.Mov ? (ushort)0 : d, d);
            case OperandShape.AluReg:
                return ((ushort)(s | ((op.Raw & 0xf0) == (byte)AluOp.Mov ? 0 : d)), d);
            case OperandShape.AluUnary or OperandShape.Endian:
                return (d, d);
            case OperandShape.LoadImm64:
                return (0, d);
            case OperandShape.Load or OperandShape.LoadSx:
                return (s, d);
            case OperandShape.StoreImm:
                return (d, 0);
            case OperandShape.Store:
                return ((ushort)(d | s), 0);
            case OperandShape.Atomic:
                if (op.AtomicOp == AtomicOp.CmpXchg)
                {
                    return ((ushort)(d | s | 1), (ushort)1);
                }
                return ((ushort)(d | s), (op.AtomicOp & AtomicOp.Fetch) != 0 ? s : (ushort)0);
            case OperandShape.LoadAbs:
                return (1 << 6, CallerSaved);
            case OperandShape.LoadInd:
                return ((ushort)((1 << 6) | s), CallerSaved);
            case OperandShape.CondImm:
                return (d, 0);
            case OperandShape.CondReg:
                return ((ushort)(d | s), 0);
            case OperandShape.Call:
                return (ArgRegs, CallerSaved);
            case OperandShape.Exit:
                return (1, 0);
            default:
                return (0, 0);
        }
    }
}
