namespace P4Bpf.Ebpf.Objects;

/// <summary>What a program instruction refers to by name.</summary>
public enum RelocationKind
{
    /// <summary><c>lddw rX, map</c>: the instruction is <c>lddw src=1</c> (BPF_PSEUDO_MAP_FD) with imm = the map's index in <see cref="ObjectSpec.Maps"/>.</summary>
    MapFd,

    /// <summary><c>lddw rX, &amp;section[offset]</c>: <c>lddw src=2</c> (BPF_PSEUDO_MAP_VALUE), first imm = map index, second imm = offset.</summary>
    MapValue,

    /// <summary><c>call</c> with src=1 (BPF_PSEUDO_CALL) to a function linked into the same program; <see cref="Relocation.Target"/> names the callee.</summary>
    Call,
}
