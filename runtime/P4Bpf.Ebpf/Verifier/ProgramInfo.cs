using P4Bpf.Ebpf.Isa;
using P4Bpf.Ebpf.Objects;
using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Verifier;

/// <summary>The decoded program and the facts the structural pass derived from it: subprograms, prune points, register liveness.</summary>
internal sealed class ProgramInfo
{
    public required Instruction?[] Insns { get; init; }
    public required ProgramType Type { get; init; }
    public required IReadOnlyList<MapSpec> Maps { get; init; }
    /// <summary>Sorted first instructions of the subprograms (0 first).</summary>
    public required int[] SubprogStarts { get; init; }
    /// <summary>Instructions where checkpoints are stored (jump targets, after branches, after calls).</summary>
    public required bool[] PrunePoints { get; init; }
    /// <summary>Registers that may be read before written from each instruction on, as bits 0–10.</summary>
    public required ushort[] LiveIn { get; init; }
    /// <summary>Subprograms used as callbacks (their address is taken by lddw).</summary>
    public required HashSet<int> CallbackStarts { get; init; }

    public int Length => Insns.Length;

    /// <summary>The index into <see cref="SubprogStarts"/> of the subprogram holding <paramref name="pc"/>.</summary>
    public int SubprogIndex(int pc)
    {
        var i = Array.BinarySearch(SubprogStarts, pc);
        return i >= 0 ? i : ~i - 1;
    }

    public int SubprogEnd(int index) => index + 1 < SubprogStarts.Length ? SubprogStarts[index + 1] : Length;
}
