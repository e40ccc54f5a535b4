using System.Globalization;
using System.Text;
using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Assembly;

/// <summary>Options for <see cref="Disassembler.Disassemble"/>.</summary>
/// <param name="Labels">Name branch targets (<c>L12:</c>) and print <c>goto L12</c> instead of <c>goto +3</c>.</param>
/// <param name="ShowPc">Prefix each line with its slot number, as <c>llvm-objdump -d</c> does.</param>
public sealed record DisassemblyOptions(bool Labels = false, bool ShowPc = false);

/// <summary>Prints instructions in the kernel/LLVM syntax that <c>llvm-objdump -d</c> (LLVM 14) uses for eBPF, e.g. <c>r0 = *(u32 *)(r1 + 4)</c>.</summary>
/// <remarks>
/// One canonical text per instruction; <see cref="Assembler"/> reads every form back to the same bytes.
/// Forms LLVM 14 cannot print follow newer LLVM (<c>r1 s/= r2</c>, <c>r1 = (s8)r2</c>, <c>r1 = *(s16 *)(r2 + 0)</c>,
/// <c>r1 = bswap16 r1</c>, <c>gotol +N</c>, <c>callx r2</c>, <c>w1 = atomic_fetch_add((u32 *)(r2 + 0), w1)</c>); local calls print as
/// <c>call pc+N</c> (bpftool), kfuncs as <c>call kfunc(N)</c>, pseudo <c>lddw</c> sources with RFC 9669's names (<c>r1 = map_by_fd(3) ll</c>).
/// </remarks>
public static class Disassembler
{
    /// <summary>The canonical text of one instruction, with numeric branch offsets.</summary>
    public static string Format(Instruction insn) => Format(insn, null);

    /// <summary>Disassembles a program, one instruction per line.</summary>
    public static string Disassemble(IReadOnlyList<Instruction> program, DisassemblyOptions? options = null)
    {
        options ??= new DisassemblyOptions();
        var pcs = new int[program.Count];
        var pc = 0;
        for (var i = 0; i < program.Count; i++)
        {
            pcs[i] = pc;
            pc += program[i].Width;
        }
        var targets = new SortedSet<int>();
        if (options.Labels)
        {
            for (var i = 0; i < program.Count; i++)
            {
                if (TargetOf(program[i], pcs[i]) is { } t)
                {
                    targets.Add(t);
                }
            }
        }
        var sb = new StringBuilder();
        for (var i = 0; i < program.Count; i++)
        {
            if (targets.Contains(pcs[i]))
            {
                sb.Append('L').Append(pcs[i]).Append(":\n");
            }
            string? label = null;
            if (options.Labels && TargetOf(program[i], pcs[i]) is { } target)
            {
                label = "L" + target.ToString(CultureInfo.InvariantCulture);
            }
            if (options.ShowPc)
            {
                sb.Append(pcs[i].ToString(CultureInfo.InvariantCulture).PadLeft(8)).Append(":\t");
            }
            else if (options.Labels)
            {
                sb.Append('\t');
            }
            sb.Append(Format(program[i], label)).Append('\n');
        }
        // A label past the last instruction (a jump to the end) is kept so the text re-assembles.
        if (options.Labels && targets.Contains(pc))
        {
            sb.Append('L').Append(pc).Append(":\n");
        }
        return sb.ToString();
    }

    /// <summary>The absolute slot a branch or local call goes to, or null.</summary>
    public static int? TargetOf(Instruction insn, int pc) =>
        insn.IsBranch || insn.IsLocalCall ? (int)(pc + 1 + insn.BranchOffset) : null;

    private static string R(Register r) => "r" + r.Index.ToString(CultureInfo.InvariantCulture);

    private static string W(Register r) => "w" + r.Index.ToString(CultureInfo.InvariantCulture);

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Rel(long v) => (v >= 0 ? "+" : "") + Num(v);

