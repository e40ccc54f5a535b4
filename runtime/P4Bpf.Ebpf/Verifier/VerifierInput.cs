using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>A program to verify: its bytecode (8-byte slots), type and the maps its lddw instructions refer to by index.</summary>
public sealed record VerifierInput(EquatableArray<byte> Bytecode, ProgramType Type, IReadOnlyList<MapSpec> Maps)
{
    /// <summary>From normalised instructions (encoded here; an unencodable instruction becomes a verifier error).</summary>
    public static VerifierInput FromInstructions(IReadOnlyList<Instruction> instructions, ProgramType type, IReadOnlyList<MapSpec>? maps = null)
    {
        byte[] bytes;
        try
        {
            bytes = InstructionEncoder.Encode(instructions);
        }
        catch (IsaException)
        {
            bytes = EncodeLoosely(instructions);
        }
        return new VerifierInput(EquatableArray.Create<byte>(bytes), type, maps ?? []);
    }

    public static VerifierInput FromSpec(ProgramSpec program, IReadOnlyList<MapSpec> maps) => new(program.Bytecode, program.Type, maps);

    /// <summary>Encodes field by field without validation so that the verifier reports the bad instruction with its PC.</summary>
    private static byte[] EncodeLoosely(IReadOnlyList<Instruction> instructions)
    {
        var list = new List<byte>();
        foreach (var insn in instructions)
        {
            var off = insn.Offset;
            var imm = insn.Imm;
            var op = insn.Op;
            if (op.AluVariant != 0)
            {
                off = op.AluVariant;
            }
            if (op.IsAtomic)
            {
                imm = (long)op.AtomicOp;
            }
            list.Add(op.Raw);
            list.Add((byte)((insn.Src.Index << 4) | (insn.Dst.Index & 0xf)));
            list.Add((byte)off);
            list.Add((byte)(off >> 8));
            for (var i = 0; i < 4; i++)
            {
                list.Add((byte)(imm >> (8 * i)));
            }
            if (op.IsLoadImm64)
            {
                list.AddRange([0, 0, 0, 0]);
                for (var i = 4; i < 8; i++)
                {
                    list.Add((byte)(imm >> (8 * i)));
                }
            }
        }
        return [.. list];
    }
}
