namespace P4Bpf.Ebpf.Isa;

/// <summary>The one table of ISA facts, indexed by the opcode byte (RFC 9669 incl. v4 and the legacy packet loads).</summary>
/// <remarks>Decoder, encoder, assembler, disassembler and validation all read this table; nothing else hard-codes which opcodes exist.</remarks>
public static class OpcodeTable
{
    private static readonly short[] None = [];
    private static readonly short[] DivVariants = [0, 1];
    private static readonly short[] Mov32Variants = [0, 8, 16];
    private static readonly short[] Mov64Variants = [0, 8, 16, 32];
    private static readonly short[] Plain = [0];

    /// <summary>All 256 entries; invalid opcodes have <see cref="OperandShape.Invalid"/>.</summary>
    public static readonly OpcodeInfo[] Entries = Build();

    public static OpcodeInfo Get(byte raw) => Entries[raw];

    private static OpcodeInfo[] Build()
    {
        var table = new OpcodeInfo[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = Classify((byte)i);
        }
        return table;
    }

    private static OpcodeInfo Invalid(byte raw) => new(raw, "", OperandShape.Invalid, false, false, false, false, None);

    private static OpcodeInfo Classify(byte raw)
    {
        var op = new OpCode(raw);
        return op.Class switch
        {
            OpClass.Alu or OpClass.Alu64 => ClassifyAlu(raw, op),
            OpClass.Jmp or OpClass.Jmp32 => ClassifyJump(raw, op),
            _ => ClassifyMemory(raw, op),
        };
    }

    private static OpcodeInfo ClassifyAlu(byte raw, OpCode op)
    {
        var is64 = op.Class == OpClass.Alu64;
        var suffix = is64 ? "" : "32";
        var baseOp = (AluOp)(raw & 0xf0);
        var isReg = op.Source == OperandSource.Reg;
        switch (baseOp)
        {
            case AluOp.Neg:
                return isReg ? Invalid(raw) : new(raw, "neg" + suffix, OperandShape.AluUnary, true, false, false, false, Plain);
            case AluOp.End:
                if (is64 && isReg)
                {
                    return Invalid(raw);
                }
                var name = is64 ? "bswap" : isReg ? "be" : "le";
                return new(raw, name, OperandShape.Endian, true, false, false, true, Plain);
            case > AluOp.End:
                return Invalid(raw);
        }
        var mnemonic = AluName(baseOp) + suffix;
        var variants = baseOp switch
        {
            AluOp.Div or AluOp.Mod => DivVariants,
            AluOp.Mov when isReg => is64 ? Mov64Variants : Mov32Variants,
            _ => Plain,
        };
        return isReg
            ? new(raw, mnemonic, OperandShape.AluReg, true, true, false, false, variants)
            : new(raw, mnemonic, OperandShape.AluImm, true, false, false, true, variants);
    }

    /// <summary>The uBPF name of an ALU operation without the 32 suffix (<c>add</c>, <c>sdiv</c>, <c>movsx8</c>…).</summary>
    public static string AluName(AluOp op) => op switch
    {
        AluOp.Add => "add",
        AluOp.Sub => "sub",
        AluOp.Mul => "mul",
        AluOp.Div => "div",
        AluOp.Or => "or",
        AluOp.And => "and",
        AluOp.Lsh => "lsh",
        AluOp.Rsh => "rsh",
        AluOp.Neg => "neg",
        AluOp.Mod => "mod",
        AluOp.Xor => "xor",
        AluOp.Mov => "mov",
        AluOp.Arsh => "arsh",
        AluOp.End => "end",
        AluOp.SDiv => "sdiv",
        AluOp.SMod => "smod",
        AluOp.MovSx8 => "movsx8",
        AluOp.MovSx16 => "movsx16",
        AluOp.MovSx32 => "movsx32",
        _ => "?",
    };

    /// <summary>The uBPF name of a jump operation (<c>ja</c>, <c>jeq</c>…, <c>call</c>, <c>exit</c>).</summary>
    public static string JumpName(JumpOp op) => op switch
    {
        JumpOp.Ja => "ja",
        JumpOp.JEq => "jeq",
        JumpOp.JGt => "jgt",
        JumpOp.JGe => "jge",
        JumpOp.JSet => "jset",
        JumpOp.JNe => "jne",
        JumpOp.JSGt => "jsgt",
        JumpOp.JSGe => "jsge",
        JumpOp.Call => "call",
        JumpOp.Exit => "exit",
        JumpOp.JLt => "jlt",
        JumpOp.JLe => "jle",
        JumpOp.JSLt => "jslt",
        JumpOp.JSLe => "jsle",
        _ => "?",
    };

    private static OpcodeInfo ClassifyJump(byte raw, OpCode op)
    {
        var is32 = op.Class == OpClass.Jmp32;
        var isReg = op.Source == OperandSource.Reg;
        var jop = op.JumpOp;
        switch (jop)
        {
            case JumpOp.Ja:
                if (isReg)
                {
                    return Invalid(raw);
                }
                return is32
                    ? new(raw, "ja32", OperandShape.JumpLong, false, false, false, true, None)
                    : new(raw, "ja", OperandShape.Jump, false, false, true, false, None);
            case JumpOp.Call:
                if (is32)
                {
                    return Invalid(raw);
                }
                return isReg
                    ? new(raw, "callx", OperandShape.CallX, true, false, false, false, None)
                    : new(raw, "call", OperandShape.Call, false, true, false, true, None);
            case JumpOp.Exit:
                return is32 || isReg ? Invalid(raw) : new(raw, "exit", OperandShape.Exit, false, false, false, false, None);
            case > JumpOp.JSLe:
                return Invalid(raw);
        }
        var mnemonic = JumpName(jop) + (is32 ? "32" : "");
        return isReg
            ? new(raw, mnemonic, OperandShape.CondReg, true, true, true, false, None)
            : new(raw, mnemonic, OperandShape.CondImm, true, false, true, true, None);
    }

    private static OpcodeInfo ClassifyMemory(byte raw, OpCode op)
    {
        var size = op.Size;
        var sfx = size.Suffix();
        switch (op.Class, op.Mode)
        {
            case (OpClass.Ld, MemMode.Imm) when size == MemSize.DW:
                return new(raw, "lddw", OperandShape.LoadImm64, true, true, false, true, None);
            case (OpClass.Ld, MemMode.Abs) when size != MemSize.DW:
                return new(raw, "ldabs" + sfx, OperandShape.LoadAbs, false, false, false, true, None);
            case (OpClass.Ld, MemMode.Ind) when size != MemSize.DW:
                return new(raw, "ldind" + sfx, OperandShape.LoadInd, false, true, false, true, None);
            case (OpClass.Ldx, MemMode.Mem):
                return new(raw, "ldx" + sfx, OperandShape.Load, true, true, true, false, None);
            case (OpClass.Ldx, MemMode.MemSx) when size != MemSize.DW:
                return new(raw, "ldxs" + sfx, OperandShape.LoadSx, true, true, true, false, None);
            case (OpClass.St, MemMode.Mem):
                return new(raw, "st" + sfx, OperandShape.StoreImm, true, false, true, true, None);
            case (OpClass.Stx, MemMode.Mem):
                return new(raw, "stx" + sfx, OperandShape.Store, true, true, true, false, None);
            case (OpClass.Stx, MemMode.Atomic) when size is MemSize.W or MemSize.DW:
                return new(raw, size == MemSize.W ? "lock32" : "lock", OperandShape.Atomic, true, true, true, true, None);
            default:
                return Invalid(raw);
        }
    }
}