    private static string Addr(Register b, short off) => $"({R(b)} {(off < 0 ? "-" : "+")} {Math.Abs((int)off)})";

    private static string Format(Instruction insn, string? label)
    {
        var info = insn.Info;
        var op = insn.Op;
        var is64 = op.Class == OpClass.Alu64;
        Func<Register, string> reg = is64 ? R : W;
        var target = label ?? Rel(insn.BranchOffset);
        switch (info.Shape)
        {
            case OperandShape.AluImm or OperandShape.AluReg:
            {
                var rhs = info.Shape == OperandShape.AluImm ? Num(insn.Imm) : reg(insn.Src);
                return op.AluOp switch
                {
                    AluOp.MovSx8 => $"{reg(insn.Dst)} = (s8){rhs}",
                    AluOp.MovSx16 => $"{reg(insn.Dst)} = (s16){rhs}",
                    AluOp.MovSx32 => $"{reg(insn.Dst)} = (s32){rhs}",
                    var a => $"{reg(insn.Dst)} {AluOperator(a)} {rhs}",
                };
            }
            case OperandShape.AluUnary:
                return $"{reg(insn.Dst)} = -{reg(insn.Dst)}";
            case OperandShape.Endian:
                var kind = is64 ? "bswap" : op.Source == OperandSource.Reg ? "be" : "le";
                return $"{R(insn.Dst)} = {kind}{insn.Imm} {R(insn.Dst)}";
            case OperandShape.LoadImm64:
                return $"{R(insn.Dst)} = {LddwValue(insn, label)} ll";
            case OperandShape.LoadAbs:
                return $"r0 = *({op.Size.UnsignedName()} *)skb[{Num(insn.Imm)}]";
            case OperandShape.LoadInd:
                return insn.Imm == 0
                    ? $"r0 = *({op.Size.UnsignedName()} *)skb[{R(insn.Src)}]"
                    : $"r0 = *({op.Size.UnsignedName()} *)skb[{R(insn.Src)} {(insn.Imm < 0 ? "-" : "+")} {Math.Abs(insn.Imm)}]";
            case OperandShape.Load:
                return $"{R(insn.Dst)} = *({op.Size.UnsignedName()} *){Addr(insn.Src, insn.Offset)}";
            case OperandShape.LoadSx:
                return $"{R(insn.Dst)} = *(s{op.Size.Bytes() * 8} *){Addr(insn.Src, insn.Offset)}";
            case OperandShape.Store:
                return $"*({op.Size.UnsignedName()} *){Addr(insn.Dst, insn.Offset)} = {R(insn.Src)}";
            case OperandShape.StoreImm:
                return $"*({op.Size.UnsignedName()} *){Addr(insn.Dst, insn.Offset)} = {Num(insn.Imm)}";
            case OperandShape.Atomic:
                return FormatAtomic(insn);
            case OperandShape.Jump:
                return $"goto {target}";
            case OperandShape.JumpLong:
                return $"gotol {target}";
            case OperandShape.CondImm or OperandShape.CondReg:
            {
                Func<Register, string> creg = op.Class == OpClass.Jmp32 ? W : R;
                var rhs = info.Shape == OperandShape.CondImm ? Num(insn.Imm) : creg(insn.Src);
                return $"if {creg(insn.Dst)} {JumpOperator(op.JumpOp)} {rhs} goto {target}";
            }
            case OperandShape.Call:
                return (CallKind)insn.Src.Index switch
                {
                    CallKind.Local => label is null ? $"call pc{Rel(insn.Imm)}" : $"call {label}",
                    CallKind.Kfunc => $"call kfunc({Num(insn.Imm)})",
                    _ => $"call {Num(insn.Imm)}",
                };
            case OperandShape.CallX:
                return $"callx {R(insn.Dst)}";
            case OperandShape.Exit:
                return "exit";
            default:
                return $"<unknown opcode 0x{op.Raw:x2}>";
        }
    }

