using P4Bpf.Ebpf.Programs;

namespace P4Bpf.Ebpf.Objects;

/// <summary>One eBPF program of an object: self-contained bytecode (called functions appended) and its named references.</summary>
/// <param name="Name">The program's function symbol name.</param>
/// <param name="SectionName">The ELF section (libbpf <c>SEC()</c>), e.g. <c>xdp</c>, <c>tc</c>, <c>classifier/ingress</c>.</param>
/// <param name="Type">The program type, normally <see cref="ProgramSections.InferType"/> of the section name.</param>
/// <param name="Bytecode">Instructions as 8-byte little-endian slots (lddw takes two); map references and calls are already resolved.</param>
public sealed record ProgramSpec(string Name, string SectionName, ProgramType Type, EquatableArray<byte> Bytecode)
{
    /// <summary>Named references of instructions, sorted by instruction index.</summary>
    public EquatableArray<Relocation> Relocations { get; init; }

    /// <summary>The number of 8-byte instruction slots.</summary>
    public int InstructionCount => Bytecode.Length / BpfInstructionLayout.Size;

    /// <summary>Problems that make this program unwritable; empty when it is consistent with <paramref name="maps"/>.</summary>
    public IReadOnlyList<string> Validate(IReadOnlyList<MapSpec> maps)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(Name))
        {
            errors.Add("program has no name");
        }
        if (string.IsNullOrEmpty(SectionName) || SectionName == ".text")
        {
            errors.Add($"program '{Name}': invalid section name '{SectionName}'");
        }
        if (Bytecode.Length == 0 || Bytecode.Length % BpfInstructionLayout.Size != 0)
        {
            errors.Add($"program '{Name}': bytecode length {Bytecode.Length} is not a positive multiple of 8");
            return errors;
        }
        var code = Bytecode.AsSpan();
        var previous = -1;
        foreach (var relocation in Relocations)
        {
            var at = relocation.Instruction;
            if (at <= previous)
            {
                errors.Add($"program '{Name}': relocations must be sorted by instruction without duplicates");
            }
            previous = at;
            if (at < 0 || at >= InstructionCount)
            {
                errors.Add($"program '{Name}': relocation at {at} is outside the program");
                continue;
            }
            var opcode = code[at * 8];
            var src = code[(at * 8) + 1] >> 4;
            switch (relocation.Kind)
            {
                case RelocationKind.MapFd or RelocationKind.MapValue:
                    var wantSrc = relocation.Kind == RelocationKind.MapFd ? BpfInstructionLayout.PseudoMapFd : BpfInstructionLayout.PseudoMapValue;
                    if (opcode != BpfInstructionLayout.OpLddw || at + 1 >= InstructionCount || src != wantSrc)
                    {
                        errors.Add($"program '{Name}': instruction {at} is not an lddw with src={wantSrc} for map '{relocation.Target}'");
                    }
                    var index = -1;
                    for (var i = 0; i < maps.Count; i++)
                    {
                        if (maps[i].Name == relocation.Target)
                        {
                            index = i;
                            break;
                        }
                    }
                    if (index < 0)
                    {
                        errors.Add($"program '{Name}': instruction {at} refers to unknown map '{relocation.Target}'");
                    }
                    else if (relocation.Kind == RelocationKind.MapValue && relocation.Offset >= Math.Max(1, maps[index].ValueSize))
                    {
                        errors.Add($"program '{Name}': instruction {at} points past the value of '{relocation.Target}'");
                    }
                    break;
                case RelocationKind.Call:
                    if (opcode != BpfInstructionLayout.OpCall || src != BpfInstructionLayout.PseudoCall)
                    {
                        errors.Add($"program '{Name}': instruction {at} is not a bpf-to-bpf call");
                    }
                    break;
            }
        }
        return errors;
    }
}
