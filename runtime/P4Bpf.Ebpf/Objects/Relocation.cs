namespace P4Bpf.Ebpf.Objects;

/// <summary>A named reference from one program instruction to a map, a data section or a function.</summary>
/// <param name="Instruction">Index of the instruction slot (8-byte units) in <see cref="ProgramSpec.Bytecode"/>; for lddw, its first slot.</param>
/// <param name="Kind">What is referenced.</param>
/// <param name="Target">The map name (for data sections the section name, e.g. <c>.rodata</c>) or the callee function's name.</param>
/// <param name="Offset">For <see cref="RelocationKind.MapValue"/> the byte offset into the value; for <see cref="RelocationKind.Call"/> the instruction offset of the call target inside the callee (normally 0).</param>
/// <remarks>The bytecode is already resolved (map index in imm, call imm pc-relative); relocations keep names so writers and loaders do not depend on indices.</remarks>
public sealed record Relocation(int Instruction, RelocationKind Kind, string Target, uint Offset = 0)
{
    public override string ToString() => Kind switch
    {
        RelocationKind.MapValue => $"{Instruction}: {Kind} {Target}+{Offset}",
        RelocationKind.Call when Offset != 0 => $"{Instruction}: {Kind} {Target}+{Offset}",
        _ => $"{Instruction}: {Kind} {Target}",
    };
}