    private static string LddwValue(Instruction insn, string? label)
    {
        var lo = (int)insn.Imm;
        var hi = (int)(insn.Imm >> 32);
        return (PseudoSource)insn.Src.Index switch
        {
            PseudoSource.MapFd => $"map_by_fd({Num(lo)})",
            PseudoSource.MapValue => $"map_val(map_by_fd({Num(lo)})) + {Num(hi)}",
            PseudoSource.BtfId => $"var_addr({Num(lo)})",
            PseudoSource.Func => $"code_addr({Num(lo)})",
            PseudoSource.MapIdx => $"map_by_idx({Num(lo)})",
            PseudoSource.MapIdxValue => $"map_val(map_by_idx({Num(lo)})) + {Num(hi)}",
            _ => Num(insn.Imm),
        };
    }

    private static string FormatAtomic(Instruction insn)
    {
        var op = insn.Op;
        var is32 = op.Size == MemSize.W;
        var ty = op.Size.UnsignedName();
        var v = is32 ? W(insn.Src) : R(insn.Src);
        var at = $"{R(insn.Dst)} {(insn.Offset < 0 ? "-" : "+")} {Math.Abs((int)insn.Offset)}";
        return op.AtomicOp switch
        {
            AtomicOp.Add => $"lock *({ty} *)({at}) += {R(insn.Src)}",
            AtomicOp.Or => $"lock *({ty} *)({at}) |= {R(insn.Src)}",
            AtomicOp.And => $"lock *({ty} *)({at}) &= {R(insn.Src)}",
            AtomicOp.Xor => $"lock *({ty} *)({at}) ^= {R(insn.Src)}",
            AtomicOp.FetchAdd => $"{v} = atomic_fetch_add(({ty} *)({at}), {v})",
            AtomicOp.FetchOr => $"{v} = atomic_fetch_or(({ty} *)({at}), {v})",
            AtomicOp.FetchAnd => $"{v} = atomic_fetch_and(({ty} *)({at}), {v})",
            AtomicOp.FetchXor => $"{v} = atomic_fetch_xor(({ty} *)({at}), {v})",
            AtomicOp.Xchg => is32 ? $"{v} = xchg32_32({at}, {v})" : $"{v} = xchg_64({at}, {v})",
            AtomicOp.CmpXchg => is32 ? $"w0 = cmpxchg32_32({at}, w0, {v})" : $"r0 = cmpxchg_64({at}, r0, {v})",
            _ => $"<unknown atomic 0x{(int)op.AtomicOp:x}>",
        };
    }

    /// <summary>The compound-assignment operator of an ALU operation (<c>+=</c>, <c>s>>=</c>, <c>=</c> for mov…).</summary>
    public static string AluOperator(AluOp op) => op switch
    {
        AluOp.Add => "+=",
        AluOp.Sub => "-=",
        AluOp.Mul => "*=",
        AluOp.Div => "/=",
        AluOp.SDiv => "s/=",
        AluOp.Or => "|=",
        AluOp.And => "&=",
        AluOp.Lsh => "<<=",
        AluOp.Rsh => ">>=",
        AluOp.Mod => "%=",
        AluOp.SMod => "s%=",
        AluOp.Xor => "^=",
        AluOp.Mov => "=",
        AluOp.Arsh => "s>>=",
        _ => "?=",
    };

    /// <summary>The comparison operator of a conditional jump (<c>==</c>, <c>s&lt;=</c>, <c>&amp;</c> for jset…).</summary>
    public static string JumpOperator(JumpOp op) => op switch
    {
        JumpOp.JEq => "==",
        JumpOp.JGt => ">",
        JumpOp.JGe => ">=",
        JumpOp.JSet => "&",
        JumpOp.JNe => "!=",
        JumpOp.JSGt => "s>",
        JumpOp.JSGe => "s>=",
        JumpOp.JLt => "<",
        JumpOp.JLe => "<=",
        JumpOp.JSLt => "s<",
        JumpOp.JSLe => "s<=",
        _ => "?",
    };
}
