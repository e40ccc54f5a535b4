using P4Bpf.Ebpf.Isa;

namespace P4Bpf.Ebpf.Vm;

/// <summary>A program checked and pre-decoded for execution: every branch lands on an instruction, no pseudo <c>lddw</c> is left, no kfunc call.</summary>
/// <remarks>Immutable and shareable between threads; the code lives in a pinned array so engines can hold raw pointers into it.</remarks>
public sealed unsafe class VmProgram
{
    private readonly VmInsn[] _code;

    private VmProgram(string name, Instruction[] instructions, VmInsn[] code, bool verified)
    {
        Name = name;
        IsVerified = verified;
        Instructions = instructions;
        _code = code;
        Code = (VmInsn*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref code[0]);
    }

    public string Name { get; }

    /// <summary>True when the verifier accepted the program this code was loaded from (set by <see cref="Loading.Loader"/> only).</summary>
    /// <remarks>Code that is not verified may run only with bounds checks (the checked interpreter); the JIT and the unchecked
    /// interpreter of the engine refuse it, and so does a tail call into it from an unchecked run.</remarks>
    public bool IsVerified { get; }

    /// <summary>The instructions the program was built from.</summary>
    public IReadOnlyList<Instruction> Instructions { get; }

    /// <summary>Number of 8-byte slots.</summary>
    public int SlotCount => _code.Length - 1;

    internal VmInsn* Code { get; }

    /// <summary>Decodes bytecode and prepares it (see <see cref="Create(IReadOnlyList{Instruction}, string)"/>).</summary>
    public static VmProgram FromBytes(ReadOnlySpan<byte> bytecode, string name = "prog")
    {
        try
        {
            return Create(InstructionDecoder.Decode(bytecode), name);
        }
        catch (IsaException e)
        {
            throw new VmException(VmErrorKind.InvalidInstruction, e.Pc, e.Message);
        }
    }

    /// <summary>Checks and pre-decodes a program; throws <see cref="VmException"/> for what cannot run.</summary>
    public static VmProgram Create(IReadOnlyList<Instruction> instructions, string name = "prog") => Create(instructions, name, verified: false);

    /// <summary>As <see cref="Create(IReadOnlyList{Instruction}, string)"/>; <paramref name="verified"/> records that the verifier accepted the program.</summary>
    internal static VmProgram Create(IReadOnlyList<Instruction> instructions, string name, bool verified)
    {
        if (instructions.Count == 0)
        {
            throw new VmException(VmErrorKind.EmptyProgram, 0, "the program has no instructions");
        }
        var slots = 0;
        foreach (var insn in instructions)
        {
            slots += insn.Width;
        }
        // One sentinel slot past the end: running into it reports "ran past the end".
        var code = GC.AllocateArray<VmInsn>(slots + 1, pinned: true);
        var starts = new bool[slots + 1];
        var pc = 0;
        foreach (var insn in instructions)
        {
            starts[pc] = true;
            pc += insn.Width;
        }
        pc = 0;
        foreach (var insn in instructions)
        {
            code[pc] = Lower(insn, pc, slots, starts);
            pc += insn.Width;
        }
        return new VmProgram(name, [.. instructions], code, verified);
    }

    private static VmInsn Lower(Instruction insn, int pc, int slots, bool[] starts)
    {
        var info = insn.Info;
        if (!info.IsValid)
        {
            throw new VmException(VmErrorKind.InvalidInstruction, pc, $"unknown opcode 0x{insn.Op.Raw:x2} at PC {pc}");
        }
        if (!insn.Dst.IsValid || (info.UsesSrc && info.Shape is not (OperandShape.LoadImm64 or OperandShape.Call) && !insn.Src.IsValid))
        {
            throw new VmException(VmErrorKind.InvalidInstruction, pc, $"invalid register at PC {pc}");
        }
        var v = new VmInsn
        {
            Code = insn.Op.Raw,
            Dst = insn.Dst.Index,
            Src = insn.Src.Index,
            Off = insn.Offset,
            Imm = insn.Imm,
        };
        switch (info.Shape)
        {
            case OperandShape.AluImm or OperandShape.AluReg:
                v.Aux = insn.Op.AluVariant;
                break;
            case OperandShape.Atomic:
                v.Aux = (byte)insn.Op.AtomicOp;
                break;
            case OperandShape.LoadImm64 when insn.Src.Index != 0:
                throw new VmException(VmErrorKind.UnresolvedPseudo, pc,
                    $"unresolved lddw pseudo source {(PseudoSource)insn.Src.Index} at PC {pc}: a loader must resolve it before the program runs");
            case OperandShape.Call when insn.Src.Index == (byte)CallKind.Kfunc:
                throw new VmException(VmErrorKind.Unsupported, pc, $"not supported yet: kfunc call at PC {pc}");
            case OperandShape.Jump or OperandShape.JumpLong or OperandShape.CondImm or OperandShape.CondReg:
            case OperandShape.Call when insn.Src.Index == (byte)CallKind.Local:
            {
                var target = pc + 1 + insn.BranchOffset;
                if (target < 0 || target >= slots || !starts[target])
                {
                    throw new VmException(VmErrorKind.JumpOutOfBounds, pc, target < 0 || target >= slots
                        ? $"jump out of bounds at PC {pc}"
                        : $"jump into the middle of lddw at PC {pc}");
                }
                v.Off = (int)insn.BranchOffset;
                break;
            }
        }
        return v;
    }
}
