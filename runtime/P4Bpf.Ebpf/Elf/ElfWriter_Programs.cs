using System.Buffers.Binary;
using P4Bpf.Ebpf.Objects;

namespace P4Bpf.Ebpf.Elf;

public sealed partial class ElfWriter
{
    private const int Slot = BpfInstructionLayout.Size;

    /// <summary>A program split back into its main function and the functions appended after it.</summary>
    private sealed record SplitProgram(ProgramSpec Spec, byte[] Code, int MainLength, List<(string Name, int Start, int Length)> Functions)
    {
        public OutSection? Section { get; set; }
        public ulong SectionOffset { get; set; }
        public ulong TextOffset { get; set; }
        public Dictionary<int, OutSymbol> FunctionSymbols { get; } = [];
    }

    /// <summary>
    /// Finds the function boundaries in each self-contained program (every bpf-to-bpf call target starts one) and
    /// normalises instructions to what clang emits: lddw of maps with src=0 and the addend in imm, calls relative.
    /// </summary>
    private List<SplitProgram> SplitPrograms()
    {
        var result = new List<SplitProgram>();
        foreach (var program in spec.Programs)
        {
            var code = program.Bytecode.AsSpan().ToArray();
            var count = code.Length / Slot;
            var namedCalls = program.Relocations.Where(r => r.Kind == RelocationKind.Call).Select(r => r.Instruction).ToHashSet();
            var names = new SortedDictionary<int, string>();
            foreach (var relocation in program.Relocations.Where(r => r.Kind == RelocationKind.Call))
            {
                var target = CallTarget(code, relocation.Instruction);
                var start = target - (int)relocation.Offset;
                names.TryAdd(start, relocation.Target);
            }
            for (var i = 0; i < count; i++)
            {
                if (code[i * Slot] == BpfInstructionLayout.OpCall && code[(i * Slot) + 1] >> 4 == BpfInstructionLayout.PseudoCall)
                {
                    var target = CallTarget(code, i);
                    if (target <= 0 || target >= count)
                    {
                        throw new ArgumentException($"program '{program.Name}': call at {i} targets {target}, outside the called functions");
                    }
                    if (!namedCalls.Contains(i))
                    {
                        names.TryAdd(target, $"{program.Name}__f{target}");
                    }
                }
                else if (code[i * Slot] == BpfInstructionLayout.OpLddw)
                {
                    i++;
                }
            }
            var mainLength = names.Count == 0 ? count : names.Keys.First();
            var starts = names.Keys.ToList();
            var functions = starts.Select((s, k) => (names[s], s, (k + 1 < starts.Count ? starts[k + 1] : count) - s)).ToList();
            foreach (var relocation in program.Relocations)
            {
                var at = relocation.Instruction * Slot;
                if (relocation.Kind is RelocationKind.MapFd or RelocationKind.MapValue
                    && spec.Map(relocation.Target)!.IsDataSection != (relocation.Kind == RelocationKind.MapValue))
                {
                    throw new ArgumentException(
                        $"program '{program.Name}': instruction {relocation.Instruction}: ELF expresses {relocation.Kind} only for "
                        + (relocation.Kind == RelocationKind.MapValue ? "global data sections" : "maps that are not data sections")
                        + $", not '{relocation.Target}'");
                }
                switch (relocation.Kind)
                {
                    case RelocationKind.MapFd:
                        code[at + 1] &= 0x0F;
                        BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at + BpfInstructionLayout.ImmOffset), 0);
                        BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at + Slot + BpfInstructionLayout.ImmOffset), 0);
                        break;
                    case RelocationKind.MapValue:
                        code[at + 1] &= 0x0F;
                        BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at + BpfInstructionLayout.ImmOffset), (int)relocation.Offset);
                        BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at + Slot + BpfInstructionLayout.ImmOffset), 0);
                        break;
                    case RelocationKind.Call when relocation.Instruction < mainLength:
                        // Calls out of the main function get an R_BPF_64_32 against the callee: imm = offset inside it - 1.
                        BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan(at + BpfInstructionLayout.ImmOffset), (int)relocation.Offset - 1);
                        break;
                }
            }
            for (var i = 0; i < mainLength; i++)
            {
                if (code[i * Slot] == BpfInstructionLayout.OpCall && code[(i * Slot) + 1] >> 4 == BpfInstructionLayout.PseudoCall
                    && !namedCalls.Contains(i))
                {
                    // A call without a named relocation: it targets the start of an auto-named function.
                    BinaryPrimitives.WriteInt32LittleEndian(code.AsSpan((i * Slot) + BpfInstructionLayout.ImmOffset), -1);
                }
            }
            for (var i = mainLength; i < count; i++)
            {
                if (code[i * Slot] == BpfInstructionLayout.OpCall && code[(i * Slot) + 1] >> 4 == BpfInstructionLayout.PseudoCall
                    && CallTarget(program.Bytecode.AsSpan(), i) < mainLength)
                {
                    throw new ArgumentException($"program '{program.Name}': call at {i} goes back into the main function, which ELF cannot express");
                }
            }
            result.Add(new SplitProgram(program, code, mainLength, functions));
        }
        return result;
    }

    private static int CallTarget(ReadOnlySpan<byte> code, int instruction) =>
        instruction + 1 + BinaryPrimitives.ReadInt32LittleEndian(code[((instruction * Slot) + BpfInstructionLayout.ImmOffset)..]);

    /// <summary>One section per distinct section name, in order of first use; several programs in a section are concatenated.</summary>
    private Dictionary<string, OutSection> AddProgramSections(List<SplitProgram> programs)
    {
        var byName = new Dictionary<string, OutSection>(StringComparer.Ordinal);
        foreach (var program in programs)
        {
            if (!byName.TryGetValue(program.Spec.SectionName, out var section))
            {
                section = AddSection(program.Spec.SectionName, Elf64Layout.ShtProgBits, Elf64Layout.ShfAlloc | Elf64Layout.ShfExecInstr, 8);
                byName.Add(program.Spec.SectionName, section);
            }
            program.Section = section;
            program.SectionOffset = (ulong)section.Data.Count;
            section.Data.AddRange(program.Code.AsSpan(0, program.MainLength * Slot));
            var symbol = AddSymbol(program.Spec.Name, Elf64Layout.StbGlobal, Elf64Layout.SttFunc, section, program.SectionOffset, (ulong)program.MainLength * Slot);
            programSymbols.Add(program.Spec.Name, symbol);
        }
        return byName;
    }

    /// <summary>Each program's called functions, copied into <c>.text</c> in the order they follow the main function.</summary>
    private OutSection? AddTextSection(List<SplitProgram> programs)
    {
        if (programs.All(p => p.Functions.Count == 0))
        {
            return null;
        }
        var text = AddSection(".text", Elf64Layout.ShtProgBits, Elf64Layout.ShfAlloc | Elf64Layout.ShfExecInstr, 8);
        foreach (var program in programs)
        {
            program.TextOffset = (ulong)text.Data.Count;
            text.Data.AddRange(program.Code.AsSpan(program.MainLength * Slot));
            foreach (var (name, start, length) in program.Functions)
            {
                var value = program.TextOffset + ((ulong)(start - program.MainLength) * Slot);
                program.FunctionSymbols[start] = AddSymbol(name, Elf64Layout.StbLocal, Elf64Layout.SttFunc, text, value, (ulong)length * Slot);
            }
        }
        return text;
    }

    private void EmitProgramRelocations(List<SplitProgram> programs, Dictionary<string, OutSection> programSections, OutSection? text)
    {
        _ = programSections;
        foreach (var program in programs)
        {
            var byInstruction = program.Spec.Relocations.ToDictionary(r => r.Instruction);
            for (var i = 0; i < program.Code.Length / Slot; i++)
            {
                var inMain = i < program.MainLength;
                var target = inMain ? program.Section! : text!;
                var offset = inMain ? program.SectionOffset + ((ulong)i * Slot) : program.TextOffset + ((ulong)(i - program.MainLength) * Slot);
                var relocation = byInstruction.GetValueOrDefault(i);
                var isCall = program.Code[i * Slot] == BpfInstructionLayout.OpCall && program.Code[(i * Slot) + 1] >> 4 == BpfInstructionLayout.PseudoCall;
                switch (relocation?.Kind)
                {
                    case RelocationKind.MapFd:
                        relocations.Add(new OutRelocation(target, offset, mapSymbols[relocation.Target], Elf64Layout.RBpf64_64));
                        break;
                    case RelocationKind.MapValue:
                        relocations.Add(new OutRelocation(target, offset, dataSectionSymbols[relocation.Target], Elf64Layout.RBpf64_64));
                        break;
                    default:
                        if (isCall && inMain)
                        {
                            var callee = CallTarget(program.Spec.Bytecode.AsSpan(), i) - (int)(relocation?.Offset ?? 0);
                            relocations.Add(new OutRelocation(target, offset, program.FunctionSymbols[callee], Elf64Layout.RBpf64_32));
                        }
                        break;
                }
            }
        }
    }
}
